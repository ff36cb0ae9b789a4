import { ProgressStatus } from '../../action-plan/action-plan.enums';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';

/** The order statuses are shown in: along the lifecycle, the dead ends last. */
export const STATUS_ORDER: readonly RecommendationStatus[] = [
  RecommendationStatus.PROPOSED,
  RecommendationStatus.UNDER_REVIEW,
  RecommendationStatus.ACCEPTED,
  RecommendationStatus.IN_PROGRESS,
  RecommendationStatus.STALLED,
  RecommendationStatus.IMPLEMENTED,
  RecommendationStatus.REJECTED,
];

export const STATUS_COLORS: Record<RecommendationStatus, string> = {
  [RecommendationStatus.PROPOSED]: '#90a4ae',
  [RecommendationStatus.UNDER_REVIEW]: '#64b5f6',
  [RecommendationStatus.ACCEPTED]: '#1e88e5',
  [RecommendationStatus.IN_PROGRESS]: '#f9a825',
  [RecommendationStatus.STALLED]: '#e65100',
  [RecommendationStatus.IMPLEMENTED]: '#2e7d32',
  [RecommendationStatus.REJECTED]: '#616161',
};

export const PROGRESS_COLORS: Record<ProgressStatus, string> = {
  [ProgressStatus.ACHIEVED]: '#2e7d32',
  [ProgressStatus.ON_TRACK]: '#7cb342',
  [ProgressStatus.AT_RISK]: '#f9a825',
  [ProgressStatus.OFF_TRACK]: '#c62828',
  [ProgressStatus.NO_DATA]: '#9e9e9e',
};

export const INK = '#212121';
export const MUTED = '#616161';
export const RULE = '#bdbdbd';
export const TRACK = '#e0e0e0';
