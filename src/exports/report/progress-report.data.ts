import { IndicatorProgress } from '../../action-plan/indicator-progress';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { ProgressSummary } from '../../reports/progress-summary.type';

export interface ReportIndicator {
  code: string;
  name: string;
  unit: string;
  progress: IndicatorProgress;
}

export interface OrganizationStatusCounts {
  /** null: recommendations without a responsible organisation. */
  organization: string | null;
  counts: Record<RecommendationStatus, number>;
  total: number;
}

export interface OverdueRecommendation {
  code: string;
  title: string;
  dueDate: string;
  status: RecommendationStatus;
  organizations: string | null;
}

/** Everything the printed progress report shows, gathered before the first byte of the PDF is written. */
export interface ProgressReportData {
  year: number;
  /** The day the statuses are taken at: the end of `year`, or today for the current year. */
  asOf: string;
  today: string;
  timeZone: string;
  plan: { code: string; title: string } | null;
  summary: ProgressSummary;
  indicators: ReportIndicator[];
  byOrganization: OrganizationStatusCounts[];
  overdue: OverdueRecommendation[];
}
