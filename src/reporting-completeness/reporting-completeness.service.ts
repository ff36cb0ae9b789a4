import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config.service';
import { DEFAULT_EXPORT_LOCALE, type Locale } from '../i18n/locales';
import { startOfNextDay } from '../common/start-of-next-day';
import { CompletenessScope, PeriodCountsRow, ReportingCompletenessRepository } from './reporting-completeness.repository';
import type { Organization } from '../organizations/organization.entity';
import { CompletenessCounts, ExpectedValue, OrganizationCompleteness, PeriodCompleteness } from './reporting-completeness.types';

/** How far ahead "My work" looks for values coming due. */
export const DUE_SOON_DAYS = 30;

/**
 * Reporting completeness (issue 23): per organisation and period, the values its indicators owe
 * (YEARLY: the year, QUARTERLY: its quarters, for the years their plan covers, periods ended by
 * the cut-off day), how many were reported, approved and reported on time, and the days late.
 */
@Injectable()
export class ReportingCompletenessService {
  constructor(
    private readonly repository: ReportingCompletenessRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * The completeness of `year` as known at the end of `asOf` (default today; BAD_USER_INPUT after
   * today), for every organisation responsible for an indicator, or one (NOT_FOUND when it does not exist).
   */
  async forYear(
    year: number,
    organizationId?: string | null,
    asOf?: string | null,
    locale: Locale = DEFAULT_EXPORT_LOCALE,
  ): Promise<{ asOf: string; organizations: OrganizationCompleteness[] }> {
    const scope = this.scope(asOf, locale);
    const rows = await this.repository.periodCounts(year, organizationId ?? null, scope);
    // Nothing expected of an organisation, or no such organisation: only the second is an error.
    if (organizationId && rows.length === 0 && !(await this.repository.organizationExists(organizationId))) {
      throw DomainError.notFound('Organization', organizationId);
    }
    return { asOf: scope.asOf, organizations: groupByOrganization(rows) };
  }

  /** The completeness of `year` as of today of an organisation the caller has read (so it exists). */
  async ofOrganization(year: number, organization: Pick<Organization, 'id'>, locale: Locale): Promise<{ asOf: string; entry: OrganizationCompleteness | null }> {
    const scope = this.scope(null, locale);
    const rows = await this.repository.periodCounts(year, organization.id, scope);
    return { asOf: scope.asOf, entry: groupByOrganization(rows)[0] ?? null };
  }

  /**
   * The values an organisation (or every one, when null) still owes, as of today: the overdue ones
   * and those due within DUE_SOON_DAYS. By due date, then indicator code.
   */
  openValues(organizationId: string | null): Promise<ExpectedValue[]> {
    const scope = this.scope(null, DEFAULT_EXPORT_LOCALE);
    return this.repository.openValues(organizationId, addDays(scope.asOf, DUE_SOON_DAYS), scope);
  }

  private scope(asOf: string | null | undefined, locale: Locale): CompletenessScope {
    const today = this.clock.today();
    if (asOf && asOf > today) throw DomainError.badInput('asOf', `is after today (${today})`);
    const day = asOf ?? today;
    const timeZone = this.config.get('APP_TIMEZONE');
    return { asOf: day, asOfEnd: startOfNextDay(day, timeZone), timeZone, locale };
  }
}

function groupByOrganization(rows: readonly PeriodCountsRow[]): OrganizationCompleteness[] {
  const byOrganization = new Map<string, OrganizationCompleteness>();
  for (const row of rows) {
    let entry = byOrganization.get(row.organization_id);
    if (!entry) {
      entry = { organizationId: row.organization_id, name: row.organization_name, periods: [], totals: emptyCounts() };
      byOrganization.set(row.organization_id, entry);
    }
    const period: PeriodCompleteness = {
      period: row.period,
      periodEnd: row.period_end,
      dueOn: row.due_on,
      expected: row.expected,
      reported: row.reported,
      approved: row.approved,
      reportedOnTime: row.reported_on_time,
      reportedLate: row.reported_late,
      overdue: row.overdue,
      notYetDue: row.not_yet_due,
      daysLate: row.days_late,
    };
    entry.periods.push(period);
    for (const key of COUNT_KEYS) entry.totals[key] += period[key];
  }
  return [...byOrganization.values()];
}

const COUNT_KEYS = ['expected', 'reported', 'approved', 'reportedOnTime', 'reportedLate', 'overdue', 'notYetDue', 'daysLate'] as const satisfies readonly (keyof CompletenessCounts)[];

function emptyCounts(): CompletenessCounts {
  return { expected: 0, reported: 0, approved: 0, reportedOnTime: 0, reportedLate: 0, overdue: 0, notYetDue: 0, daysLate: 0 };
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
