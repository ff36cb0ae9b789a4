import type { ActionPlan } from '../../action-plan/action-plan.entity';
import type { IndicatorProgress } from '../../action-plan/indicator-progress';
import type { Indicator } from '../../action-plan/indicator.entity';
import type { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { ProgressTag } from '../components/status-tag';
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import type { PageContext } from '../layout/page-context';
import { indicatorHref } from './links';

/** An indicator's progress as the public pages list it, with its plan for the link. */
export type IndicatorProgressRow = IndicatorProgress & { indicator: Indicator; plan: ActionPlan | null };

/**
 * Recommendations by status, each status linking to the list it counts (the home page: all of
 * them; an organisation's page: its own). `id` is the heading that labels the table.
 */
export function StatusCountTable({
  ctx,
  id,
  counts,
  listHref,
}: {
  ctx: PageContext;
  id: string;
  counts: { status: RecommendationStatus; count: number }[];
  listHref: (status: RecommendationStatus) => string;
}): SafeHtml {
  const { t, i18n } = ctx;
  return (
    <TableWrapper labelledBy={id}>
      <Table
        attributes={{ 'aria-labelledby': id, 'data-table': 'by-status' }}
        head={[{ text: t('table.status') }, { text: t('table.count'), format: 'numeric' }]}
        firstCellIsHeader
        rowAttributes={counts.map((row) => ({ 'data-status': row.status }))}
        rows={counts.map((row) => [
          {
            html: (
              <a class="govuk-link" href={listHref(row.status)}>
                {t(`status.${row.status}`)}
              </a>
            ),
          },
          { text: i18n.number(row.count), format: 'numeric' },
        ])}
      />
    </TableWrapper>
  );
}

/**
 * Indicators with their target, actual and progress for one year (the home page shows the
 * baseline too). The rows carry `data-indicator`, `data-status` and `data-actual`, which the
 * tests that compare surfaces read.
 */
export function IndicatorProgressTable({
  ctx,
  id,
  rows,
  caption,
  withBaseline = false,
}: {
  ctx: PageContext;
  id: string;
  rows: IndicatorProgressRow[];
  caption?: string;
  withBaseline?: boolean;
}): SafeHtml {
  const { t, i18n } = ctx;
  const number = (n: number | null) => (n === null ? '—' : i18n.number(n));
  return (
    <TableWrapper labelledBy={id}>
      <Table
        attributes={{ 'aria-labelledby': id, 'data-table': 'indicators' }}
        caption={caption}
        captionClasses="govuk-table__caption--s"
        head={[
          { text: t('table.indicator') },
          ...(withBaseline ? [{ text: t('table.baseline'), format: 'numeric' as const }] : []),
          { text: t('table.target'), format: 'numeric' },
          { text: t('table.actual'), format: 'numeric' },
          { text: t('table.progress') },
        ]}
        rowAttributes={rows.map((p) => ({ 'data-indicator': p.indicator.code, 'data-status': p.status, 'data-actual': p.actual === null ? '' : String(p.actual) }))}
        rows={rows.map((p) => [
          {
            html: (
              <>
                <a class="govuk-link" href={indicatorHref(p.indicator.code, p.plan?.code)}>
                  {p.indicator.code}
                </a>{' '}
                {ctx.text(p.indicator.name)}
              </>
            ),
          },
          ...(withBaseline ? [{ text: number(p.baseline), format: 'numeric' as const }] : []),
          { text: number(p.target), format: 'numeric' },
          { text: number(p.actual), format: 'numeric' },
          { html: <ProgressTag ctx={ctx} status={p.status} /> },
        ])}
      />
    </TableWrapper>
  );
}
