import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { Field, InputType, Int } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { DateScalarType } from '../../common/scalars/date.scalar';
import {
  CodeText,
  IsCalendarDate,
  IsNotLessThan,
  OptionalText,
  SHORT_TEXT_MAX,
  TITLE_MAX,
} from '../../common/validation/decorators';
import { PlanYear } from '../reporting-period';

@InputType({ description: 'A new action plan' })
export class CreateActionPlanInput {
  @Field({ description: 'Unique, human-readable, e.g. NAP-2022-2026' })
  @CodeText()
  code: string;

  @Field(() => String, { nullable: true, description: "E.g. Action Plan 2024-2027 of the State Program for Supporting Women's Leadership" })
  @OptionalText(TITLE_MAX)
  title?: string | null;

  @TranslationsInputField('title')
  titleTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: 'E.g. Presidential Decree' })
  @OptionalText(SHORT_TEXT_MAX)
  approvedBy?: string | null;

  @Field(() => DateScalarType, { nullable: true, description: 'The day the plan was approved' })
  @IsOptional()
  @IsCalendarDate()
  approvedOn?: string | null;

  @Field(() => Int, { description: "The plan's first year" })
  @PlanYear()
  startYear: number;

  @Field(() => Int, { description: 'At least startYear' })
  @PlanYear()
  @IsNotLessThan('startYear')
  endYear: number;
}
