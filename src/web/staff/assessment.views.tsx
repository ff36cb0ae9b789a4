import type { Assessment } from '../../assessments/assessment.entity';
import type { Organization } from '../../organizations/organization.entity';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import type { Recommendation } from '../../recommendations/recommendation.entity';
import { Button } from '../components/button';
import { CsrfField } from '../components/csrf-field';
import type { ErrorSummaryItem } from '../components/error-summary';
import { AssessmentReviewTag, StatusTag } from '../components/status-tag';
import { SummaryList } from '../components/summary-list';
import { Table } from '../components/table';
import { RadiosField, TextareaField, TextField } from '../forms/bound-controls';
import type { FieldErrors } from '../forms/field-errors';
import { Fragment, h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { StaffPage } from './staff-layout';
import { TranslatedField, TranslatedValues } from './translated-field';

/** An assessment version with what the page shows beside it. */
export interface AssessmentRow {
  version: Assessment;
  recommendation: Recommendation;
  organization: Organization | null;
}

/** What the assessment form shows: as typed, or as the latest version has it. */
export interface AssessmentDraft {
  status: string;
  text: TranslatedValues;
  evidenceUrls: string;
  assessedOn: string;
}

/** The moderation note every assessment page carries: published after a check of form and safety, not of agreement. */
function ModerationNote({ ctx }: { ctx: PageContext }): SafeHtml {
  return (
    <div class="govuk-inset-text" data-moderation-note="true">
      {ctx.t('assessment.moderationNote')}
    </div>
  );
}

/** The evidence links of a version, as a list of links (each opens the source). */
export function EvidenceLinks({ ctx, urls }: { ctx: PageContext; urls: readonly string[] }): SafeHtml {
  if (!urls.length) return <span>{ctx.t('assessment.noEvidence')}</span>;
  return (
    <ul class="govuk-list">
      {urls.map((url) => (
        <li>
          <a class="govuk-link" href={url} rel="noopener noreferrer nofollow">
            {url}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** /work/assessments: the organisation's assessments (each one's latest version) and a way to assess a recommendation by its code. */
export function OwnAssessmentsPage(props: { ctx: PageContext; stylesheetHref: string; rows: AssessmentRow[]; code: string; errors: FieldErrors; success: string | null }): SafeHtml {
  const { ctx } = props;
  const errors: ErrorSummaryItem[] = Object.entries(props.errors).map(([id, text]) => ({ href: `#${id}`, text }));
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('assessment.own.title')} errors={errors} success={props.success}>
      <h1 class="govuk-heading-l">{ctx.t('assessment.own.title')}</h1>
      <p class="govuk-body">{ctx.t('assessment.own.intro')}</p>
      <ModerationNote ctx={ctx} />
      <form method="get" action="/work/assessments/find" novalidate>
        <TextField ctx={ctx} id="code" label={ctx.t('assessment.own.code')} hint={ctx.t('assessment.own.codeHint')} value={props.code} errors={props.errors} spellcheck={false} />
        <Button text={ctx.t('assessment.own.find')} />
      </form>
      <h2 class="govuk-heading-m">{ctx.t('assessment.own.listTitle')}</h2>
      {props.rows.length ? (
        <Table
          head={[{ text: ctx.t('assessment.recommendation') }, { text: ctx.t('assessment.official') }, { text: ctx.t('assessment.independent') }, { text: ctx.t('assessment.moderation') }]}
          rowAttributes={props.rows.map((row) => ({ 'data-code': row.recommendation.code }))}
          rows={props.rows.map((row) => [
            {
              html: (
                <a class="govuk-link" href={`/work/assessments/${row.recommendation.id}`}>
                  {`${row.recommendation.code}: ${ctx.text.plain(row.recommendation.title)}`}
                </a>
              ),
            },
            { html: <StatusTag ctx={ctx} status={row.recommendation.status} /> },
            { html: <StatusTag ctx={ctx} status={row.version.status} /> },
            {
              html: (
                <>
                  <AssessmentReviewTag ctx={ctx} status={row.version.reviewStatus} />
                  {row.version.returnReason ? <p class="govuk-body-s govuk-!-margin-top-2">{ctx.t('assessment.returnedBecause', { reason: row.version.returnReason })}</p> : null}
                </>
              ),
            },
          ])}
        />
      ) : (
        <p class="govuk-body">{ctx.t('assessment.own.none')}</p>
      )}
    </StaffPage>
  );
}

/** /work/assessments/:recommendationId: the organisation's assessment of one recommendation, a new version on each save. */
export function AssessmentFormPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  recommendation: Recommendation;
  latest: Assessment | null;
  draft: AssessmentDraft;
  errors: FieldErrors;
}): SafeHtml {
  const { ctx, recommendation: r, latest } = props;
  const errors: ErrorSummaryItem[] = Object.entries(props.errors).map(([id, text]) => ({ href: `#${id}`, text }));
  const title = ctx.t('assessment.form.title', { code: r.code });
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={title} errors={errors} backLink={{ href: '/work/assessments', label: ctx.t('assessment.own.title') }}>
      <span class="govuk-caption-l">{r.code}</span>
      <h1 class="govuk-heading-l">{ctx.text.plain(r.title)}</h1>
      <SummaryList
        rows={[
          { key: { text: ctx.t('assessment.official') }, value: { html: <StatusTag ctx={ctx} status={r.status} /> } },
          latest
            ? {
                key: { text: ctx.t('assessment.form.latest', { number: latest.number }) },
                value: {
                  html: (
                    <>
                      <StatusTag ctx={ctx} status={latest.status} /> <AssessmentReviewTag ctx={ctx} status={latest.reviewStatus} />
                      {latest.returnReason ? (
                        <p class="govuk-body-s govuk-!-margin-top-2" data-return-reason="true">
                          {ctx.t('assessment.returnedBecause', { reason: latest.returnReason })}
                        </p>
                      ) : null}
                    </>
                  ),
                },
              }
            : null,
        ]}
      />
      <ModerationNote ctx={ctx} />
      <form method="post" action={`/work/assessments/${r.id}`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="expectedVersion" value={String(latest?.number ?? 0)} />
        <RadiosField
          ctx={ctx}
          id="status"
          legend={ctx.t('assessment.form.status')}
          hint={ctx.t('assessment.form.statusHint')}
          choices={Object.values(RecommendationStatus).map((status) => ({ value: status, label: ctx.t(`status.${status}`) }))}
          value={props.draft.status}
          errors={props.errors}
        />
        <TranslatedField ctx={ctx} field="text" label={ctx.t('assessment.form.text')} hint={ctx.t('assessment.form.textHint')} kind="textarea" rows={6} values={props.draft.text} errors={props.errors} />
        <TextareaField
          ctx={ctx}
          id="evidenceUrls"
          label={ctx.t('assessment.form.evidence')}
          hint={ctx.t('assessment.form.evidenceHint')}
          rows={3}
          value={props.draft.evidenceUrls}
          errors={props.errors}
        />
        <TextField ctx={ctx} id="assessedOn" type="date" label={ctx.t('assessment.form.assessedOn')} hint={ctx.t('assessment.form.assessedOnHint')} value={props.draft.assessedOn} errors={props.errors} />
        <Button text={ctx.t('assessment.form.submit')} />
      </form>
    </StaffPage>
  );
}

/** The id of a waiting version's section and of its return reason's textarea. */
export const moderationSectionId = (id: string) => `assessment-${id}`;
export const moderationReasonId = (id: string) => `reason-${id}`;

/** /work/moderation: every assessment waiting for moderation, oldest first, each with Publish and Return (with a reason). */
export function ModerationPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  rows: AssessmentRow[];
  failure: { id: string; reason: string; errors: FieldErrors } | null;
  success: string | null;
}): SafeHtml {
  const { ctx, failure } = props;
  const errors: ErrorSummaryItem[] = Object.entries(failure?.errors ?? {}).map(([id, text]) => ({ href: `#${id}`, text }));
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('assessment.moderationTitle')} errors={errors} success={props.success} backLink={{ href: '/work', label: ctx.t('staff.backToWork') }}>
      <h1 class="govuk-heading-l">{ctx.t('assessment.moderationTitle')}</h1>
      <ModerationNote ctx={ctx} />
      <div id="moderation-list">
        {props.rows.length ? (
          props.rows.map((row) => {
            const v = row.version;
            const context = ctx.t('assessment.moderationHidden', { code: row.recommendation.code, organization: ctx.text.plain(row.organization?.name) });
            return (
              <section class="govuk-!-margin-bottom-8" id={moderationSectionId(v.id)} aria-labelledby={`${moderationSectionId(v.id)}-title`} data-assessment-id={v.id} tabindex="-1">
                <h2 class="govuk-heading-m" id={`${moderationSectionId(v.id)}-title`}>
                  <span class="govuk-caption-m">{ctx.t('assessment.moderationCaption', { code: row.recommendation.code, number: v.number })}</span>
                  {ctx.text.plain(row.organization?.name)}
                </h2>
                <SummaryList
                  rows={[
                    { key: { text: ctx.t('assessment.recommendation') }, value: { text: `${row.recommendation.code}: ${ctx.text.plain(row.recommendation.title)}` } },
                    { key: { text: ctx.t('assessment.official') }, value: { html: <StatusTag ctx={ctx} status={row.recommendation.status} /> } },
                    { key: { text: ctx.t('assessment.independent') }, value: { html: <StatusTag ctx={ctx} status={v.status} /> } },
                    { key: { text: ctx.t('assessment.text') }, value: { html: ctx.text(v.text) } },
                    { key: { text: ctx.t('assessment.evidence') }, value: { html: <EvidenceLinks ctx={ctx} urls={v.evidenceUrls} /> } },
                    { key: { text: ctx.t('assessment.assessedOn') }, value: { text: ctx.i18n.date(v.assessedOn) } },
                    { key: { text: ctx.t('staff.review.submitted') }, value: { text: ctx.t('staff.history.byAt', { name: v.submittedBy ?? '—', at: ctx.i18n.dateTime(v.submittedAt) }) } },
                  ]}
                />
                <form method="post" action={`/work/moderation/${v.id}/publish`} novalidate>
                  <CsrfField ctx={ctx} />
                  <Button
                    html={
                      <>
                        {ctx.t('assessment.publish')}
                        <span class="govuk-visually-hidden">{` ${context}`}</span>
                      </>
                    }
                  />
                </form>
                <form method="post" action={`/work/moderation/${v.id}/return`} novalidate>
                  <CsrfField ctx={ctx} />
                  <TextareaField
                    ctx={ctx}
                    id={moderationReasonId(v.id)}
                    name="reason"
                    label={ctx.t('assessment.returnReason')}
                    hint={ctx.t('assessment.returnReasonHint')}
                    rows={3}
                    value={failure?.id === v.id ? failure.reason : ''}
                    errors={failure?.id === v.id ? failure.errors : {}}
                  />
                  <Button
                    classes="govuk-button--secondary"
                    html={
                      <>
                        {ctx.t('assessment.return')}
                        <span class="govuk-visually-hidden">{` ${context}`}</span>
                      </>
                    }
                  />
                </form>
              </section>
            );
          })
        ) : (
          <p class="govuk-body">{ctx.t('assessment.moderationNone')}</p>
        )}
      </div>
    </StaffPage>
  );
}
