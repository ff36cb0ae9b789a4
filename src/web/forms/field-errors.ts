import type { ControlError } from '../components/form-group';
import type { ErrorSummaryItem } from '../components/error-summary';
import type { PageContext } from '../layout/page-context';

/** A form's problems by control id, as message texts already translated. */
export type FieldErrors = Record<string, string>;

/** The error summary's entries for a form's field errors, in the order of the fields. */
export function summaryOf(errors: FieldErrors): ErrorSummaryItem[] {
  return Object.entries(errors).map(([id, text]) => ({ href: `#${id}`, text }));
}

/** A control's `errorMessage` parameter: its error in the page's language, or none. */
export function errorFor(ctx: PageContext, errors: FieldErrors, id: string): ControlError | undefined {
  const text = errors[id];
  return text ? { text, visuallyHiddenText: ctx.t('staff.form.errorPrefix') } : undefined;
}
