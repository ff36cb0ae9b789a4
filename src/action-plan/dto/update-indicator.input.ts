import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { EXPECTED_VERSION_ARGUMENT, VersionedChangesInput } from '../../common/dto/versioned-changes.input';
import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsUUID, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CodeText, IsMeasurement, RequiredText, TITLE_MAX } from '../../common/validation/decorators';
import { PlanYear } from '../reporting-period';
import { IndicatorDirection, IndicatorMeasure, ReportingFrequency } from '../action-plan.enums';
import { IndicatorUnit } from '../indicator-unit';

/**
 * Absent fields are left as they are; `unitCode`, the baseline and the responsible organisation
 * may be set to null to clear them. The code and the action plan cannot change once the
 * indicator has values (BAD_USER_INPUT, reason `hasValues`). Targets keep their own mutation
 * (setIndicatorTarget).
 */
@InputType({ description: 'Changes to an indicator: absent fields stay as they are' })
export class UpdateIndicatorInput extends VersionedChangesInput {
  @Field(() => ID, { nullable: true, description: "Only while the indicator has no values; its targets must fall within the plan's years" })
  @ValidateIf((o: UpdateIndicatorInput) => o.actionPlanId !== undefined)
  @IsUUID()
  actionPlanId?: string;

  @Field(() => String, { nullable: true, description: 'Unique within its plan; only while the indicator has no values' })
  @ValidateIf((o: UpdateIndicatorInput) => o.code !== undefined)
  @CodeText()
  code?: string;

  @Field(() => String, { nullable: true, description: "In the request's locale (Accept-Language)" })
  @ValidateIf((o: UpdateIndicatorInput) => o.name !== undefined)
  @RequiredText(TITLE_MAX)
  name?: string;

  @TranslationsInputField('name')
  nameTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: 'E.g. "%" or "people"' })
  @ValidateIf((o: UpdateIndicatorInput) => o.unit !== undefined)
  @RequiredText(40)
  unit?: string;

  @Field(() => IndicatorUnit, { nullable: true, description: 'Absent with a new `unit`: recognised from it when it is a known one' })
  @IsOptional()
  @IsEnum(IndicatorUnit)
  unitCode?: IndicatorUnit | null;

  @Field(() => IndicatorDirection, { nullable: true, description: 'Whether higher or lower is better' })
  @ValidateIf((o: UpdateIndicatorInput) => o.direction !== undefined)
  @IsEnum(IndicatorDirection)
  direction?: IndicatorDirection;

  @Field(() => IndicatorMeasure, { nullable: true, description: 'What a value measures' })
  @ValidateIf((o: UpdateIndicatorInput) => o.measure !== undefined)
  @IsEnum(IndicatorMeasure)
  measure?: IndicatorMeasure;

  @Field(() => ReportingFrequency, { nullable: true, description: 'How often a value is due; a QUARTERLY indicator made YEARLY keeps its milestones but no longer uses them' })
  @ValidateIf((o: UpdateIndicatorInput) => o.reportingFrequency !== undefined)
  @IsEnum(ReportingFrequency)
  reportingFrequency?: ReportingFrequency;

  @Field(() => Int, { nullable: true, description: 'The year the baseline was measured' })
  @IsOptional()
  @PlanYear()
  baselineYear?: number | null;

  @Field(() => Float, { nullable: true, description: 'The value at the start (the baseline)' })
  @IsOptional()
  @IsMeasurement()
  baselineValue?: number | null;

  @Field(() => ID, { nullable: true, description: 'The organisation that reports its values; null clears it' })
  @IsOptional()
  @IsUUID()
  responsibleOrganizationId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The responsible officer: an active MINISTRY user of its responsible organisation (after this change) (BAD_USER_INPUT, reason notOfOrganization, unknownUser or deactivated, otherwise); null clears it',
  })
  @IsOptional()
  @IsUUID()
  responsibleUserId?: string | null;
}

@ArgsType()
export class UpdateIndicatorArgs {
  @Field(() => ID, { description: 'The indicator to change' })
  @IsUUID()
  id: string;

  @Field(() => UpdateIndicatorInput, { description: 'The changes' })
  @ValidateNested()
  @Type(() => UpdateIndicatorInput)
  input: UpdateIndicatorInput;

  @Field(() => Int, { nullable: true, ...EXPECTED_VERSION_ARGUMENT })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}
