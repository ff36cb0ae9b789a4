import { periodText, quantityText } from '../../action-plan/indicator-unit';
import type { VersionOfPeriod } from '../../action-plan/indicator-value-versions.repository';
import type { Indicator } from '../../action-plan/indicator.entity';
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { Fragment, h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';

/** The values a person submitted that were returned to them, and those waiting for review ("My work"). */
export interface OwnValues {
  returned: VersionOfPeriod[];
  waiting: VersionOfPeriod[];
  indicators: Map<string, Indicator>;
}

function indicatorLabel(ctx: PageContext, row: VersionOfPeriod, indicators: Map<string, Indicator>): string {
  const indicator = indicators.get(row.indicatorId);
  return indicator ? `${indicator.code}: ${ctx.text.plain(indicator.name)}` : row.indicatorCode;
}

function amount(ctx: PageContext, row: VersionOfPeriod, indicators: Map<string, Indicator>): string {
  const indicator = indicators.get(row.indicatorId);
  return indicator ? quantityText(ctx.i18n, row.version.value, indicator) : ctx.i18n.number(row.version.value);
}

/** "My work": the person's values returned to them (the reason, a link to correct) and their values waiting for review. */
export function OwnValuesSections({ ctx, own }: { ctx: PageContext; own: OwnValues }): SafeHtml {
  return (
    <>
      <h2 class="govuk-heading-m" id="returned-title">
        {ctx.t('staff.work.returned')}
      </h2>
      {own.returned.length ? (
        <TableWrapper labelledBy="returned-title">
          <Table
            caption={ctx.t('staff.work.returnedCaption')}
            captionClasses="govuk-visually-hidden"
            attributes={{ 'data-list': 'returned' }}
            head={[
              { text: ctx.t('staff.work.indicator') },
              { text: ctx.t('staff.work.period') },
              { text: ctx.t('staff.work.value'), format: 'numeric' },
              { text: ctx.t('staff.work.returnReason') },
              { html: <span class="govuk-visually-hidden">{ctx.t('staff.work.correct')}</span> },
            ]}
            rowAttributes={own.returned.map((r) => ({ 'data-version-id': r.version.id }))}
            rows={own.returned.map((r) => {
              const period = periodText(ctx.i18n, r.period);
              return [
                { text: indicatorLabel(ctx, r, own.indicators) },
                { text: period },
                { text: amount(ctx, r, own.indicators), format: 'numeric' },
                {
                  html: (
                    <>
                      <strong>{r.version.returnReason ?? ''}</strong>
                      <br />
                      {ctx.t('staff.history.byAt', { name: r.version.reviewedBy ?? '—', at: r.version.reviewedAt ? ctx.i18n.dateTime(r.version.reviewedAt) : '—' })}
                    </>
                  ),
                },
                {
                  html: (
                    <a class="govuk-link" href={`/work/indicators/${r.indicatorId}?correct=${encodeURIComponent(r.period)}#record-title`}>
                      {ctx.t('staff.work.correct')}
                      <span class="govuk-visually-hidden">{` ${ctx.t('staff.work.correctHidden', { code: r.indicatorCode, period })}`}</span>
                    </a>
                  ),
                },
              ];
            })}
          />
        </TableWrapper>
      ) : (
        <p class="govuk-body">{ctx.t('staff.work.noneReturned')}</p>
      )}
      <h2 class="govuk-heading-m" id="waiting-title">
        {ctx.t('staff.work.waiting')}
      </h2>
      {own.waiting.length ? (
        <TableWrapper labelledBy="waiting-title">
          <Table
            caption={ctx.t('staff.work.waitingCaption')}
            captionClasses="govuk-visually-hidden"
            attributes={{ 'data-list': 'waiting' }}
            head={[
              { text: ctx.t('staff.work.indicator') },
              { text: ctx.t('staff.work.period') },
              { text: ctx.t('staff.work.value'), format: 'numeric' },
              { text: ctx.t('staff.work.submittedAt') },
            ]}
            rowAttributes={own.waiting.map((r) => ({ 'data-version-id': r.version.id }))}
            rows={own.waiting.map((r) => [
              { html: <a class="govuk-link" href={`/work/indicators/${r.indicatorId}`}>{indicatorLabel(ctx, r, own.indicators)}</a> },
              { text: periodText(ctx.i18n, r.period) },
              { text: amount(ctx, r, own.indicators), format: 'numeric' },
              { text: ctx.i18n.dateTime(r.version.submittedAt) },
            ])}
          />
        </TableWrapper>
      ) : (
        <p class="govuk-body">{ctx.t('staff.work.noneWaiting')}</p>
      )}
    </>
  );
}
