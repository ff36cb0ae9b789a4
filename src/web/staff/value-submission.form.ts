import { IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { NOTE_MAX, OptionalText, SOURCE_MAX } from '../../common/validation/decorators';
import type { TranslationInput } from '../../i18n/translation.types';
import { BlankAsNull, Control, TextsAtMost, TranslatedControl } from '../forms/form-controls';

/**
 * What every form that submits a version of an indicator's value asks besides its figures (the
 * value form, the breakdown form): the year and an optional quarter that make the API's period,
 * the source and note one text per language, and why this version corrects the period's value.
 * The service's errors about the period are shown at `year` (`period` is its input).
 */
export abstract class ValueSubmissionForm {
  @Matches(/^\d{4}$/)
  year: string;

  @BlankAsNull()
  @IsOptional()
  @IsIn(['1', '2', '3', '4'])
  quarter?: string | null;

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

  /** The period as the API writes it: 2025, or 2025-Q3. */
  @Control('year')
  get period(): string {
    return this.quarter ? `${this.year}-Q${this.quarter}` : this.year;
  }
}
