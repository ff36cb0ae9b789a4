import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { DivergentTag, OverdueTag, StatusTag } from '../components/status-tag';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { PageContext } from '../layout/page-context';
import { recommendationHref } from './links';
import type { RecommendationRow } from './public-pages.service';

/** Recommendations as a table: code, title, status, due date. */
export function RecommendationTable({ ctx, rows, caption }: { ctx: PageContext; rows: RecommendationRow[]; caption?: string }): SafeHtml {
  const { t, i18n } = ctx;
  return (
    <TableWrapper label={caption ?? t('recommendations.title')}>
      <Table
        attributes={{ 'data-list': 'recommendations' }}
        caption={caption}
        captionClasses="govuk-table__caption--m"
        head={[{ text: t('table.code') }, { text: t('table.recommendation') }, { text: t('recommendation.status') }, { text: t('table.dueDate') }]}
        rowAttributes={rows.map(({ recommendation: r }) => ({ 'data-code': r.code }))}
        rows={rows.map(({ recommendation: r, overdue, divergent }) => [
          {
            classes: 'app-nowrap',
            html: (
              <a class="govuk-link" href={recommendationHref(r.code)}>
                {r.code}
              </a>
            ),
          },
          { html: ctx.text(r.title) },
          {
            html: (
              <>
                <StatusTag ctx={ctx} status={r.status} /> {overdue ? <OverdueTag ctx={ctx} /> : null} {divergent ? <DivergentTag ctx={ctx} /> : null}
              </>
            ),
          },
          { classes: 'app-nowrap', text: r.dueDate ? i18n.date(r.dueDate) : t('recommendation.noDueDate') },
        ])}
      />
    </TableWrapper>
  );
}
