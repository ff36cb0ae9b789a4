import { quantityText, unitName } from '../../action-plan/indicator-unit';
import { IndicatorDirection, ReportingFrequency } from '../../action-plan/action-plan.enums';
import { progressRuleMessageKey } from '../../action-plan/period-target';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { CsrfField } from '../components/csrf-field';
import { ProgressTag } from '../components/status-tag';
import type { PageContext } from '../layout/page-context';
import type { FieldErrors } from '../forms/field-errors';
import { Button } from '../components/button';
import { summaryOf } from '../forms/field-errors';
import { TableWrapper } from '../components/table-wrapper';
import { RadiosField, TextField } from '../forms/bound-controls';
import { LanguagesOf, TranslatedField, TranslatedValues } from './translated-field';
import { StaffPage } from './staff-layout';
import { ReturnedToReader, ValueHistory } from './value-history.views';
import type { IndicatorDetail } from './staff-reads.service';
import { BreakdownDraft, BreakdownForm } from './indicator-breakdown.views';

export interface ValueDraft {
  year: string;
  quarter: string;
  value: string;
  /** The source and note in each language (TranslatedField). */
  source: TranslatedValues;
  note: TranslatedValues;
  /** Why this version corrects the period's value (required when it has one). */
  correctionReason: string;
}

/** The milestone form's controls as posted (or blank). */
export interface MilestoneDraft {
  year: string;
  quarter: string;
  value: string;
}

function periodLabel(ctx: PageContext, year: number, quarter: number | null): string {
  return quarter ? ctx.t('staff.period.quarter', { year: String(year), quarter }) : ctx.t('staff.period.year', { year: String(year) });
}

function ProgressTable({ ctx, detail }: { ctx: PageContext; detail: IndicatorDetail }): SafeHtml {
  return (
    <Fragment>
    <TableWrapper label={ctx.t('staff.indicator.progressCaption')}>
<table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{ctx.t('staff.indicator.progressCaption')}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">{ctx.t('staff.indicator.year')}</th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">{ctx.t('staff.indicator.target')}</th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">{ctx.t('staff.indicator.actual')}</th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">{ctx.t('staff.indicator.percent')}</th>
          <th scope="col" class="govuk-table__header">{ctx.t('staff.indicator.status')}</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {detail.progress.map((progress) => {
          const { year, target } = progress;
          return (
            <tr class="govuk-table__row" data-year={String(year)} data-status={progress.status}>
              <th scope="row" class="govuk-table__header">
                {String(year)}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">{target === null ? '—' : ctx.i18n.number(target)}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">{progress.actual === null ? '—' : ctx.i18n.number(progress.actual)}</td>
              <td class="govuk-table__cell govuk-table__cell--numeric">
                {progress.percentOfTarget === null ? '—' : ctx.i18n.percent(progress.percentOfTarget / 100)}
              </td>
              <td class="govuk-table__cell">
                <ProgressTag ctx={ctx} status={progress.status} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
</TableWrapper>
    <p class="govuk-body-s">{ctx.t('indicator.cutNote')}</p>
  </Fragment>
  );
}

function ValuesTable({ ctx, detail }: { ctx: PageContext; detail: IndicatorDetail }): SafeHtml {
  if (detail.values.length === 0) return <p class="govuk-body">{ctx.t('staff.indicator.noValues')}</p>;
  return (
    <TableWrapper label={ctx.t('staff.indicator.valuesCaption')}>
<table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">{ctx.t('staff.indicator.valuesCaption')}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">{ctx.t('staff.indicator.period')}</th>
          <th scope="col" class="govuk-table__header govuk-table__header--numeric">{ctx.t('staff.indicator.value')}</th>
          <th scope="col" class="govuk-table__header">{ctx.t('staff.field.source')}</th>
          <th scope="col" class="govuk-table__header">{ctx.t('staff.indicator.recordedBy')}</th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {[...detail.values].reverse().map((v) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              {periodLabel(ctx, v.year, v.quarter)}
            </th>
            <td class="govuk-table__cell govuk-table__cell--numeric">{ctx.i18n.number(v.value)}</td>
            <td class="govuk-table__cell">{ctx.text(v.source) || '—'}</td>
            <td class="govuk-table__cell">{ctx.t('staff.history.byAt', { name: v.recordedBy ?? '—', at: ctx.i18n.dateTime(v.recordedAt) })}</td>
          </tr>
        ))}
      </tbody>
    </table>
</TableWrapper>
  );
}

export function IndicatorPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  detail: IndicatorDetail;
  draft: ValueDraft;
  milestoneDraft: MilestoneDraft;
  errors: FieldErrors;
  success: string | null;
  /** The edit form's address, for those who may edit the indicator (EDITOR/ADMIN). */
  editHref?: string | null;
  /** For an indicator broken down by dimensions: the breakdown form, shown instead of the value form. */
  breakdown?: BreakdownDraft | null;
}): SafeHtml {
  const { ctx, detail } = props;
  const { indicator, plan } = detail;
  const rule = ctx.t(indicator.direction === IndicatorDirection.INCREASE ? 'staff.indicator.ruleIncrease' : 'staff.indicator.ruleDecrease');
  return (
    <StaffPage
      ctx={ctx}
      stylesheetHref={props.stylesheetHref}
      title={`${indicator.code}: ${ctx.text.plain(indicator.name)}`}
      errors={summaryOf(props.errors)}
      success={props.success}
      backLink={{ href: '/work', label: ctx.t('staff.backToWork') }}
    >
      <span class="govuk-caption-l">{`${plan.code} · ${indicator.code}`}</span>
      <h1 class="govuk-heading-l">{ctx.text(indicator.name)}</h1>
      <LanguagesOf ctx={ctx} translations={indicator.name} />
      <ReturnedToReader ctx={ctx} detail={detail} />
      {props.editHref ? (
        <p class="govuk-body">
          <a class="govuk-link" href={props.editHref}>
            {ctx.t('staff.edit.link')}
            <span class="govuk-visually-hidden">{` ${indicator.code}`}</span>
          </a>
        </p>
      ) : null}
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{ctx.t('staff.indicator.baseline')}</dt>
          <dd class="govuk-summary-list__value">
            {indicator.baselineValue === null
              ? '—'
              : `${quantityText(ctx.i18n, indicator.baselineValue, indicator)}${indicator.baselineYear ? ` (${indicator.baselineYear})` : ''}`}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{ctx.t('staff.indicator.unit')}</dt>
          <dd class="govuk-summary-list__value">{unitName(ctx.i18n, indicator)}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{ctx.t('staff.field.responsible')}</dt>
          <dd class="govuk-summary-list__value">{ctx.text(detail.organizationName) || '—'}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{ctx.t('indicator.measure')}</dt>
          <dd class="govuk-summary-list__value">
            <p class="govuk-body">{ctx.t(`indicator.measure.${indicator.measure}`)}</p>
            <p class="govuk-body-s" data-period-rule={progressRuleMessageKey(indicator.measure, indicator.reportingFrequency)}>
              {ctx.t(progressRuleMessageKey(indicator.measure, indicator.reportingFrequency) as `indicator.periodRule.${typeof indicator.measure}.${typeof indicator.reportingFrequency}`)}
            </p>
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{ctx.t('indicator.frequency')}</dt>
          <dd class="govuk-summary-list__value">{ctx.t(`indicator.frequency.${indicator.reportingFrequency}`)}</dd>
        </div>
      </dl>
      <ProgressTable ctx={ctx} detail={detail} />
      <p class="govuk-body">{rule}</p>
      {indicator.reportingFrequency === ReportingFrequency.QUARTERLY ? <MilestonesTable ctx={ctx} detail={detail} /> : null}
      <ValuesTable ctx={ctx} detail={detail} />
      <ValueHistory ctx={ctx} detail={detail} />
      {detail.mayRecord ? (
        props.breakdown ? (
          <BreakdownForm ctx={ctx} detail={detail} draft={props.breakdown} errors={props.errors} />
        ) : (
          <ValueForm ctx={ctx} detail={detail} draft={props.draft} errors={props.errors} />
        )
      ) : null}
      {detail.mayRecord && indicator.reportingFrequency === ReportingFrequency.QUARTERLY ? (
        <MilestoneForm ctx={ctx} detail={detail} draft={props.milestoneDraft} errors={props.errors} />
      ) : null}
    </StaffPage>
  );
}

function ValueForm(props: { ctx: PageContext; detail: IndicatorDetail; draft: ValueDraft; errors: FieldErrors }): SafeHtml {
  const { ctx, detail, draft } = props;
  const quarters = [
    { value: '', label: ctx.t('staff.period.wholeYear') },
    ...[1, 2, 3, 4].map((q) => ({ value: String(q), label: ctx.t('staff.period.quarterOnly', { quarter: q }) })),
  ];
  return (
    <section aria-labelledby="record-title">
      <h2 class="govuk-heading-m" id="record-title">
        {ctx.t('staff.indicator.recordTitle')}
      </h2>
      <p class="govuk-body">{ctx.t('staff.indicator.recordHint')}</p>
      <form method="post" action={`/work/indicators/${detail.indicator.id}/values`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          id="year"
          label={ctx.t('staff.indicator.year')}
          hint={ctx.t('staff.indicator.yearHint', { from: String(detail.plan.startYear), to: String(detail.plan.endYear) })}
          inputmode="numeric"
          classes="govuk-input--width-5"
          value={draft.year}
          errors={props.errors}
        />
        <RadiosField ctx={ctx} id="quarter" legend={ctx.t('staff.indicator.quarter')} choices={quarters} value={draft.quarter} errors={props.errors} />
        <TextField
          ctx={ctx}
          id="value"
          label={ctx.t('staff.indicator.valueIn', { unit: unitName(ctx.i18n, detail.indicator) })}
          inputmode="decimal"
          classes="govuk-input--width-10"
          value={draft.value}
          errors={props.errors}
        />
        <TranslatedField ctx={ctx} field="source" label={ctx.t('staff.field.source')} kind="text" values={draft.source} errors={props.errors} />
        <TranslatedField ctx={ctx} field="note" label={ctx.t('staff.field.note')} kind="textarea" rows={3} values={draft.note} errors={props.errors} />
        <TextField
          ctx={ctx}
          id="correctionReason"
          label={ctx.t('staff.indicator.correctionReason')}
          hint={ctx.t('staff.indicator.correctionReasonHint')}
          value={draft.correctionReason}
          errors={props.errors}
        />
        <Button text={ctx.t('staff.indicator.save')} />
      </form>
    </section>
  );
}

function MilestonesTable({ ctx, detail }: { ctx: PageContext; detail: IndicatorDetail }): SafeHtml {
  if (detail.milestones.length === 0) return <p class="govuk-body">{ctx.t('staff.milestone.none')}</p>;
  return (
    <TableWrapper label={ctx.t('staff.milestone.caption')}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{ctx.t('staff.milestone.caption')}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{ctx.t('staff.indicator.period')}</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">{ctx.t('staff.indicator.target')}</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {detail.milestones.map((m) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {periodLabel(ctx, m.year, m.quarter)}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric">{quantityText(ctx.i18n, m.value, detail.indicator)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrapper>
  );
}

function MilestoneForm(props: { ctx: PageContext; detail: IndicatorDetail; draft: MilestoneDraft; errors: FieldErrors }): SafeHtml {
  const { ctx, detail, draft } = props;
  const quarters = [1, 2, 3, 4].map((q) => ({ value: String(q), label: ctx.t('staff.period.quarterOnly', { quarter: q }) }));
  return (
    <section aria-labelledby="milestone-title">
      <h2 class="govuk-heading-m" id="milestone-title">
        {ctx.t('staff.milestone.title')}
      </h2>
      <p class="govuk-body">{ctx.t('staff.milestone.hint')}</p>
      <form method="post" action={`/work/indicators/${detail.indicator.id}/milestones`} novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          id="milestoneYear"
          label={ctx.t('staff.indicator.year')}
          hint={ctx.t('staff.indicator.yearHint', { from: String(detail.plan.startYear), to: String(detail.plan.endYear) })}
          inputmode="numeric"
          classes="govuk-input--width-5"
          value={draft.year}
          errors={props.errors}
        />
        <RadiosField ctx={ctx} id="milestoneQuarter" legend={ctx.t('staff.milestone.quarter')} choices={quarters} value={draft.quarter} errors={props.errors} />
        <TextField
          ctx={ctx}
          id="milestoneValue"
          label={ctx.t('staff.milestone.valueIn', { unit: unitName(ctx.i18n, detail.indicator) })}
          inputmode="decimal"
          classes="govuk-input--width-10"
          value={draft.value}
          errors={props.errors}
        />
        <Button text={ctx.t('staff.milestone.save')} />
      </form>
    </section>
  );
}
