import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { FallbackNote } from '../layout/fallback-note';
import { Layout } from '../layout/layout';
import { PageContext } from '../layout/page-context';
import { Framework, FrameworkItem } from '../../frameworks/framework-item.entity';
import { indicatorHref } from './links';
import type { FrameworkItemData } from './public-pages.service';
import { RecommendationTable } from './recommendation-table';

export function frameworkItemHref(item: Pick<FrameworkItem, 'framework' | 'code'>): string {
  return `/frameworks/${item.framework.toLowerCase()}/${encodeURIComponent(item.code)}`;
}

/** `/frameworks/{framework}/{code}` (e.g. /frameworks/sdg/5.5): an SDG target or indicator, a CEDAW paragraph, and what addresses it, with status. */
export function FrameworkItemPage({ ctx, stylesheetHref, data }: { ctx: PageContext; stylesheetHref: string; data: FrameworkItemData }): SafeHtml {
  const { t } = ctx;
  const { item } = data;
  const name = `${t(`framework.${item.framework}`)} ${item.code}`;
  return (
    <Layout ctx={ctx} title={`${name}: ${ctx.text.plain(item.title)}`} stylesheetHref={stylesheetHref} section="none">
      <span class="govuk-caption-l">{t(`framework.${item.framework}`)}</span>
      <h1 class="govuk-heading-l" data-framework-item={item.code}>
        {item.code}: {ctx.text(item.title)}
      </h1>
      <FallbackNote ctx={ctx} translations={item.title} />
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('framework.kind')}</dt>
          <dd class="govuk-summary-list__value">{t(`framework.kind.${item.kind}`)}</dd>
        </div>
        {item.parentCode ? (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t('framework.partOf')}</dt>
            <dd class="govuk-summary-list__value">
              <a class="govuk-link" href={frameworkItemHref({ framework: item.framework, code: item.parentCode })}>
                {item.parentCode}
              </a>
            </dd>
          </div>
        ) : null}
        {item.seriesCode ? (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t('framework.seriesCode')}</dt>
            <dd class="govuk-summary-list__value">{item.seriesCode}</dd>
          </div>
        ) : null}
        {item.framework === Framework.SDG ? null : (
          // A paragraph number belongs to a UN document (CEDAW, UPR); SDG items have codes only.
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{t('framework.paragraph')}</dt>
            <dd class="govuk-summary-list__value" data-paragraph={item.paragraph === null ? 'unknown' : String(item.paragraph)}>
              {item.paragraph === null ? t('framework.paragraphUnknown') : String(item.paragraph)}
            </dd>
          </div>
        )}
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('framework.source')}</dt>
          <dd class="govuk-summary-list__value">{item.source}</dd>
        </div>
      </dl>
      {data.children.length ? (
        <>
          <h2 class="govuk-heading-m">{t('framework.children')}</h2>
          <ul class="govuk-list" data-list="framework-children">
            {data.children.map((child) => (
              <li>
                <a class="govuk-link" href={frameworkItemHref(child)}>
                  {child.code}
                </a>{' '}
                {ctx.text(child.title)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 class="govuk-heading-m">{t('framework.recommendations')}</h2>
      {data.children.length ? (
        <p class="govuk-body" data-rolls-up="true">
          {t('framework.includesChildren')}
        </p>
      ) : null}
      {data.recommendations.length ? (
        <>
          <RecommendationTable ctx={ctx} rows={data.recommendations} caption={t('framework.recommendations')} />
          <p class="govuk-body">
            <a class="govuk-link" href={`/recommendations?framework=${item.id}`} data-filter-link="framework">
              {t('framework.filterRecommendations')}
            </a>
          </p>
        </>
      ) : (
        <p class="govuk-body">{t('framework.noRecommendations')}</p>
      )}
      <h2 class="govuk-heading-m">{t('framework.indicators')}</h2>
      {data.indicators.length ? (
        <TableWrapper label={t('framework.indicators')}>
          <Table
            attributes={{ 'data-list': 'framework-indicators' }}
            head={[{ text: t('table.code') }, { text: t('framework.indicator') }]}
            rowAttributes={data.indicators.map(({ indicator }) => ({ 'data-code': indicator.code }))}
            rows={data.indicators.map(({ indicator, plan }) => [
              {
                classes: 'app-nowrap',
                html: (
                  <a class="govuk-link" href={indicatorHref(indicator.code, plan?.code)}>
                    {indicator.code}
                  </a>
                ),
              },
              { html: ctx.text(indicator.name) },
            ])}
          />
        </TableWrapper>
      ) : (
        <p class="govuk-body">{t('framework.noIndicators')}</p>
      )}
    </Layout>
  );
}
