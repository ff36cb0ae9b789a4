import { parsePeriod } from '../../action-plan/reporting-period';
import type { CompletenessCounts, PeriodCompleteness } from '../../reporting-completeness/reporting-completeness.types';
import { Table, TableCell } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from './page-context';

/** "2025" or "2025-Q3" in the page's language. */
export function periodText(ctx: PageContext, period: string): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  return parsed.quarter
    ? ctx.t('staff.period.quarter', { year: String(parsed.year), quarter: parsed.quarter })
    : ctx.t('staff.period.year', { year: String(parsed.year) });
}

/**
 * One organisation's reporting completeness (the public organisation page, the staff overview):
 * a row per period, then the totals, in the kit's Table inside a scrolling region named by `caption`.
 */
export function CompletenessTable(props: { ctx: PageContext; caption: string; periods: PeriodCompleteness[]; totals: CompletenessCounts; id?: string }): SafeHtml {
  const { ctx } = props;
  const n = (value: number): TableCell => ({ text: ctx.i18n.number(value), format: 'numeric' });
  const counts = (c: CompletenessCounts): TableCell[] => [n(c.expected), n(c.reported), n(c.approved), n(c.reportedOnTime), n(c.reportedLate), n(c.overdue), n(c.daysLate)];
  return (
    <TableWrapper label={props.caption}>
      {Table({
        caption: props.caption,
        captionClasses: 'govuk-table__caption--s',
        attributes: { 'data-table': 'completeness', id: props.id },
        firstCellIsHeader: true,
        head: [
          { text: ctx.t('completeness.period') },
          { text: ctx.t('completeness.expected'), format: 'numeric' },
          { text: ctx.t('completeness.reported'), format: 'numeric' },
          { text: ctx.t('completeness.approved'), format: 'numeric' },
          { text: ctx.t('completeness.onTime'), format: 'numeric' },
          { text: ctx.t('completeness.late'), format: 'numeric' },
          { text: ctx.t('completeness.overdue'), format: 'numeric' },
          { text: ctx.t('completeness.daysLate'), format: 'numeric' },
        ],
        rows: [...props.periods.map((p) => [{ text: periodText(ctx, p.period) }, ...counts(p)]), [{ text: ctx.t('completeness.total') }, ...counts(props.totals)]],
        rowAttributes: [...props.periods.map((p) => ({ 'data-period': p.period })), { 'data-period': 'total' }],
      })}
    </TableWrapper>
  );
}
