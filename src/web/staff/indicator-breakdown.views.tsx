import { unitName } from '../../action-plan/indicator-unit';
import { IndicatorValueKind, TotalSource } from '../../action-plan/action-plan.enums';
import type { BreakdownCombinations } from '../../dimensions/dimensions.service';
import { Button } from '../components/button';
import { CsrfField } from '../components/csrf-field';
import { ErrorMessage } from '../components/error-message';
import { TableWrapper } from '../components/table-wrapper';
import { TextField } from '../forms/bound-controls';
import type { FieldErrors } from '../forms/field-errors';
import { FormValues, valueOf } from '../forms/form-invalid';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { cellControl } from './indicator-breakdown.form';
import { PeriodFields } from './period-fields';
import type { IndicatorDetail } from './staff-reads.service';
import { TranslatedField, TranslatedValues } from './translated-field';

/** The breakdown form as shown: its rows, and the values as posted (or blank). */
export interface BreakdownDraft {
  combinations: BreakdownCombinations;
  values: FormValues;
  source: TranslatedValues;
  note: TranslatedValues;
}

/**
 * For an indicator broken down by dimensions, the form that records (or corrects) a value:
 * the period, then one row per combination of members with its numerator and denominator (a
 * ratio) or its value, the total when the indicator records it, source, note and the reason
 * for a correction. An empty row is left out; the whole is saved or nothing is.
 */
export function BreakdownForm(props: { ctx: PageContext; detail: IndicatorDetail; draft: BreakdownDraft; errors: FieldErrors }): SafeHtml {
  const { ctx, detail, draft, errors } = props;
  const { indicator } = detail;
  const { dimensions, rows, complete } = draft.combinations;
  const ratio = indicator.valueKind === IndicatorValueKind.RATIO;
  const parts = ratio ? (['numerator', 'denominator'] as const) : (['value'] as const);
  const partLabel = (part: 'numerator' | 'denominator' | 'value') =>
    part === 'value' ? ctx.t('staff.indicator.valueIn', { unit: unitName(ctx.i18n, indicator) }) : ctx.t(`indicator.breakdown.${part}`);
  return (
    <section aria-labelledby="record-title">
      <h2 class="govuk-heading-m" id="record-title">
        {ctx.t('staff.breakdown.title')}
      </h2>
      <p class="govuk-body">{ctx.t(ratio ? 'staff.breakdown.hintRatio' : 'staff.breakdown.hint')}</p>
      {complete ? null : <p class="govuk-body">{ctx.t('staff.breakdown.tooMany', { rows: rows.length })}</p>}
      <form method="post" action={`/work/indicators/${indicator.id}/breakdown`} novalidate>
        <CsrfField ctx={ctx} />
        <PeriodFields ctx={ctx} plan={detail.plan} year={valueOf(draft.values, 'year').trim()} quarter={valueOf(draft.values, 'quarter')} errors={errors} wholeYear />
        <TableWrapper labelledBy="breakdown-rows-caption">
          <table class="govuk-table" data-table="breakdown-form">
            <caption class="govuk-table__caption govuk-table__caption--s" id="breakdown-rows-caption">
              {ctx.t('staff.breakdown.rowsCaption')}
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                {dimensions.map((d) => (
                  <th scope="col" class="govuk-table__header">
                    {ctx.text.plain(d.name)}
                  </th>
                ))}
                {parts.map((part) => (
                  <th scope="col" class="govuk-table__header">
                    {partLabel(part)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((members, index) => {
                const rowName = members.map((m) => ctx.text.plain(m.name)).join(', ');
                return (
                  <tr class="govuk-table__row" data-members={members.map((m) => m.code).join(' ')}>
                    {members.map((m, i) =>
                      i === 0 ? (
                        <th scope="row" class="govuk-table__header">
                          {ctx.text.plain(m.name)}
                        </th>
                      ) : (
                        <td class="govuk-table__cell">{ctx.text.plain(m.name)}</td>
                      ),
                    )}
                    {parts.map((part) => {
                      const id = cellControl(index, part);
                      const error = errors[id];
                      return (
                        <td class="govuk-table__cell">
                          <div class={error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
                            <label class="govuk-label govuk-visually-hidden" for={id}>
                              {`${rowName}: ${partLabel(part)}`}
                            </label>
                            {error ? <ErrorMessage id={`${id}-error`} text={error} visuallyHiddenText={ctx.t('staff.form.errorPrefix')} /> : null}
                            <input
                              class={error ? 'govuk-input govuk-input--width-5 govuk-input--error' : 'govuk-input govuk-input--width-5'}
                              id={id}
                              name={id}
                              type="text"
                              inputmode="decimal"
                              value={valueOf(draft.values, id)}
                              aria-describedby={error ? `${id}-error` : undefined}
                            />
                          </div>
                          {part === parts[0] ? <input type="hidden" name={cellControl(index, 'members')} value={members.map((m) => m.code).join(' ')} /> : null}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrapper>
        {indicator.totalSource === TotalSource.RECORDED ? (
          <TextField
            ctx={ctx}
            id="total"
            label={ctx.t('staff.breakdown.total', { unit: unitName(ctx.i18n, indicator) })}
            hint={ctx.t('staff.breakdown.totalHint')}
            inputmode="decimal"
            classes="govuk-input--width-10"
            value={valueOf(draft.values, 'total')}
            errors={errors}
          />
        ) : (
          <p class="govuk-body">{ctx.t(ratio ? 'staff.breakdown.derivedRatio' : 'staff.breakdown.derivedSum')}</p>
        )}
        <TranslatedField ctx={ctx} field="source" label={ctx.t('staff.field.source')} kind="text" values={draft.source} errors={errors} />
        <TranslatedField ctx={ctx} field="note" label={ctx.t('staff.field.note')} kind="textarea" rows={3} values={draft.note} errors={errors} />
        <TextField
          ctx={ctx}
          id="correctionReason"
          label={ctx.t('staff.indicator.correctionReason')}
          hint={ctx.t('staff.indicator.correctionReasonHint')}
          value={valueOf(draft.values, 'correctionReason')}
          errors={errors}
        />
        <Button text={ctx.t('staff.breakdown.save')} />
      </form>
    </section>
  );
}

/** The message of a problem of a breakdown row or of the total, by reason code. */
export function breakdownMessage(ctx: PageContext, reason: string): string {
  switch (reason) {
    case 'notANumber':
    case 'invalid':
      return ctx.t('staff.breakdown.error.notANumber');
    case 'missingRatio':
      return ctx.t('staff.breakdown.error.missingRatio');
    case 'zeroDenominator':
      return ctx.t('staff.breakdown.error.zeroDenominator');
    case 'shareAboveWhole':
      return ctx.t('staff.breakdown.error.shareAboveWhole');
    case 'negative':
      return ctx.t('staff.breakdown.error.negative');
    case 'noCells':
      return ctx.t('staff.breakdown.error.noCells');
    case 'overlapping':
      return ctx.t('staff.breakdown.error.overlapping');
    case 'missingTotal':
      return ctx.t('staff.breakdown.error.missingTotal');
    default:
      return ctx.t('staff.breakdown.error.cell');
  }
}
