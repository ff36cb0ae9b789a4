import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayUnique, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IndicatorValueKind, TotalSource } from '../../action-plan/action-plan.enums';
import { IsPeriod } from '../../action-plan/reporting-period';
import { CODE_MAX, CodeText, IsMeasurement, NOTE_MAX, OptionalText, SHORT_TEXT_MAX, SOURCE_MAX } from '../../common/validation/decorators';
import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { MAX_CELLS } from '../breakdown';

/** A list of codes (as CodeText: trimmed, upper-case, letters, digits, ".", "_", "/", "-"). */
function CodeList(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v)) : value)),
    IsString({ each: true }),
    MaxLength(CODE_MAX, { each: true }),
    Matches(/^[A-Z0-9][A-Z0-9._/-]*$/, { each: true, message: 'each code must start with a letter or digit and contain only letters, digits, ".", "_", "/" and "-"' }),
  );
}

/** The most dimensions one indicator is broken down by (a cell names one member of each). */
export const MAX_DIMENSIONS = 5;

@InputType({ description: 'A new dimension (ADMIN)' })
export class CreateDimensionInput {
  @Field({ description: 'Its code, e.g. DISABILITY (stored upper-case)' })
  @CodeText()
  code: string;

  @Field(() => String, { nullable: true, description: "Its name in the request's locale (Accept-Language); this or nameTranslations is required" })
  @OptionalText(SHORT_TEXT_MAX)
  name?: string | null;

  @TranslationsInputField('name')
  nameTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: 'The SDMX concept it corresponds to, e.g. DISABILITY_STATUS' })
  @IsOptional()
  @CodeText()
  sdmxConcept?: string | null;
}

@InputType({ description: 'A new member of a dimension (ADMIN)' })
export class CreateDimensionMemberInput {
  @Field({ description: 'The code of its dimension, e.g. TERRITORY' })
  @CodeText()
  dimensionCode: string;

  @Field({ description: 'Its code, unique within the dimension (stored upper-case), e.g. ISSYK-KUL-TONG' })
  @CodeText()
  code: string;

  @Field(() => String, { nullable: true, description: "Its name in the request's locale (Accept-Language); this or nameTranslations is required" })
  @OptionalText(SHORT_TEXT_MAX)
  name?: string | null;

  @TranslationsInputField('name')
  nameTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: 'The code of its parent in the same dimension (a district: its oblast)' })
  @IsOptional()
  @CodeText()
  parentCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Its code in an official classifier (a territory: its SOATE code, 8 to 14 digits)' })
  @IsOptional()
  @Matches(/^[0-9]{8,14}$/, { message: 'officialCode must be 8 to 14 digits' })
  officialCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Its code in the SDMX code list of its dimension' })
  @IsOptional()
  @IsString()
  @MaxLength(CODE_MAX)
  sdmxCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Its place in lists (smaller first); default: after the others' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  ordering?: number | null;
}

@InputType({ description: 'Which dimensions an indicator is broken down by, and how its values are recorded' })
export class SetIndicatorDimensionsInput {
  @Field(() => ID, { description: 'The indicator' })
  @IsUUID()
  indicatorId: string;

  @Field(() => [String], { description: 'The codes of its dimensions, in the order forms and tables show them; empty: not broken down' })
  @IsArray()
  @ArrayMaxSize(MAX_DIMENSIONS)
  @ArrayUnique()
  @CodeList()
  dimensionCodes: string[];

  @Field(() => TotalSource, { description: 'Whether the total of a breakdown is recorded with it or derived from its cells' })
  @IsEnum(TotalSource)
  totalSource: TotalSource;

  @Field(() => IndicatorValueKind, { nullable: true, description: 'NUMBER or RATIO (numerator and denominator recorded per cell); unchanged when omitted' })
  @IsOptional()
  @IsEnum(IndicatorValueKind)
  valueKind?: IndicatorValueKind | null;
}

@InputType({ description: 'The value of one combination of dimension members' })
export class BreakdownCellInput {
  @Field(() => [String], { description: 'Member codes, one per dimension the indicator is broken down by, in any order (e.g. ["CHUI-SOKULUK", "F"])' })
  @IsArray()
  @ArrayMaxSize(MAX_DIMENSIONS)
  @CodeList()
  members: string[];

  @Field(() => Float, { nullable: true, description: 'The value (a NUMBER indicator); for a RATIO it is numerator / denominator and may be left out' })
  @IsOptional()
  @IsMeasurement()
  value?: number | null;

  @Field(() => Float, { nullable: true, description: 'A RATIO indicator: the numerator (e.g. women deputies)' })
  @IsOptional()
  @IsMeasurement()
  numerator?: number | null;

  @Field(() => Float, { nullable: true, description: 'A RATIO indicator: the denominator (e.g. all deputies)' })
  @IsOptional()
  @IsMeasurement()
  denominator?: number | null;
}

@InputType({
  description:
    "A value with its breakdown by the indicator's dimensions: a new version of the period's value (SUBMITTED, public once approved), exactly as recordIndicatorValue records one; all or nothing",
})
export class RecordIndicatorValueBreakdownInput {
  @Field(() => ID, { description: 'The indicator the value is for' })
  @IsUUID()
  indicatorId: string;

  @Field({ description: '"2025" (a year) or "2025-Q3" (a quarter)' })
  @IsPeriod()
  period: string;

  @Field(() => [BreakdownCellInput], { description: 'One cell per combination of members' })
  @IsArray()
  @ArrayMaxSize(MAX_CELLS)
  @ValidateNested({ each: true })
  @Type(() => BreakdownCellInput)
  cells: BreakdownCellInput[];

  @Field(() => Float, { nullable: true, description: 'The total, when the indicator records it (totalSource RECORDED); refused when it is DERIVED' })
  @IsOptional()
  @IsMeasurement()
  total?: number | null;

  @Field(() => Int, { nullable: true, description: "The period's latest version number as the caller saw it (0: none yet); CONFLICT when it has moved on" })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'Where the value comes from (a statistics release, a report)' })
  @OptionalText(SOURCE_MAX)
  source?: string | null;

  @TranslationsInputField('source')
  sourceTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: "A note on the value, in the request's locale (Accept-Language)" })
  @OptionalText(NOTE_MAX)
  note?: string | null;

  @TranslationsInputField('note')
  noteTranslations?: TranslationInput[] | null;

  @Field(() => String, { nullable: true, description: 'Required when the period already has a value: why this version corrects it' })
  @OptionalText(NOTE_MAX)
  correctionReason?: string | null;
}
