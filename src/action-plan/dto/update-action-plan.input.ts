import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { EXPECTED_VERSION_ARGUMENT, VersionedChangesInput } from '../../common/dto/versioned-changes.input';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DateScalarType } from '../../common/scalars/date.scalar';
import { CodeText, IsCalendarDate, IsNotLessThan, OptionalText, RequiredText, SHORT_TEXT_MAX, TITLE_MAX } from '../../common/validation/decorators';
import { PlanYear } from '../reporting-period';

/**
 * Absent fields are left as they are; `approvedBy` and `approvedOn` may be set to null to clear
 * them. The years must keep every target and value of the plan's indicators inside them.
 */
@InputType({ description: 'Changes to an action plan: absent fields stay as they are' })
export class UpdateActionPlanInput extends VersionedChangesInput {
  @Field(() => String, { nullable: true, description: 'Unique, human-readable, e.g. NAP-2022-2026' })
  @ValidateIf((o: UpdateActionPlanInput) => o.code !== undefined)
  @CodeText()
  code?: string;

  @Field(() => String, { nullable: true, description: "In the request's locale (Accept-Language)" })
  @ValidateIf((o: UpdateActionPlanInput) => o.title !== undefined)
  @RequiredText(TITLE_MAX)
  title?: string;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: 'E.g. Presidential Decree' })
  @OptionalText(SHORT_TEXT_MAX)
  approvedBy?: string | null;

  @Field(() => DateScalarType, { nullable: true, description: 'The day the plan was approved; null clears it' })
  @IsOptional()
  @IsCalendarDate()
  approvedOn?: string | null;

  @Field(() => Int, { nullable: true, description: "The plan's first year" })
  @ValidateIf((o: UpdateActionPlanInput) => o.startYear !== undefined)
  @PlanYear()
  startYear?: number;

  @Field(() => Int, { nullable: true, description: 'At least startYear (the one given, else the stored one)' })
  @ValidateIf((o: UpdateActionPlanInput) => o.endYear !== undefined)
  @PlanYear()
  @IsNotLessThan('startYear')
  endYear?: number;
}

@ArgsType()
export class UpdateActionPlanArgs {
  @Field(() => ID, { description: 'The action plan to change' })
  @IsUUID()
  id: string;

  @Field(() => UpdateActionPlanInput, { description: 'The changes' })
  @ValidateNested()
  @Type(() => UpdateActionPlanInput)
  input: UpdateActionPlanInput;

  @Field(() => Int, { nullable: true, ...EXPECTED_VERSION_ARGUMENT })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}
