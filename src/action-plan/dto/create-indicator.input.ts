import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { CodeText, IsMeasurement, OptionalText, RequiredText, TITLE_MAX } from '../../common/validation/decorators';
import { PlanYear } from '../reporting-period';
import { IndicatorDirection } from '../action-plan.enums';
import { IndicatorUnit } from '../indicator-unit';

@InputType()
export class IndicatorTargetInput {
  @Field(() => Int)
  @PlanYear()
  year: number;

  @Field(() => Float)
  @IsMeasurement()
  value: number;
}

@InputType()
export class CreateIndicatorInput {
  @Field(() => ID)
  @IsUUID()
  actionPlanId: string;

  @Field({ description: 'unique within its plan, e.g. WL-1' })
  @CodeText()
  code: string;

  @Field(() => String, { nullable: true, description: "in the request's locale (Accept-Language); this or nameTranslations is required" })
  @OptionalText(TITLE_MAX)
  name?: string | null;

  @TranslationsInputField('name')
  nameTranslations?: TranslationInput[] | null;

  @Field({ description: 'e.g. "%" or "people"' })
  @RequiredText(40)
  unit: string;

  @Field(() => IndicatorUnit, { nullable: true, description: 'The unit as a code (written in each language with plural forms); unset: recognised from `unit` when it is a known one' })
  @IsOptional()
  @IsEnum(IndicatorUnit)
  unitCode?: IndicatorUnit | null;

  @Field(() => IndicatorDirection)
  @IsEnum(IndicatorDirection)
  direction: IndicatorDirection;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @PlanYear()
  baselineYear?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsMeasurement()
  baselineValue?: number | null;

  @Field(() => [IndicatorTargetInput], { nullable: true, description: 'one per year, within the plan years' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndicatorTargetInput)
  targets?: IndicatorTargetInput[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  responsibleOrganizationId?: string | null;
}

@ArgsType()
export class SetIndicatorTargetArgs {
  @Field(() => ID)
  @IsUUID()
  indicatorId: string;

  @Field(() => Int)
  @PlanYear()
  year: number;

  @Field(() => Float)
  @IsMeasurement()
  value: number;
}
