import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, ID, InputType, ArgsType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsUUID, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DateScalarType } from '../../common/scalars/date.scalar';
import { DESCRIPTION_MAX, IsCalendarDate, OptionalText, RequiredText, TITLE_MAX } from '../../common/validation/decorators';
import { Priority, RecommendationKind } from '../recommendation.enums';
import { OptionalIdList } from './recommendation-links.input';

/**
 * Absent fields are left as they are. `description` and `dueDate` may be set to
 * null to clear them; a list replaces the current links (an empty list clears them).
 */
@InputType()
export class UpdateRecommendationInput {
  @Field(() => String, { nullable: true })
  @ValidateIf((o: UpdateRecommendationInput) => o.title !== undefined)
  @RequiredText(TITLE_MAX)
  title?: string;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true })
  @OptionalText(DESCRIPTION_MAX)
  description?: string | null;

  @TranslationsInputField('description')
  descriptionTranslations?: TranslationInput[] | null;

  @Field(() => RecommendationKind, { nullable: true })
  @ValidateIf((o: UpdateRecommendationInput) => o.kind !== undefined)
  @IsEnum(RecommendationKind)
  kind?: RecommendationKind;

  @Field(() => Priority, { nullable: true })
  @ValidateIf((o: UpdateRecommendationInput) => o.priority !== undefined)
  @IsEnum(Priority)
  priority?: Priority;

  @Field(() => DateScalarType, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @Field(() => [ID], { nullable: true })
  @OptionalIdList()
  barrierIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @OptionalIdList()
  responsibleOrganizationIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @OptionalIdList()
  indicatorIds?: string[] | null;
}

@ArgsType()
export class UpdateRecommendationArgs {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => UpdateRecommendationInput)
  @ValidateNested()
  @Type(() => UpdateRecommendationInput)
  input: UpdateRecommendationInput;

  @Field(() => Int, { nullable: true, description: 'CONFLICT when given and stale' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}
