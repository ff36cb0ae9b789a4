import { FollowByEmail } from './follow-form';
import { FiguresCutNote } from './figures-cut-note';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { h, SafeHtml } from '../jsx/html';
import { BarChart } from '../layout/charts';
import { Layout } from '../layout/layout';
import { PageContext } from '../layout/page-context';
import { FallbackNote } from '../layout/fallback-note';
import { FeedLink } from './links';
import { IndicatorProgressTable, StatusCountTable } from './progress-tables';
import { RecommendationTable } from './recommendation-table';
import type { OrganisationData } from './public-pages.service';
import { CompletenessTable } from '../layout/completeness-table';

/** `/organisations/{id}`: its recommendations by status, the overdue ones, its indicators. */
export function OrganisationPage({
  ctx,
  stylesheetHref,
  data,
  followable = false,
}: {
  ctx: PageContext;
  stylesheetHref: string;
  data: OrganisationData;
  /** Whether to offer following by e-mail (only when mail is on). */
  followable?: boolean;
}): SafeHtml {
  const { t, i18n } = ctx;
  const { completeness } = data;
  const o = data.organization;
  const feed = `/organisations/${o.id}/changes.atom`;
  const statuses = Object.values(RecommendationStatus).map((status) => ({ status, count: data.byStatus.get(status) ?? 0 }));
  return (
    <Layout ctx={ctx} title={ctx.text.plain(o.name)} stylesheetHref={stylesheetHref} section="none" head={<FeedLink href={feed} title={t('feed.titleFor', { name: ctx.text.plain(o.name) })} />}>
      <span class="govuk-caption-l">{t(`orgKind.${o.kind}`)}</span>
      <h1 class="govuk-heading-l">{ctx.text(o.name)}</h1>
      <FallbackNote ctx={ctx} translations={o.name} />
      <h2 class="govuk-heading-m" id="org-by-status">
        {t('organisation.recommendations')}
      </h2>
      <p class="govuk-body" data-total={String(data.total)}>
        {t('count.recommendations', { count: data.total })}
      </p>
      <BarChart
        id="chart-org-status"
        title={t('organisation.recommendations')}
        desc={t('home.chart.desc')}
        bars={statuses.map((s) => ({ label: t(`status.${s.status}`), value: s.count }))}
        format={(n) => i18n.number(n)}
      />
      <StatusCountTable ctx={ctx} id="org-by-status" counts={statuses} listHref={(status) => `/recommendations?organisation=${o.id}&status=${status}`} />
      <p class="govuk-body">
        <a class="govuk-link" href={`/recommendations?organisation=${o.id}`}>
          {t('organisation.allRecommendations')}
        </a>
      </p>
      <h2 class="govuk-heading-m">{t('organisation.overdue')}</h2>
      {data.overdue.length ? <RecommendationTable ctx={ctx} rows={data.overdue} /> : <p class="govuk-body">{t('organisation.noOverdue')}</p>}
      <h2 class="govuk-heading-m" id="org-indicators">
        {t('organisation.indicators')}
      </h2>
      {data.indicators.length === 0 ? (
        <p class="govuk-body">{t('none')}</p>
      ) : (
        <IndicatorProgressTable ctx={ctx} id="org-indicators" rows={data.indicators} caption={t('home.year', { year: String(data.year) })} />
      )}
      {data.indicators.length === 0 ? null : <FiguresCutNote ctx={ctx} cut={data.cut} />}
      <h2 class="govuk-heading-m" id="org-completeness">
        {t('organisation.completeness', { year: String(completeness.year) })}
      </h2>
      <p class="govuk-body">{t('completeness.intro', { year: String(completeness.year), date: i18n.date(completeness.asOf) })}</p>
      {completeness.entry ? (
        <CompletenessTable ctx={ctx} caption={t('organisation.completeness', { year: String(completeness.year) })} periods={completeness.entry.periods} totals={completeness.entry.totals} />
      ) : (
        <p class="govuk-body">{t('completeness.none', { year: String(completeness.year), date: i18n.date(completeness.asOf) })}</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={feed}>
          {t('organisation.feed')}
        </a>
      </p>
      {followable ? <FollowByEmail ctx={ctx} target={{ organizationId: data.organization.id }} /> : null}
    </Layout>
  );
}
