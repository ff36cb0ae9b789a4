import { Fragment, h, SafeHtml } from '../jsx/html';
import { RadiosField, TextField } from '../forms/bound-controls';
import type { FieldErrors } from '../forms/field-errors';
import type { PageContext } from '../layout/page-context';

/**
 * The reporting period a staff form is about: a year within the plan, then its quarter (or, for a
 * value, the whole year). One picker for the value, breakdown and milestone forms, so the three
 * read and are checked alike. `ids` name the controls (a page with two forms needs two sets).
 */
export function PeriodFields(props: {
  ctx: PageContext;
  plan: { startYear: number; endYear: number };
  year: string;
  quarter: string;
  errors: FieldErrors;
  /** Offer "the whole year" first (values); milestones are always quarterly. */
  wholeYear: boolean;
  ids?: { year: string; quarter: string };
  /** The quarter question; the value form's by default. */
  quarterLegend?: string;
}): SafeHtml {
  const { ctx, plan } = props;
  const ids = props.ids ?? { year: 'year', quarter: 'quarter' };
  const quarters = [
    ...(props.wholeYear ? [{ value: '', label: ctx.t('staff.period.wholeYear') }] : []),
    ...[1, 2, 3, 4].map((q) => ({ value: String(q), label: ctx.t('staff.period.quarterOnly', { quarter: q }) })),
  ];
  return (
    <>
      <TextField
        ctx={ctx}
        id={ids.year}
        label={ctx.t('staff.indicator.year')}
        hint={ctx.t('staff.indicator.yearHint', { from: String(plan.startYear), to: String(plan.endYear) })}
        inputmode="numeric"
        classes="govuk-input--width-5"
        value={props.year}
        errors={props.errors}
      />
      <RadiosField ctx={ctx} id={ids.quarter} legend={props.quarterLegend ?? ctx.t('staff.indicator.quarter')} choices={quarters} value={props.quarter} errors={props.errors} />
    </>
  );
}
