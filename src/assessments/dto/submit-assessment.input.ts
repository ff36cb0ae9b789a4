import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUrl, IsUUID, MaxLength, Min } from 'class-validator';
import { DateScalarType } from '../../common/scalars/date.scalar';
import { DESCRIPTION_MAX, IsCalendarDate, NOTE_MAX, OptionalText, RequiredText, URL_MAX } from '../../common/validation/decorators';
import { cleanText } from '../../common/validation/storable-text';
import { TranslationInput, TranslationsInputField } from '../../i18n/translation.types';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';

/** The most evidence links one version carries. */
export const EVIDENCE_MAX = 10;
/** The most characters of an assessment's text, per language. */
export const ASSESSMENT_TEXT_MAX = DESCRIPTION_MAX;

@InputType({
  description:
    "An NGO's independent assessment of a recommendation, for the caller's own organisation: a new version, SUBMITTED for moderation " +
    '(the first one, or an edit of the last one; a version waiting for moderation is replaced by the new one)',
})
export class SubmitAssessmentInput {
  @Field(() => ID, { description: 'The recommendation assessed' })
  @IsUUID()
  recommendationId: string;

  @Field(() => RecommendationStatus, { description: 'Where the organisation sees it, on the scale of the official status' })
  @IsEnum(RecommendationStatus)
  status: RecommendationStatus;

  @Field(() => String, { nullable: true, description: "The organisation's reasons, in the request's locale (Accept-Language); this or textTranslations is required" })
  @OptionalText(ASSESSMENT_TEXT_MAX)
  text?: string | null;

  @TranslationsInputField('text')
  textTranslations?: TranslationInput[] | null;

  @Field(() => [String], { nullable: true, description: 'Links to the evidence (http or https), at most 10; none when absent' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(EVIDENCE_MAX)
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? cleanText(v) : v)) : value))
  @IsString({ each: true })
  @MaxLength(URL_MAX, { each: true })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { each: true, message: 'evidenceUrls must be http(s) URLs' })
  evidenceUrls?: string[] | null;

  @Field(() => DateScalarType, { nullable: true, description: 'The day of the assessment (not after today); today when absent' })
  @IsOptional()
  @IsCalendarDate()
  assessedOn?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The number of the organisation's latest version the caller saw (0: none yet); CONFLICT when given and stale",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number | null;
}

@InputType({ description: 'An EDITOR publishes a SUBMITTED assessment: it is checked for form and safety, not for agreement' })
export class PublishAssessmentInput {
  @Field(() => ID, { description: 'The SUBMITTED version to publish (the latest of its assessment)' })
  @IsUUID()
  id: string;
}

@InputType({ description: 'An EDITOR returns a SUBMITTED assessment to its organisation with a reason (form or safety, never disagreement)' })
export class ReturnAssessmentInput {
  @Field(() => ID, { description: 'The SUBMITTED version to return (the latest of its assessment)' })
  @IsUUID()
  id: string;

  @Field(() => String, { description: 'Why it is returned: shown to the organisation' })
  @RequiredText(NOTE_MAX)
  reason: string;
}
