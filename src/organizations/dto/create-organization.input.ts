import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, InputType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { OptionalText, SHORT_TEXT_MAX } from '../../common/validation/decorators';
import { OrganizationKind } from '../organization-kind.enum';

@InputType({ description: 'A new organisation' })
export class CreateOrganizationInput {
  @Field(() => String, { nullable: true, description: "In the request's locale (Accept-Language); this or nameTranslations is required" })
  @OptionalText(SHORT_TEXT_MAX)
  name?: string | null;

  @TranslationsInputField('name')
  nameTranslations?: TranslationInput[] | null;

  @Field(() => OrganizationKind, { description: 'What kind of organisation it is' })
  @IsEnum(OrganizationKind)
  kind: OrganizationKind;
}
