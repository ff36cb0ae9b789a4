import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { LOCALES } from '../../i18n/locales';
import type { Locale } from '../../i18n/locales';
import { LocaleEnum } from '../../i18n/translation.types';

@InputType({ description: 'A request to follow one public record by e-mail: exactly one of recommendationId, indicatorId, organizationId' })
export class FollowByEmailInput {
  @Field({ description: 'The address to mail (a confirmation first: double opt-in)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({ allow_display_name: false, require_tld: true })
  @MaxLength(254)
  email: string;

  @Field(() => ID, { nullable: true, description: 'Follow this recommendation (its transitions and published assessments)' })
  @IsOptional()
  @IsUUID()
  recommendationId?: string | null;

  @Field(() => ID, { nullable: true, description: "Follow this indicator (its approved values)" })
  @IsOptional()
  @IsUUID()
  indicatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Follow this organisation (the recommendations and indicators it is responsible for)' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => LocaleEnum, { nullable: true, description: "The language of the mails (default: the request's language, Accept-Language)" })
  @IsOptional()
  @IsIn(LOCALES)
  language?: Locale | null;
}
