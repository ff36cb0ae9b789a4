import { periodText, quantityText } from '../../action-plan/indicator-unit';
import type { Indicator } from '../../action-plan/indicator.entity';
import type { ReviewWorklist, WaitingVersion } from '../../action-plan/value-review.service';
import { Button } from '../components/button';
import { CsrfField } from '../components/csrf-field';
import type { ErrorSummaryItem } from '../components/error-summary';
import { SummaryList } from '../components/summary-list';
import { TextareaField } from '../forms/bound-controls';
import type { FieldErrors } from '../forms/field-errors';
import { Fragment, h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { StaffPage } from './staff-layout';

/** A form of the page that could not be saved: which version, what was typed, and the errors. */
export interface ReviewFailure {
  versionId: string;
  /** The return reason as typed (kept in its textarea). */
  reason: string;
  /** Errors by control id (the reason's textarea, or the version's section for a refused review). */
  errors: FieldErrors;
  /** The domain error's code or reason, on the summary (data-error-code). */
  code: string | null;
}

/** The id of a waiting version's section and of its return reason's textarea. */
export const reviewSectionId = (versionId: string) => `review-${versionId}`;
export const reasonControlId = (versionId: string) => `reason-${versionId}`;

/** /work/review: every version waiting for review, oldest first, each with Approve and Return (with a reason). */
export function ReviewPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  worklist: ReviewWorklist;
  indicators: Map<string, Indicator>;
  failure: ReviewFailure | null;
  success: string | null;
}): SafeHtml {
  const { ctx, worklist, failure } = props;
  const errors: ErrorSummaryItem[] = Object.entries(failure?.errors ?? {}).map(([id, text]) => ({
    href: `#${id}`,
    text,
    attributes: failure?.code ? { 'data-error-code': failure.code } : undefined,
  }));
  return (
    <StaffPage
      ctx={ctx}
      stylesheetHref={props.stylesheetHref}
      title={ctx.t('staff.review.title')}
      errors={errors}
      success={props.success}
      backLink={{ href: '/work', label: ctx.t('staff.backToWork') }}
    >
      <h1 class="govuk-heading-l">{ctx.t('staff.review.title')}</h1>
      <p class="govuk-body">{ctx.t('staff.review.intro')}</p>
      {worklist.approvesOwnValues ? (
        <div class="govuk-inset-text" data-self-approval="true">
          {ctx.t('staff.review.selfApproval')}
        </div>
      ) : null}
      <div id="review-list">
        {worklist.items.length ? (
          <>
            <p class="govuk-body" data-waiting={worklist.items.length}>
              {ctx.t('staff.review.count', { count: worklist.items.length })}
            </p>
            {worklist.items.map((item) => (
              <WaitingItem ctx={ctx} item={item} indicator={props.indicators.get(item.indicatorId) ?? null} failure={failure?.versionId === item.version.id ? failure : null} />
            ))}
          </>
        ) : (
          <p class="govuk-body">{ctx.t('staff.review.none')}</p>
        )}
      </div>
    </StaffPage>
  );
}

function WaitingItem(props: { ctx: PageContext; item: WaitingVersion; indicator: Indicator | null; failure: ReviewFailure | null }): SafeHtml {
  const { ctx, item, indicator } = props;
  const { version } = item;
  const id = version.id;
  const period = periodText(ctx.i18n, item.period);
  const amount = (value: number) => (indicator ? quantityText(ctx.i18n, value, indicator) : ctx.i18n.number(value));
  const context = ctx.t('staff.review.approveHidden', { code: item.indicatorCode, period });
  return (
    <section class="app-review-item govuk-!-margin-bottom-8" id={reviewSectionId(id)} aria-labelledby={`${reviewSectionId(id)}-title`} data-version-id={id} tabindex="-1">
      <h2 class="govuk-heading-m" id={`${reviewSectionId(id)}-title`}>
        <span class="govuk-caption-m">{ctx.t('staff.review.itemCaption', { code: item.indicatorCode, period, number: version.number })}</span>
        {indicator ? (
          <a class="govuk-link" href={`/work/indicators/${indicator.id}`}>
            {`${indicator.code}: ${ctx.text.plain(indicator.name)}`}
          </a>
        ) : (
          item.indicatorCode
        )}
      </h2>
      <SummaryList
        rows={[
          { key: { text: ctx.t('staff.indicator.period') }, value: { text: period } },
          { key: { text: ctx.t('staff.review.value') }, value: { text: amount(version.value) } },
          {
            key: { text: ctx.t('staff.review.previous') },
            value: { text: item.approvedValue === null ? ctx.t('staff.review.noPrevious') : amount(item.approvedValue) },
          },
          version.correctionReason ? { key: { text: ctx.t('staff.review.correctionReason') }, value: { text: version.correctionReason } } : null,
          version.source ? { key: { text: ctx.t('staff.field.source') }, value: { html: ctx.text(version.source) } } : null,
          {
            key: { text: ctx.t('staff.review.submitted') },
            value: { text: ctx.t('staff.history.byAt', { name: version.submittedBy ?? '—', at: ctx.i18n.dateTime(version.submittedAt) }) },
          },
        ]}
      />
      {item.own ? (
        <p class="govuk-inset-text" data-own="true">
          {ctx.t(item.mayApprove ? 'staff.review.ownSelf' : 'staff.review.own')}
        </p>
      ) : null}
      {item.mayApprove ? (
        <form method="post" action={`/work/review/${id}/approve`} novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="expectedVersion" value={String(version.number)} />
          <Button
            html={
              <>
                {ctx.t('staff.review.approve')}
                <span class="govuk-visually-hidden">{` ${context}`}</span>
              </>
            }
          />
        </form>
      ) : null}
      {item.mayReturn ? (
        <form method="post" action={`/work/review/${id}/return`} novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="expectedVersion" value={String(version.number)} />
          <TextareaField
            ctx={ctx}
            id={reasonControlId(id)}
            name="reason"
            label={ctx.t('staff.review.returnReason')}
            hint={ctx.t('staff.review.returnReasonHint')}
            rows={3}
            value={props.failure?.reason ?? ''}
            errors={props.failure?.errors ?? {}}
          />
          <Button
            classes="govuk-button--secondary"
            html={
              <>
                {ctx.t('staff.review.return')}
                <span class="govuk-visually-hidden">{` ${context}`}</span>
              </>
            }
          />
        </form>
      ) : null}
    </section>
  );
}
