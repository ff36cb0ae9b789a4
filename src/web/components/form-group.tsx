import { Child, h, SafeHtml } from '../jsx/html';
import { ErrorMessage, ErrorMessageParams } from './error-message';
import { Hint, HintParams } from './hint';
import { classNames, Attributes } from './params';

export interface FormGroupParams {
  classes?: string;
  attributes?: Attributes;
}

/** The `hint` and `errorMessage` parameters of a form control (their ids are derived from the control's). */
export type ControlHint = Omit<HintParams, 'id'>;
export type ControlError = Omit<ErrorMessageParams, 'id'>;

/** The form group every control sits in (`govuk-form-group`, `--error` with an error message). */
export function FormGroup(props: { error: boolean; formGroup?: FormGroupParams; children?: Child }): SafeHtml {
  return (
    <div class={classNames('govuk-form-group', props.error && 'govuk-form-group--error', props.formGroup?.classes)} {...props.formGroup?.attributes}>
      {props.children}
    </div>
  );
}

/** A control's hint and error message, with the ids they add to its aria-describedby. */
export function hintAndError(idPrefix: string, hint: ControlHint | undefined, errorMessage: ControlError | false | undefined): { ids: string[]; html: SafeHtml[] } {
  const ids: string[] = [];
  const html: SafeHtml[] = [];
  if (hint) {
    ids.push(`${idPrefix}-hint`);
    html.push(<Hint {...hint} id={`${idPrefix}-hint`} />);
  }
  if (errorMessage) {
    ids.push(`${idPrefix}-error`);
    html.push(<ErrorMessage {...errorMessage} id={`${idPrefix}-error`} />);
  }
  return { ids, html };
}
