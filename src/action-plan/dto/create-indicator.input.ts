import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { CodeText, IsMeasurement, OptionalText, RequiredText, TITLE_MAX } from '../../common/validation/decorators';
import { PlanYear } from '../reporting-period';
import { IndicatorDirection, IndicatorMeasure, IndicatorValueKind, ReportingFrequency } from '../action-plan.enums';
import { IndicatorUnit } from '../indicator-unit';

@InputType({ description: 'The target of an indicator for one year' })
export class IndicatorTargetInput {
  @Field(() => Int, { description: 'The plan year' })
  @PlanYear()
  year: number;

  @Field(() => Float, { description: 'The value to reach by the end of that year' })
  @IsMeasurement()
  value: number;
}

@InputType({ description: 'A new indicator of an action plan' })
export class CreateIndicatorInput {
  @Field(() => ID, { description: 'The action plan it belongs to' })
  @IsUUID()
  actionPlanId: string;

  @Field({ description: 'Unique within its plan, e.g. WL-1' })
  @CodeText()
  code: string;

  @Field(() => String, { nullable: true, description: "In the request's locale (Accept-Language); this or nameTranslations is required" })
  @OptionalText(TITLE_MAX)
  name?: string | null;

  @TranslationsInputField('name')
  nameTranslations?: TranslationInput[] | null;

  @Field({ description: 'E.g. "%" or "people"' })
  @RequiredText(40)
  unit: string;

  @Field(() => IndicatorUnit, { nullable: true, description: 'The unit as a code (written in each language with plural forms); unset: recognised from `unit` when it is a known one' })
  @IsOptional()
  @IsEnum(IndicatorUnit)
  unitCode?: IndicatorUnit | null;

  @Field(() => IndicatorDirection, { description: 'Whether higher or lower is better' })
  @IsEnum(IndicatorDirection)
  direction: IndicatorDirection;

  @Field(() => IndicatorMeasure, { nullable: true, description: 'What a value measures; default LEVEL' })
  @IsOptional()
  @IsEnum(IndicatorMeasure)
  measure?: IndicatorMeasure | null;

  @Field(() => IndicatorValueKind, { nullable: true, description: 'NUMBER (default) or RATIO: a value recorded as numerator and denominator' })
  @IsOptional()
  @IsEnum(IndicatorValueKind)
  valueKind?: IndicatorValueKind | null;

  @Field(() => ReportingFrequency, { nullable: true, description: 'How often a value is due; default YEARLY' })
  @IsOptional()
  @IsEnum(ReportingFrequency)
  reportingFrequency?: ReportingFrequency | null;

  @Field(() => Int, { nullable: true, description: 'The year the baseline was measured' })
  @IsOptional()
  @PlanYear()
  baselineYear?: number | null;

  @Field(() => Float, { nullable: true, description: 'The value at the start (the baseline)' })
  @IsOptional()
  @IsMeasurement()
  baselineValue?: number | null;

  @Field(() => [IndicatorTargetInput], { nullable: true, description: 'One per year, within the plan years' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndicatorTargetInput)
  targets?: IndicatorTargetInput[] | null;

  @Field(() => ID, { nullable: true, description: 'The organisation that reports its values' })
  @IsOptional()
  @IsUUID()
  responsibleOrganizationId?: string | null;
}

@ArgsType()
export class SetIndicatorTargetArgs {
  @Field(() => ID, { description: 'The indicator' })
  @IsUUID()
  indicatorId: string;

  @Field(() => Int, { description: 'The plan year' })
  @PlanYear()
  year: number;

  @Field(() => Float, { description: 'The value to reach by the end of that year' })
  @IsMeasurement()
  value: number;
}

@ArgsType()
export class SetIndicatorMilestoneArgs {
  @Field(() => ID, { description: 'A QUARTERLY indicator' })
  @IsUUID()
  indicatorId: string;

  @Field(() => Int, { description: 'A year of the plan' })
  @PlanYear()
  year: number;

  @Field(() => Int, { description: '1 to 4' })
  @IsInt()
  @Min(1)
  @Max(4)
  quarter: number;

  @Field(() => Float, { description: "The quarter's target" })
  @IsMeasurement()
  value: number;
}
