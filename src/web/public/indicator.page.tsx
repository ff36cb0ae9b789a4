import { FollowByEmail } from './follow-form';
import { progressRuleMessageKey } from '../../action-plan/period-target';
import { periodText, unitName } from '../../action-plan/indicator-unit';
import { h, SafeHtml } from '../jsx/html';
import type { Translations } from '../../i18n/translations';
import { IndicatorChart, periodPosition } from '../layout/charts';
import { rowsWithValues, SummaryList } from '../components/summary-list';
import { FallbackNote } from '../layout/fallback-note';
import { Layout } from '../layout/layout';
import { PageContext } from '../layout/page-context';
import { ProgressTag } from '../components/status-tag';
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { indicatorHref } from './links';
import { RecommendationTable } from './recommendation-table';
import { BreakdownSection } from './breakdown.section';
import type { IndicatorData } from './public-pages.service';

/** `/indicators/{code}`: baseline → reported values → targets, as a chart and as tables. */
export function IndicatorPage({ ctx, stylesheetHref, data, followable = false }: { ctx: PageContext; stylesheetHref: string; data: IndicatorData; followable?: boolean }): SafeHtml {
  const { t, i18n } = ctx;
  const { indicator: ind, plan } = data;
  const number = (n: number | null) => (n === null ? '—' : i18n.number(n));
  const years = plan ? data.progress.map((p) => p.year) : data.targets.map((tg) => tg.year);
  return (
    <Layout ctx={ctx} title={`${ind.code}: ${ctx.text.plain(ind.name)}`} stylesheetHref={stylesheetHref} section="home" description={ctx.text.plain(ind.name)}>
      <span class="govuk-caption-l">{plan ? `${plan.code} — ${ctx.text.plain(plan.title)}` : ind.code}</span>
      <h1 class="govuk-heading-l">
        {ind.code}: {ctx.text(ind.name)}
      </h1>
      <FallbackNote ctx={ctx} translations={ind.name} />
      <SummaryList
        rows={rowsWithValues([
          { key: t('indicator.plan'), value: plan ? `${ctx.text.plain(plan.title)} (${String(plan.startYear)}–${String(plan.endYear)})` : null },
          { key: t('indicator.unit'), value: unitName(ctx.i18n, ind) },
          {
            key: t('indicator.baseline'),
            value:
              ind.baselineValue === null
                ? t('none')
                : ind.baselineYear === null
                  ? i18n.number(ind.baselineValue)
                  : t('indicator.baselineIn', { value: i18n.number(ind.baselineValue), year: String(ind.baselineYear) }),
          },
          {
            key: t('indicator.responsible'),
            value: data.organization ? (
              <a class="govuk-link" href={`/organisations/${data.organization.id}`}>
                {ctx.text(data.organization.name)}
              </a>
            ) : null,
          },
        ])}
      />
      <h2 class="govuk-heading-m">{t('indicator.rule.title')}</h2>
      <p class="govuk-body">{t(`indicator.rule.${ind.direction}`)}</p>
      <IndicatorChart
        id="chart-indicator"
        title={t('indicator.chart.title', { name: `${ind.code} ${ctx.text.plain(ind.name)}` })}
        desc={t('indicator.chart.desc')}
        values={data.values.map((v) => ({ at: periodPosition(v.year, v.quarter), value: v.value }))}
        targets={data.targets.map((tg) => ({ at: periodPosition(tg.year, null), value: tg.value }))}
        baseline={ind.baselineValue !== null && ind.baselineYear !== null ? { at: periodPosition(ind.baselineYear, null), value: ind.baselineValue } : null}
        years={years}
        legend={{ values: t('indicator.legend.values'), targets: t('indicator.legend.targets'), baseline: t('indicator.legend.baseline') }}
        format={(n) => i18n.number(n)}
      />
      <h2 class="govuk-heading-m" id="targets">
        {t('indicator.targets')}
      </h2>
      <TableWrapper labelledBy="targets">
        <Table
          attributes={{ 'aria-labelledby': 'targets', 'data-table': 'progress' }}
          head={[
            { text: t('table.year') },
            { text: t('table.target'), format: 'numeric' },
            { text: t('table.actual'), format: 'numeric' },
            { text: t('table.percentOfTarget'), format: 'numeric' },
            { text: t('table.progress') },
            { text: t('table.actualPeriod') },
            { text: t('table.valuesKnownBy') },
          ]}
          firstCellIsHeader
          rowAttributes={data.progress.map((p) => ({
            'data-year': String(p.year),
            'data-actual': p.actual === null ? '' : String(p.actual),
            'data-actual-period': p.actualPeriod ?? '',
            'data-percent': p.percentOfTarget === null ? '' : String(p.percentOfTarget),
            'data-status': p.status,
            'data-as-of': p.asOf,
            'data-values-known-by': p.valuesKnownBy,
          }))}
          rows={data.progress.map((p) => [
            { text: String(p.year) },
            { text: number(p.target), format: 'numeric' },
            { text: number(p.actual), format: 'numeric' },
            { text: p.percentOfTarget === null ? '—' : i18n.percent(p.percentOfTarget / 100), format: 'numeric' },
            { html: <ProgressTag ctx={ctx} status={p.status} /> },
            { text: p.actualPeriod ?? '—' },
            { text: i18n.date(p.valuesKnownBy) },
          ])}
        />
      </TableWrapper>
      <p class="govuk-body-s" data-period-rule={progressRuleMessageKey(ind.measure, ind.reportingFrequency)}>
        {t(progressRuleMessageKey(ind.measure, ind.reportingFrequency) as `indicator.periodRule.${typeof ind.measure}.${typeof ind.reportingFrequency}`)}
      </p>
      <p class="govuk-body-s">{t('indicator.cutNote')}</p>
      <h2 class="govuk-heading-m" id="values">
        {t('indicator.values')}
      </h2>
      {data.values.length === 0 ? (
        <p class="govuk-body">{t('indicator.noValues')}</p>
      ) : (
        <TableWrapper labelledBy="values">
          <Table
            attributes={{ 'aria-labelledby': 'values', 'data-table': 'values' }}
            head={[{ text: t('table.period') }, { text: t('table.value'), format: 'numeric' }, { text: t('table.source') }, { text: t('table.note') }]}
            firstCellIsHeader
            rowAttributes={data.values.map((v) => ({ 'data-period': v.period }))}
            rows={data.values.map((v) => [
              { text: periodText(ctx.i18n, v.period) },
              { text: i18n.number(v.value), format: 'numeric' },
              { html: ctx.text(v.source) },
              { html: ctx.text(v.note) },
            ])}
          />
        </TableWrapper>
      )}
      {data.breakdown ? <BreakdownSection ctx={ctx} breakdown={data.breakdown} /> : null}
      <h2 class="govuk-heading-m">{t('indicator.recommendations')}</h2>
      {data.recommendations.length ? <RecommendationTable ctx={ctx} rows={data.recommendations} /> : <p class="govuk-body">{t('none')}</p>}
      {followable ? <FollowByEmail ctx={ctx} target={{ indicatorId: ind.id }} /> : null}
    </Layout>
  );
}

/** Two plans use the code: say so and link each. */
export function IndicatorChoicePage(props: { ctx: PageContext; stylesheetHref: string; code: string; plans: { code: string; title: Translations }[] }): SafeHtml {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.code} stylesheetHref={props.stylesheetHref} section="home">
      <h1 class="govuk-heading-l">{props.code}</h1>
      <p class="govuk-body">{ctx.t('indicator.ambiguous', { code: props.code })}</p>
      <ul class="govuk-list">
        {props.plans.map((plan) => (
          <li>
            <a class="govuk-link" href={indicatorHref(props.code, plan.code)}>
              {plan.code} — {ctx.text(plan.title)}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
