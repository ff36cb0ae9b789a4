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
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { TextField } from '../forms/bound-controls';
import { LanguagesOf, TranslatedField, TranslatedValues } from './translated-field';
import { StaffPage } from './staff-layout';
import { ReturnedToReader, ValueHistory } from './value-history.views';
import type { IndicatorDetail } from './staff-reads.service';
import { BreakdownDraft, BreakdownForm } from './indicator-breakdown.views';
import { PeriodFields } from './period-fields';
import { OfficerRow } from './responsible-people.views';
import { FrameworkItemsValue } from './framework-mappings.views';

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
  const figure = (n: number | null) => (n === null ? '—' : ctx.i18n.number(n));
  return (
    <Fragment>
      <TableWrapper label={ctx.t('staff.indicator.progressCaption')}>
        <Table
          caption={ctx.t('staff.indicator.progressCaption')}
          captionClasses="govuk-table__caption--m"
          head={[
            { text: ctx.t('staff.indicator.year') },
            { text: ctx.t('staff.indicator.target'), format: 'numeric' },
            { text: ctx.t('staff.indicator.actual'), format: 'numeric' },
            { text: ctx.t('staff.indicator.percent'), format: 'numeric' },
            { text: ctx.t('staff.indicator.status') },
          ]}
          firstCellIsHeader
          rowAttributes={detail.progress.map((progress) => ({ 'data-year': String(progress.year), 'data-status': progress.status }))}
          rows={detail.progress.map((progress) => [
            { text: String(progress.year) },
            { text: figure(progress.target), format: 'numeric' },
            { text: figure(progress.actual), format: 'numeric' },
            { text: progress.percentOfTarget === null ? '—' : ctx.i18n.percent(progress.percentOfTarget / 100), format: 'numeric' },
            { html: <ProgressTag ctx={ctx} status={progress.status} /> },
          ])}
        />
      </TableWrapper>
      <p class="govuk-body-s">{ctx.t('indicator.cutNote')}</p>
    </Fragment>
  );
}

function ValuesTable({ ctx, detail }: { ctx: PageContext; detail: IndicatorDetail }): SafeHtml {
  if (detail.values.length === 0) return <p class="govuk-body">{ctx.t('staff.indicator.noValues')}</p>;
  return (
    <TableWrapper label={ctx.t('staff.indicator.valuesCaption')}>
      <Table
        caption={ctx.t('staff.indicator.valuesCaption')}
        captionClasses="govuk-table__caption--m"
        head={[
          { text: ctx.t('staff.indicator.period') },
          { text: ctx.t('staff.indicator.value'), format: 'numeric' },
          { text: ctx.t('staff.field.source') },
          { text: ctx.t('staff.indicator.recordedBy') },
        ]}
        firstCellIsHeader
        rows={[...detail.values].reverse().map((v) => [
          { text: periodLabel(ctx, v.year, v.quarter) },
          { text: ctx.i18n.number(v.value), format: 'numeric' },
          { text: ctx.text.plain(v.source) || '—' },
          { text: ctx.t('staff.history.byAt', { name: v.recordedBy ?? '—', at: ctx.i18n.dateTime(v.recordedAt) }) },
        ])}
      />
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
        {detail.maySeeOfficer ? <OfficerRow ctx={ctx} officer={detail.officer} /> : null}
        <div class="govuk-summary-list__row" data-row="framework-items">
          <dt class="govuk-summary-list__key">{ctx.t('staff.frameworks.title')}</dt>
          <dd class="govuk-summary-list__value">
            <FrameworkItemsValue ctx={ctx} items={detail.frameworkItems} />
            {props.editHref ? (
              <a class="govuk-link" href={`/work/indicators/${indicator.id}/frameworks`}>
                {ctx.t('staff.edit.link')}
                <span class="govuk-visually-hidden">{` ${ctx.t('staff.frameworks.title')}`}</span>
              </a>
            ) : null}
          </dd>
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
  return (
    <section aria-labelledby="record-title">
      <h2 class="govuk-heading-m" id="record-title">
        {ctx.t('staff.indicator.recordTitle')}
      </h2>
      <p class="govuk-body">{ctx.t('staff.indicator.recordHint')}</p>
      <form method="post" action={`/work/indicators/${detail.indicator.id}/values`} novalidate>
        <CsrfField ctx={ctx} />
        <PeriodFields ctx={ctx} plan={detail.plan} year={draft.year} quarter={draft.quarter} errors={props.errors} wholeYear />
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
      <Table
        caption={ctx.t('staff.milestone.caption')}
        captionClasses="govuk-table__caption--m"
        head={[{ text: ctx.t('staff.indicator.period') }, { text: ctx.t('staff.indicator.target'), format: 'numeric' }]}
        firstCellIsHeader
        rows={detail.milestones.map((m) => [
          { text: periodLabel(ctx, m.year, m.quarter) },
          { text: quantityText(ctx.i18n, m.value, detail.indicator), format: 'numeric' },
        ])}
      />
    </TableWrapper>
  );
}

function MilestoneForm(props: { ctx: PageContext; detail: IndicatorDetail; draft: MilestoneDraft; errors: FieldErrors }): SafeHtml {
  const { ctx, detail, draft } = props;
  return (
    <section aria-labelledby="milestone-title">
      <h2 class="govuk-heading-m" id="milestone-title">
        {ctx.t('staff.milestone.title')}
      </h2>
      <p class="govuk-body">{ctx.t('staff.milestone.hint')}</p>
      <form method="post" action={`/work/indicators/${detail.indicator.id}/milestones`} novalidate>
        <CsrfField ctx={ctx} />
        <PeriodFields
          ctx={ctx}
          plan={detail.plan}
          year={draft.year}
          quarter={draft.quarter}
          errors={props.errors}
          wholeYear={false}
          ids={{ year: 'milestoneYear', quarter: 'milestoneQuarter' }}
          quarterLegend={ctx.t('staff.milestone.quarter')}
        />
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
