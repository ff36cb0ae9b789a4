import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsUrl, MaxLength, Min } from 'class-validator';
import { ASSESSMENT_TEXT_MAX, EVIDENCE_MAX } from '../../assessments/dto/submit-assessment.input';
import { IsCalendarDate, NOTE_MAX, RequiredText, URL_MAX } from '../../common/validation/decorators';
import { cleanText } from '../../common/validation/storable-text';
import type { TranslationInput } from '../../i18n/translation.types';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { BlankAsNull, DecimalControl, TextsAtMost, TranslatedControl } from '../forms/form-controls';

/** Evidence links as typed: one per line, blank lines left out. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => cleanText(line))
    .filter((line) => line !== '');
}

/**
 * An NGO's assessment of a recommendation as a form (the rules of the API's SubmitAssessmentInput):
 * the status, the text in any of the three languages, evidence links one per line, the day.
 */
export class AssessmentForm {
  @IsEnum(RecommendationStatus)
  status: RecommendationStatus;

  @TranslatedControl('text', { required: true })
  @TextsAtMost(ASSESSMENT_TEXT_MAX)
  textTranslations: TranslationInput[];

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? linesOf(value) : value))
  @ArrayMaxSize(EVIDENCE_MAX)
  @MaxLength(URL_MAX, { each: true })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true })
  evidenceUrls: string[];

  @BlankAsNull()
  @IsOptional()
  @IsCalendarDate()
  assessedOn?: string | null;

  /** The organisation's latest version number the page showed (hidden; 0 before the first): an edit after another is a CONFLICT. */
  @DecimalControl()
  @IsInt()
  @Min(0)
  expectedVersion: number;
}

/** Publishing a waiting assessment: nothing to fill in. */
export class PublishAssessmentForm {}

/** Returning a waiting assessment: the reason is required (the organisation sees it). */
export class ReturnAssessmentForm {
  @RequiredText(NOTE_MAX)
  reason: string;
}
