import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsUUID } from 'class-validator';
import { DESCRIPTION_MAX, OptionalText, TITLE_MAX } from '../../common/validation/decorators';
import { BarrierCategory } from '../barrier-category.enum';

@InputType({ description: 'A new barrier' })
export class CreateBarrierInput {
  @Field(() => String, { nullable: true, description: "In the request's locale (Accept-Language); this or titleTranslations is required" })
  @OptionalText(TITLE_MAX)
  title?: string | null;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: "A longer explanation, in the request's locale (Accept-Language)" })
  @OptionalText(DESCRIPTION_MAX)
  description?: string | null;

  @TranslationsInputField('description')
  descriptionTranslations?: TranslationInput[] | null;

  @Field(() => BarrierCategory, { description: 'The kind of obstacle' })
  @IsEnum(BarrierCategory)
  category: BarrierCategory;

  @Field(() => [ID], { description: 'The meetings where it was raised; at least one' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  meetingIds: string[];
}
