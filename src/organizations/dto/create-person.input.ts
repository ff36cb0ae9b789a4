import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { OptionalText, RequiredText, SHORT_TEXT_MAX } from '../../common/validation/decorators';

@InputType()
export class CreatePersonInput {
  @Field()
  @RequiredText(200)
  fullName: string;

  @Field(() => String, { nullable: true })
  @OptionalText(SHORT_TEXT_MAX)
  position?: string | null;

  @TranslationsInputField('position')
  positionTranslations?: TranslationInput[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}
