import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsUUID } from 'class-validator';
import { DESCRIPTION_MAX, OptionalText, TITLE_MAX } from '../../common/validation/decorators';
import { BarrierCategory } from '../barrier-category.enum';

@InputType()
export class CreateBarrierInput {
  @Field(() => String, { nullable: true, description: "in the request's locale (Accept-Language); this or titleTranslations is required" })
  @OptionalText(TITLE_MAX)
  title?: string | null;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true })
  @OptionalText(DESCRIPTION_MAX)
  description?: string | null;

  @TranslationsInputField('description')
  descriptionTranslations?: TranslationInput[] | null;

  @Field(() => BarrierCategory)
  @IsEnum(BarrierCategory)
  category: BarrierCategory;

  @Field(() => [ID], { description: 'the meetings where it was raised; at least one' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  meetingIds: string[];
}
