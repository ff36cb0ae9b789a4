import { ProgressStatus } from '../../action-plan/action-plan.enums';
import { ReviewStatus } from '../../action-plan/indicator-value-version.entity';
import { AssessmentReviewStatus } from '../../assessments/assessment.entity';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { Tag } from './tag';

// One colour per status and per progress level, on every page (public and staff).
// Colour is never the only signal: every tag carries its status in words.
export const STATUS_COLOURS: Record<RecommendationStatus, string> = {
  PROPOSED: 'grey',
  UNDER_REVIEW: 'purple',
  ACCEPTED: 'teal',
  REJECTED: 'red',
  IN_PROGRESS: 'turquoise',
  STALLED: 'orange',
  IMPLEMENTED: 'green',
};

export const PROGRESS_COLOURS: Record<ProgressStatus, string> = {
  ACHIEVED: 'green',
  ON_TRACK: 'turquoise',
  AT_RISK: 'yellow',
  OFF_TRACK: 'red',
  NO_DATA: 'grey',
};

export const REVIEW_COLOURS: Record<ReviewStatus, string> = {
  SUBMITTED: 'purple',
  APPROVED: 'green',
  RETURNED: 'red',
};

/** Where a version of a value stands in review, as a tag. */
export function ReviewStatusTag({ ctx, status }: { ctx: PageContext; status: ReviewStatus }): SafeHtml {
  return <Tag text={ctx.t(`reviewStatus.${status}`)} classes={`govuk-tag--${REVIEW_COLOURS[status]}`} attributes={{ 'data-review-status': status }} />;
}

/** A recommendation's status as a tag. */
export function StatusTag({ ctx, status }: { ctx: PageContext; status: RecommendationStatus }): SafeHtml {
  return <Tag text={ctx.t(`status.${status}`)} classes={`govuk-tag--${STATUS_COLOURS[status]}`} attributes={{ 'data-status': status }} />;
}

/** An indicator's progress level as a tag. */
export function ProgressTag({ ctx, status }: { ctx: PageContext; status: ProgressStatus }): SafeHtml {
  return <Tag text={ctx.t(`progress.${status}`)} classes={`govuk-tag--${PROGRESS_COLOURS[status]}`} attributes={{ 'data-progress': status }} />;
}

/** "Overdue", next to the status of a recommendation past its due date. */
export function OverdueTag({ ctx }: { ctx: PageContext }): SafeHtml {
  return <Tag text={ctx.t('overdue.tag')} classes="govuk-tag--red" attributes={{ 'data-overdue': 'true' }} />;
}

export const ASSESSMENT_REVIEW_COLOURS: Record<AssessmentReviewStatus, string> = {
  SUBMITTED: 'purple',
  PUBLISHED: 'green',
  RETURNED: 'red',
};

/** Where a version of an independent assessment stands in moderation, as a tag. */
export function AssessmentReviewTag({ ctx, status }: { ctx: PageContext; status: AssessmentReviewStatus }): SafeHtml {
  return <Tag text={ctx.t(`assessment.reviewStatus.${status}`)} classes={`govuk-tag--${ASSESSMENT_REVIEW_COLOURS[status]}`} attributes={{ 'data-assessment-review': status }} />;
}

/** "Views differ", next to the official status of a recommendation an organisation assesses otherwise (docs/domain.md). */
export function DivergentTag({ ctx }: { ctx: PageContext }): SafeHtml {
  return <Tag text={ctx.t('divergent.tag')} classes="govuk-tag--pink" attributes={{ 'data-divergent': 'true' }} />;
}
