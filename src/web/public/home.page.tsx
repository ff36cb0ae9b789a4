import { ProgressStatus } from '../../action-plan/action-plan.enums';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { BarChart } from '../layout/charts';
import { Layout } from '../layout/layout';
import { PageContext } from '../layout/page-context';
import { describeChange } from './changes';
import { FiguresCutNote } from './figures-cut-note';
import { FeedLink } from './links';
import { IndicatorProgressTable, StatusCountTable } from './progress-tables';
import type { HomeData } from './public-pages.service';

/** `/`: the programme at a glance for a year. */
export function HomePage({ ctx, stylesheetHref, data }: { ctx: PageContext; stylesheetHref: string; data: HomeData }): SafeHtml {
  const { summary } = data;
  const { t, i18n } = ctx;
  const year = String(data.year);
  return (
    <Layout ctx={ctx} title={t('home.title')} stylesheetHref={stylesheetHref} section="home" head={<FeedLink href="/changes.atom" title={t('feed.title')} />}>
      <h1 class="govuk-heading-xl">
        <span class="govuk-caption-l">{t('home.year', { year })}</span>
        {t('home.title')}
      </h1>
      <p class="govuk-body-l">{t('site.tagline')}</p>
      {data.defaultedFrom === null ? null : (
        <div class="govuk-inset-text" data-notice="year-with-data">
          {t('home.yearWithData', { current: String(data.defaultedFrom), year })}
        </div>
      )}
      <form method="get" action="/" class="govuk-!-margin-bottom-6">
        <div class="govuk-form-group govuk-!-margin-bottom-2">
          <label class="govuk-label" for="year">
            {t('home.yearPicker.label')}
          </label>
          <select class="govuk-select" id="year" name="year">
            {data.years.map((y) => (
              <option value={String(y)} selected={y === data.year}>
                {String(y)}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
            {t('home.yearPicker.submit')}
          </button>
        </div>
      </form>
      <FiguresCutNote ctx={ctx} cut={summary} />
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
        <li class="app-figure" data-figure="divergent">
          <span class="app-figure__value">{i18n.number(data.divergent)}</span>
          <span class="app-figure__label">
            <a class="govuk-link" href="/recommendations?divergent=true">
              {t('home.figures.divergent')}
            </a>
          </span>
        </li>
      </ul>

      <h2 class="govuk-heading-m" id="by-status">
        {t('home.byStatus.title')}
      </h2>
      <BarChart
        id="chart-by-status"
        title={t('home.chart.title', { year })}
        desc={t('home.chart.desc')}
        bars={summary.byStatus.map((row) => ({ label: t(`status.${row.status}`), value: row.count }))}
        format={(n) => i18n.number(n)}
      />
      <StatusCountTable ctx={ctx} id="by-status" counts={summary.byStatus} listHref={(status) => `/recommendations?status=${status}`} />
      <p class="govuk-body">
        <a class="govuk-link" href="/recommendations">
          {t('home.allRecommendations')}
        </a>
      </p>

      <h2 class="govuk-heading-m" id="indicators">
        {t('home.indicators.title')}
      </h2>
      {data.indicatorTotal === 0 ? (
        <p class="govuk-body">{t('home.indicators.none')}</p>
      ) : null}
      {data.indicatorTotal > data.indicators.length ? (
        <>
          <ul class="app-figures" data-list="indicator-tally">
            {Object.values(ProgressStatus).map((status) => (
              <li class="app-figure" data-progress-total={status}>
                <span class="app-figure__value">{i18n.number(data.indicatorTally.get(status) ?? 0)}</span>
                <span class="app-figure__label">{t(`progress.${status}`)}</span>
              </li>
            ))}
          </ul>
          <p class="govuk-body">{t('home.indicators.firstOf', { shown: data.indicators.length, total: data.indicatorTotal })}</p>
        </>
      ) : null}
      {data.indicators.length === 0 ? null : (
        <IndicatorProgressTable ctx={ctx} id="indicators" rows={data.indicators} withBaseline />
      )}

      <h2 class="govuk-heading-m">{t('home.changes.title')}</h2>
      {data.changes.length === 0 ? (
        <p class="govuk-body">{t('home.changes.none')}</p>
      ) : (
        <ul class="govuk-list govuk-list--spaced" data-list="changes">
          {data.changes.map((entry) => {
            const change = describeChange(i18n, ctx.text.plain, entry);
            return (
              <li>
                <time class="govuk-body-s govuk-!-display-block" datetime={entry.at.toISOString()}>
                  {i18n.dateTime(entry.at)}
                </time>
                <a class="govuk-link" href={change.href}>
                  {change.text}
                </a>
              </li>
            );
          })}
        </ul>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href="/changes.atom">
          {t('nav.feed')}
        </a>
      </p>
    </Layout>
  );
}
