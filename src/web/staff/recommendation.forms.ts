import { IsArray, IsEnum, IsInt, IsOptional, Min } from 'class-validator';
import { NOTE_MAX, OptionalHttpUrl } from '../../common/validation/decorators';
import type { TranslationInput } from '../../i18n/translation.types';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { BlankAsNull, DecimalControl, TextsAtMost, TranslatedControl } from '../forms/form-controls';

/*
 * The recommendation's forms as types (validated by FormBody's pipe, as the create and edit
 * forms): the rules of the API's TransitionRecommendationInput and UpdateRecommendationInput,
 * with the form's shape (texts per language, a blank link as absent, the hidden version).
 */

/** Move a recommendation: the new status, a note in any language, an evidence link, the version it was shown at. */
export class TransitionForm {
  @IsEnum(RecommendationStatus)
  to: RecommendationStatus;

  /** A new note: the languages given (blank ones left out). */
  @TranslatedControl('note')
  @TextsAtMost(NOTE_MAX)
  noteTranslations: TranslationInput[];

  @BlankAsNull()
  @OptionalHttpUrl()
  evidenceUrl?: string | null;

  /** The version the page showed (hidden): a move after someone else's is a CONFLICT, shown as such. */
  @DecimalControl()
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

/**
 * The title and description in each language: only the languages posted change (a blank one
 * removes that language's text; the service refuses a title left with none).
 */
export class RecommendationTextForm {
  @TranslatedControl('title', { edit: true })
  @IsArray()
  titleTranslations: TranslationInput[];

  @TranslatedControl('description', { edit: true })
  @IsArray()
  descriptionTranslations: TranslationInput[];

  /** The version the form was filled from (hidden); absent or not a version: saved without the check, as before. */
  @BlankAsNull()
  @IsOptional()
  expectedVersion?: string | null;
}
