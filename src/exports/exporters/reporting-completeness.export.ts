import { reportingCompletenessExportQuery } from '../../reporting-completeness/reporting-completeness.repository';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';

/**
 * Reporting completeness (issue 23): one row per organisation responsible for indicators and
 * period of `year` ended by asOf: the values expected of its indicators (a YEARLY indicator's
 * year, a QUARTERLY one's quarters), reported, approved, on time, late, overdue, not yet due,
 * and the days late, as known at the end of asOf. By organisation id, then period.
 */
export function reportingCompletenessExport(year: number, ctx: ExportContext): TabularExport {
  const { language } = ctx;
  return {
    name: 'reporting-completeness',
    sheetName: language.sheetName('reporting-completeness'),
    description: `One row per organisation and period of ${year} ended by asOf: the indicator values expected of it and how they were reported.`,
    primaryKey: ['organization_id', 'period'],
    query: reportingCompletenessExportQuery(year, ctx),
    columns: [
      language.column('organization_name', 'text', 36, 'The organisation responsible for the indicators'),
      language.column('organization_id', 'text', 38, 'Its id'),
      language.column('period', 'text', 9, '"2025" (YEARLY indicators) or "2025-Q3" (a quarter of QUARTERLY ones)'),
      language.column('period_end', 'date', 12, "The period's last day"),
      language.column('due_on', 'date', 12, "The period's end plus the plan's reporting lag (the earliest, where plans differ)"),
      language.column('expected', 'number', 10, 'Values expected: one per indicator of the organisation for this period'),
      language.column('reported', 'number', 10, 'Of those, values with a version submitted by the end of asOf'),
      language.column('approved', 'number', 10, 'Of those, values with a version approved by the end of asOf'),
      language.column('reported_on_time', 'number', 10, 'Values first submitted by their due date'),
      language.column('reported_late', 'number', 10, 'Values first submitted after their due date'),
      language.column('overdue', 'number', 10, 'Values with no version whose due date has passed by asOf'),
      language.column('not_yet_due', 'number', 10, 'Values with no version whose due date is after asOf'),
      language.column('days_late', 'number', 10, 'Days late summed over the late and overdue values (overdue ones counted to asOf)'),
    ],
  };
}
