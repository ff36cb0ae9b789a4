import { ProgressStatus } from '../../action-plan/action-plan.enums';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { Child, h, SafeHtml } from '../jsx/html';
import { PageContext } from '../layout/page-context';
import type { RecommendationRow } from './public-pages.service';

// Colour is never the only signal: every tag carries its status in words.
const STATUS_COLOURS: Record<RecommendationStatus, string> = {
  PROPOSED: 'grey',
  UNDER_REVIEW: 'purple',
  ACCEPTED: 'teal',
  REJECTED: 'red',
  IN_PROGRESS: 'turquoise',
  STALLED: 'orange',
  IMPLEMENTED: 'green',
};

const PROGRESS_COLOURS: Record<ProgressStatus, string> = {
  ACHIEVED: 'green',
  ON_TRACK: 'turquoise',
  AT_RISK: 'yellow',
  OFF_TRACK: 'red',
  NO_DATA: 'grey',
};

export function StatusTag({ ctx, status }: { ctx: PageContext; status: RecommendationStatus }): SafeHtml {
  return (
    <strong class={`govuk-tag govuk-tag--${STATUS_COLOURS[status]}`} data-status={status}>
      {ctx.t(`status.${status}`)}
    </strong>
  );
}

export function ProgressTag({ ctx, status }: { ctx: PageContext; status: ProgressStatus }): SafeHtml {
  return (
    <strong class={`govuk-tag govuk-tag--${PROGRESS_COLOURS[status]}`} data-progress={status}>
      {ctx.t(`progress.${status}`)}
    </strong>
  );
}

export function OverdueTag({ ctx }: { ctx: PageContext }): SafeHtml {
  return (
    <strong class="govuk-tag govuk-tag--red" data-overdue="true">
      {ctx.t('overdue.tag')}
    </strong>
  );
}

export function recommendationHref(code: string): string {
  return `/recommendations/${encodeURIComponent(code)}`;
}

export function indicatorHref(code: string, planCode?: string | null): string {
  return `/indicators/${encodeURIComponent(code)}${planCode ? `?plan=${encodeURIComponent(planCode)}` : ''}`;
}

/**
 * A table that may be wider than a narrow screen (360 px, large text): it scrolls inside this region
 * instead of the page scrolling sideways (WCAG 1.4.10). The region is named (by the table's heading,
 * or `label`) and reachable by keyboard, so it can be scrolled without a mouse.
 */
export function TableRegion(props: { labelledBy?: string; label?: string; children?: Child }): SafeHtml {
  return (
    <div class="app-table-wrapper" role="region" tabindex="0" aria-labelledby={props.labelledBy} aria-label={props.labelledBy ? undefined : props.label}>
      {props.children}
    </div>
  );
}

/** Recommendations as a table: code, title, status, due date. */
export function RecommendationTable({ ctx, rows, caption }: { ctx: PageContext; rows: RecommendationRow[]; caption?: string }): SafeHtml {
  const { t, i18n } = ctx;
  return (
    <TableRegion label={caption ?? t('recommendations.title')}>
      <table class="govuk-table" data-list="recommendations">
        {caption ? <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption> : null}
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t('table.code')}
            </th>
            <th scope="col" class="govuk-table__header">
              {t('table.recommendation')}
            </th>
            <th scope="col" class="govuk-table__header">
              {t('recommendation.status')}
            </th>
            <th scope="col" class="govuk-table__header">
              {t('table.dueDate')}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map(({ recommendation: r, overdue }) => (
            <tr class="govuk-table__row" data-code={r.code}>
              <td class="govuk-table__cell app-nowrap">
                <a class="govuk-link" href={recommendationHref(r.code)}>
                  {r.code}
                </a>
              </td>
              <td class="govuk-table__cell">{ctx.text(r.title)}</td>
              <td class="govuk-table__cell">
                <StatusTag ctx={ctx} status={r.status} /> {overdue ? <OverdueTag ctx={ctx} /> : null}
              </td>
              <td class="govuk-table__cell app-nowrap">{r.dueDate ? i18n.date(r.dueDate) : t('recommendation.noDueDate')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** A feed link for <head>, so feed readers find it from the page. */
export function FeedLink({ href, title }: { href: string; title: string }): SafeHtml {
  return <link rel="alternate" type="application/atom+xml" href={href} title={title} />;
}
