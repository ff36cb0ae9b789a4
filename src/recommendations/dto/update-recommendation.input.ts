import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { EXPECTED_VERSION_ARGUMENT, VersionedChangesInput } from '../../common/dto/versioned-changes.input';
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
@InputType({ description: 'Changes to a recommendation: absent fields stay as they are; the status changes only by transitionRecommendation' })
export class UpdateRecommendationInput extends VersionedChangesInput {
  @Field(() => String, { nullable: true, description: "The title in the request's locale (Accept-Language)" })
  @ValidateIf((o: UpdateRecommendationInput) => o.title !== undefined)
  @RequiredText(TITLE_MAX)
  title?: string;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: "A longer explanation, in the request's locale (Accept-Language); null clears it" })
  @OptionalText(DESCRIPTION_MAX)
  description?: string | null;

  @TranslationsInputField('description')
  descriptionTranslations?: TranslationInput[] | null;

  @Field(() => RecommendationKind, { nullable: true, description: 'What kind of measure it recommends' })
  @ValidateIf((o: UpdateRecommendationInput) => o.kind !== undefined)
  @IsEnum(RecommendationKind)
  kind?: RecommendationKind;

  @Field(() => Priority, { nullable: true, description: 'How urgent it is' })
  @ValidateIf((o: UpdateRecommendationInput) => o.priority !== undefined)
  @IsEnum(Priority)
  priority?: Priority;

  @Field(() => DateScalarType, { nullable: true, description: 'When it should be implemented; null clears it' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The barriers it addresses (replaces them)' })
  @OptionalIdList()
  barrierIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The responsible organisations (replaces them)' })
  @OptionalIdList()
  responsibleOrganizationIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The indicators that measure it (replaces them)' })
  @OptionalIdList()
  indicatorIds?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The responsible officer: an active MINISTRY user of one of its responsible organisations (after this change) (BAD_USER_INPUT, reason notOfOrganization, unknownUser or deactivated, otherwise); null clears it',
  })
  @IsOptional()
  @IsUUID()
  responsibleUserId?: string | null;
}

@ArgsType()
export class UpdateRecommendationArgs {
  @Field(() => ID, { description: 'The recommendation to change' })
  @IsUUID()
  id: string;

  @Field(() => UpdateRecommendationInput, { description: 'The changes' })
  @ValidateNested()
  @Type(() => UpdateRecommendationInput)
  input: UpdateRecommendationInput;

  @Field(() => Int, { nullable: true, ...EXPECTED_VERSION_ARGUMENT })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}
