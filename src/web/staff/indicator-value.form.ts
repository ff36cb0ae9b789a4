import { IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { RecordIndicatorValueInput } from '../../action-plan/dto/record-indicator-value.input';
import { IsMeasurement, NOTE_MAX, OptionalText, SOURCE_MAX } from '../../common/validation/decorators';
import type { TranslationInput } from '../../i18n/translation.types';
import { BlankAsNull, Control, DecimalControl, TextsAtMost, TranslatedControl } from '../forms/form-controls';

/**
 * The form that records (or corrects) a value of an indicator: the year and an optional quarter
 * make the API's period, the value takes either decimal separator, the source and note one text
 * per language. Shown again at `year` when the service refuses the period (`period` is its input).
 */
export class IndicatorValueForm {
  @Matches(/^\d{4}$/)
  year: string;

  @BlankAsNull()
  @IsOptional()
  @IsIn(['1', '2', '3', '4'])
  quarter?: string | null;

  @DecimalControl()
  @IsMeasurement()
  value: number;

  @TranslatedControl('source')
  @IsArray()
  @TextsAtMost(SOURCE_MAX)
  sourceTranslations: TranslationInput[];

  @TranslatedControl('note')
  @IsArray()
  @TextsAtMost(NOTE_MAX)
  noteTranslations: TranslationInput[];

  /** Required by the service when the period already has a value: why this version corrects it. */
  @BlankAsNull()
  @OptionalText(NOTE_MAX)
  correctionReason?: string | null;

  /** The period as the API writes it: 2025, or 2025-Q3 (the service's errors about it are shown at the year). */
  @Control('year')
  get period(): string {
    return this.quarter ? `${this.year}-Q${this.quarter}` : this.year;
  }

  /** The API's input for this indicator. */
  toInput(indicatorId: string): RecordIndicatorValueInput {
    return Object.assign(new RecordIndicatorValueInput(), {
      indicatorId,
      period: this.period,
      value: this.value,
      sourceTranslations: this.sourceTranslations,
      noteTranslations: this.noteTranslations,
      correctionReason: this.correctionReason ?? null,
    });
  }
}
