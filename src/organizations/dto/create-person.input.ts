import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { OptionalText, RequiredText, SHORT_TEXT_MAX } from '../../common/validation/decorators';

@InputType({ description: 'A new person' })
export class CreatePersonInput {
  @Field({ description: "The person's full name as they write it" })
  @RequiredText(200)
  fullName: string;

  @Field(() => String, { nullable: true, description: "Their position, in the request's locale (Accept-Language)" })
  @OptionalText(SHORT_TEXT_MAX)
  position?: string | null;

  @TranslationsInputField('position')
  positionTranslations?: TranslationInput[] | null;

  @Field(() => ID, { nullable: true, description: 'The organisation they work for' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}
