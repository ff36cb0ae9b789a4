import type { ProgressSummary } from '../../reports/progress-summary.type';
import { h, SafeHtml } from '../jsx/html';
import { Layout } from '../layout/layout';
import { PageContext } from '../layout/page-context';

export interface HomePageData {
  summary: ProgressSummary;
}

/** `/`: the programme at a glance. */
export function HomePage({ ctx, stylesheetHref, data }: { ctx: PageContext; stylesheetHref: string; data: HomePageData }): SafeHtml {
  const { summary } = data;
  const { t, i18n } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')} stylesheetHref={stylesheetHref} section="home">
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">{t('home.year', { year: String(summary.year) })}</span>
        {t('home.title')}
      </h1>
      <p class="govuk-body-l">{t('site.tagline')}</p>
      <ul class="app-figures">
        <li class="app-figure" data-figure="total">
          <span class="app-figure__value">{i18n.number(summary.recommendationsTotal)}</span>
          <span class="app-figure__label">{t('home.figures.total')}</span>
        </li>
        <li class="app-figure" data-figure="implementation-rate">
          <span class="app-figure__value">{i18n.percent(summary.implementationRate / 100)}</span>
          <span class="app-figure__label">{t('home.figures.implementationRate')}</span>
        </li>
        <li class="app-figure" data-figure="overdue">
          <span class="app-figure__value">{i18n.number(summary.overdue)}</span>
          <span class="app-figure__label">{t('home.figures.overdue')}</span>
        </li>
      </ul>
      <h2 class="govuk-heading-m" id="by-status">
        {t('home.byStatus.title')}
      </h2>
      <table class="govuk-table" aria-labelledby="by-status">
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              {t('table.status')}
            </th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">
              {t('table.count')}
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {summary.byStatus.map((row) => (
            <tr class="govuk-table__row" data-status={row.status}>
              <th scope="row" class="govuk-table__header">
                {t(`status.${row.status}`)}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">{i18n.number(row.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
