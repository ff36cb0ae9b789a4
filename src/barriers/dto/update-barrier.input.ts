import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { EXPECTED_VERSION_ARGUMENT, VersionedChangesInput } from '../../common/dto/versioned-changes.input';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsOptional, IsUUID, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DESCRIPTION_MAX, OptionalText, RequiredText, TITLE_MAX } from '../../common/validation/decorators';
import { BarrierCategory } from '../barrier-category.enum';

/**
 * Absent fields are left as they are; `description` may be set to null to clear it.
 * `meetingIds` replaces the meetings where it was raised (at least one).
 */
@InputType({ description: 'Changes to a barrier: absent fields stay as they are' })
export class UpdateBarrierInput extends VersionedChangesInput {
  @Field(() => String, { nullable: true, description: "In the request's locale (Accept-Language)" })
  @ValidateIf((o: UpdateBarrierInput) => o.title !== undefined)
  @RequiredText(TITLE_MAX)
  title?: string;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: "A longer explanation, in the request's locale (Accept-Language); null clears it" })
  @OptionalText(DESCRIPTION_MAX)
  description?: string | null;

  @TranslationsInputField('description')
  descriptionTranslations?: TranslationInput[] | null;

  @Field(() => BarrierCategory, { nullable: true, description: 'The kind of obstacle' })
  @ValidateIf((o: UpdateBarrierInput) => o.category !== undefined)
  @IsEnum(BarrierCategory)
  category?: BarrierCategory;

  @Field(() => [ID], { nullable: true, description: 'The meetings where it was raised (replaces them); at least one' })
  @ValidateIf((o: UpdateBarrierInput) => o.meetingIds !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  meetingIds?: string[];
}

@ArgsType()
export class UpdateBarrierArgs {
  @Field(() => ID, { description: 'The barrier to change' })
  @IsUUID()
  id: string;

  @Field(() => UpdateBarrierInput, { description: 'The changes' })
  @ValidateNested()
  @Type(() => UpdateBarrierInput)
  input: UpdateBarrierInput;

  @Field(() => Int, { nullable: true, ...EXPECTED_VERSION_ARGUMENT })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}
