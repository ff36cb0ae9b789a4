import { periodText, quantityText } from '../../action-plan/indicator-unit';
import { ReviewStatus } from '../../action-plan/indicator-value-version.entity';
import type { IndicatorValueVersion } from '../../action-plan/indicator-value-version.entity';
import type { Indicator } from '../../action-plan/indicator.entity';
import { Details } from '../components/details';
import { ReviewStatusTag } from '../components/status-tag';
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { WarningText } from '../components/warning-text';
import { Fragment, h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import type { IndicatorDetail, PeriodHistory } from './staff-reads.service';

/** The id of a period's history (the links of "My work" and of the returned-value notice point here). */
export const periodHistoryId = (period: string) => `history-${period}`;

/**
 * Above the form, for the person whose values were returned: each returned period with its
 * reviewer's reason, prominently (GOV.UK warning text), and a link to its history.
 */
export function ReturnedToReader({ ctx, detail }: { ctx: PageContext; detail: IndicatorDetail }): SafeHtml {
  if (!detail.returnedToReader.length) return <></>;
  return (
    <>
      {detail.returnedToReader.map(({ period, version }) => (
        <WarningText
          iconFallbackText={ctx.t('staff.warning')}
          attributes={{ 'data-returned-period': period }}
          text={ctx.t('staff.versions.returnedToYou', { period: periodText(ctx.i18n, period), name: version.reviewedBy ?? '—', reason: version.returnReason ?? '' })}
        />
      ))}
    </>
  );
}

function reasonsOf(ctx: PageContext, version: IndicatorValueVersion): SafeHtml {
  const lines: string[] = [];
  if (version.correctionReason) lines.push(ctx.t('staff.versions.correction', { reason: version.correctionReason }));
  if (version.returnReason) lines.push(ctx.t('staff.versions.returnReason', { reason: version.returnReason }));
  if (!lines.length) return <>—</>;
  return (
    <>
      {lines.map((line, i) => (i === 0 ? <>{line}</> : <><br />{line}</>))}
    </>
  );
}

function PeriodVersions({ ctx, indicator, period }: { ctx: PageContext; indicator: Indicator; period: PeriodHistory }): SafeHtml {
  const label = periodText(ctx.i18n, period.period);
  const latest = period.versions[0];
  const caption = ctx.t('staff.versions.caption', { period: label });
  return (
    <Details
      id={periodHistoryId(period.period)}
      open={latest.reviewStatus !== ReviewStatus.APPROVED}
      attributes={{ 'data-period': period.period }}
      summaryText={ctx.t('staff.versions.summary', { period: label, count: period.versions.length, status: ctx.t(`reviewStatus.${latest.reviewStatus}`) })}
    >
      <TableWrapper label={caption}>
        <Table
          caption={caption}
          captionClasses="govuk-visually-hidden"
          firstCellIsHeader
          head={[
            { text: ctx.t('staff.versions.number'), format: 'numeric' },
            { text: ctx.t('staff.indicator.value'), format: 'numeric' },
            { text: ctx.t('staff.versions.status') },
            { text: ctx.t('staff.versions.submitted') },
            { text: ctx.t('staff.versions.reviewed') },
            { text: ctx.t('staff.versions.reason') },
          ]}
          rowAttributes={period.versions.map((v) => ({ 'data-version': v.number, 'data-review-status': v.reviewStatus }))}
          rows={period.versions.map((v) => [
            { text: String(v.number), classes: 'govuk-table__header--numeric' },
            { text: quantityText(ctx.i18n, v.value, indicator), format: 'numeric' },
            { html: <ReviewStatusTag ctx={ctx} status={v.reviewStatus} /> },
            { text: ctx.t('staff.history.byAt', { name: v.submittedBy ?? '—', at: ctx.i18n.dateTime(v.submittedAt) }) },
            { text: v.reviewedAt ? ctx.t('staff.history.byAt', { name: v.reviewedBy ?? '—', at: ctx.i18n.dateTime(v.reviewedAt) }) : '—' },
            { html: reasonsOf(ctx, v), classes: v.returnReason ? 'app-return-reason' : undefined },
          ])}
        />
      </TableWrapper>
    </Details>
  );
}

/** Every version of every period, the latest period first: a details per period (open while its latest version is not approved) with a table, newest version first. */
export function ValueHistory({ ctx, detail }: { ctx: PageContext; detail: IndicatorDetail }): SafeHtml {
  if (!detail.history.length) return <></>;
  return (
    <section aria-labelledby="history-title" id="history">
      <h2 class="govuk-heading-m" id="history-title">
        {ctx.t('staff.versions.title')}
      </h2>
      <p class="govuk-body">{ctx.t('staff.versions.hint')}</p>
      {detail.history.map((period) => (
        <PeriodVersions ctx={ctx} indicator={detail.indicator} period={period} />
      ))}
    </section>
  );
}
