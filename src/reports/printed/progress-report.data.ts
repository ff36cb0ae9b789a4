import type { ValueStatus } from '../../action-plan/value-status';
import type { IndicatorUnit } from '../../action-plan/indicator-unit';
import { Locale } from '../../i18n/locales';
import { IndicatorDirection } from '../../action-plan/action-plan.enums';
import { IndicatorProgress } from '../../action-plan/indicator-progress';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { ProgressSummary } from '../progress-summary.type';
import type { DeadlineChanges, Divergences } from './deadline-changes.data';

export interface IndicatorSeries {
  /** The values recorded by asOf, oldest period first (a year after its quarters). */
  values: { period: string; year: number; quarter: number | null; value: number }[];
  targets: { year: number; value: number }[];
}

export interface ReportIndicator {
  id: string;
  code: string;
  name: string;
  unit: string;
  unitCode: IndicatorUnit | null;
  direction: IndicatorDirection;
  progress: IndicatorProgress;
  series?: IndicatorSeries;
}

/** Which recommendations the report covers; null: all. */
export interface ReportScope {
  actionPlanId: string | null;
  organizationId: string | null;
  region: string | null;
  meetingId: string | null;
}

export interface QuarterStatusCounts {
  /** A quarter's last day, or asOf for the last point. */
  day: string;
  counts: Record<RecommendationStatus, number>;
}

export interface OrganizationStatusCounts {
  /** null: recommendations without a responsible organisation. */
  organization: string | null;
  counts: Record<RecommendationStatus, number>;
  total: number;
  /** Overdue on asOf. */
  overdue: number;
  /** IMPLEMENTED / (total − REJECTED) × 100; null when nothing counts. */
  implementationRate: number | null;
}

export interface OverdueRecommendation {
  code: string;
  title: string;
  dueDate: string;
  status: RecommendationStatus;
  organizations: string | null;
}

/** A filter of the report's scope as it is stated at the top: what it is and the names a reader knows it by. */
export type ReportFilter =
  | { filter: 'organization'; name: string }
  | { filter: 'region'; region: string }
  | { filter: 'meeting'; title: string; heldOn: string };

/** Everything the printed progress report shows, gathered before the first byte of the PDF is written. */
export interface ProgressReportData {
  year: number;
  /** The day the statuses are taken at: asOf when given, else the end of `year`, or today for the current year. */
  asOf: string;
  /** The value versions known (approved, unless valueStatus says SUBMITTED) by the end of this day count: asOf plus the plan's reporting lag unless asked otherwise. */
  valuesKnownBy: string;
  valueStatus: ValueStatus;
  /** The parameters as given (stated at the top of the report and part of its fingerprint). */
  parameters: Record<string, unknown>;
  /** The scope beyond the plan, named (the organisation's name, the meeting's title); empty for all recommendations. */
  filters: ReportFilter[];
  /** The language the report is written in (part of its parameters, so of its fingerprint). */
  lang: Locale;
  /** SHA-256 of the parameters and every figure shown (not of `today`). */
  fingerprint: string;
  today: string;
  timeZone: string;
  plan: { code: string; title: string } | null;
  summary: ProgressSummary;
  /** The plan's indicators; in a report on one organisation, those it is responsible for (Indicator.responsibleOrganizationId). */
  indicators: ReportIndicator[];
  byOrganization: OrganizationStatusCounts[];
  overdue: OverdueRecommendation[];
  statusesByQuarter: QuarterStatusCounts[];
  /** The due dates in scope moved by asOf, the latest first. */
  deadlineChanges: DeadlineChanges;
  /** Where civil society's published view differs from the official status at asOf. */
  divergences: Divergences;
  /** The organisations' reporting completeness in the report's year as of asOf (issue 23). */
  completeness: CompletenessRow[];
}

/** One organisation's reporting completeness in the report's year, as the PDF lists it. */
export interface CompletenessRow {
  organization: string;
  expected: number;
  reported: number;
  reportedOnTime: number;
  overdue: number;
  daysLate: number;
}
