import { periodText } from '../../action-plan/indicator-unit';
import type { PublishedBreakdown } from '../../dimensions/published-breakdown';
import type { DimensionMember } from '../../dimensions/dimension.entity';
import type { CellTotal } from '../../dimensions/breakdown';
import { Table, TableCell } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { BarChart } from '../layout/charts';
import type { PageContext } from '../layout/page-context';

/**
 * The approved breakdown of the latest period that has one: a table of its cells (numerator
 * and denominator for a ratio), the totals per parent member (districts → oblast) as
 * Σ numerator / Σ denominator, and a bar chart of the cells with the same numbers.
 */
export function BreakdownSection({ ctx, breakdown }: { ctx: PageContext; breakdown: PublishedBreakdown }): SafeHtml {
  const { t, i18n } = ctx;
  const ratio = breakdown.rows.some((r) => r.cell.numerator !== null);
  const name = (member: DimensionMember | null) => (member ? ctx.text.plain(member.name) : '—');
  const figures = (f: Pick<CellTotal, 'value' | 'numerator' | 'denominator'>): TableCell[] => [
    ...(ratio
      ? [
          { text: f.numerator === null ? '—' : i18n.number(f.numerator), format: 'numeric' as const },
          { text: f.denominator === null ? '—' : i18n.number(f.denominator), format: 'numeric' as const },
        ]
      : []),
    { text: i18n.number(f.value), format: 'numeric' as const },
  ];
  const figureHead = [
    ...(ratio ? [{ text: t('indicator.breakdown.numerator'), format: 'numeric' as const }, { text: t('indicator.breakdown.denominator'), format: 'numeric' as const }] : []),
    { text: t('indicator.breakdown.value'), format: 'numeric' as const },
  ];
  const period = periodText(i18n, breakdown.period);
  return (
    <Fragment>
      <h2 class="govuk-heading-m" id="breakdown">
        {t('indicator.breakdown.title', { period })}
      </h2>
      {ratio ? <p class="govuk-body">{t('indicator.breakdown.ratioRule')}</p> : null}
      <TableWrapper labelledBy="breakdown">
        <Table
          attributes={{ 'aria-labelledby': 'breakdown', 'data-table': 'breakdown' }}
          head={[...breakdown.dimensions.map((d) => ({ text: ctx.text.plain(d.name) })), ...figureHead]}
          firstCellIsHeader
          rowAttributes={[...breakdown.rows.map((r) => ({ 'data-members': r.members.map((m) => m?.code ?? '').join(' ') })), { 'data-members': 'TOTAL' }]}
          rows={[
            ...breakdown.rows.map((r) => [...r.members.map((m) => ({ text: name(m) })), ...figures(r.cell)]),
            [{ text: t('indicator.breakdown.total'), colspan: breakdown.dimensions.length }, ...figures(breakdown.total)],
          ]}
        />
      </TableWrapper>
      {breakdown.parentTotals.map(({ dimension, totals }) => (
        <TableWrapper label={t('indicator.breakdown.parentTotals', { dimension: ctx.text.plain(dimension.name) })}>
          <Table
            caption={t('indicator.breakdown.parentTotals', { dimension: ctx.text.plain(dimension.name) })}
            captionClasses="govuk-table__caption--s"
            attributes={{ 'data-table': `breakdown-parents-${dimension.code}` }}
            head={[{ text: ctx.text.plain(dimension.name) }, ...figureHead]}
            firstCellIsHeader
            rowAttributes={totals.map((x) => ({ 'data-member': x.member.code }))}
            rows={totals.map((x) => [{ text: name(x.member) }, ...figures(x.total)])}
          />
        </TableWrapper>
      ))}
      <BarChart
        id="chart-breakdown"
        title={t('indicator.breakdown.chartTitle', { period })}
        desc={t('indicator.breakdown.chartDesc')}
        bars={breakdown.rows.map((r) => ({ label: r.members.map(name).join(', '), value: r.cell.value }))}
        format={(n) => i18n.number(n)}
      />
    </Fragment>
  );
}
