import { h, SafeHtml } from '../jsx/html';
import { ControlError, ControlHint, FormGroup, FormGroupParams, hintAndError } from './form-group';
import { Label, LabelParams } from './label';
import { classNames, Common, describedBy } from './params';

export interface InputParams extends Common {
  id?: string;
  name: string;
  type?: string;
  inputmode?: string;
  value?: string | number;
  disabled?: boolean;
  describedBy?: string;
  label?: Omit<LabelParams, 'for'>;
  hint?: ControlHint;
  errorMessage?: ControlError | false;
  formGroup?: FormGroupParams;
  autocomplete?: string;
  autocapitalize?: string;
  pattern?: string;
  spellcheck?: boolean;
}

/** GOV.UK text input (govukInput): label, hint, inline error and the input, in a form group. */
export function Input(params: InputParams): SafeHtml {
  const id = params.id ?? params.name;
  const extra = hintAndError(id, params.hint, params.errorMessage);
  return (
    <FormGroup error={!!params.errorMessage} formGroup={params.formGroup}>
      <Label {...params.label} for={id} />
      {extra.html}
      <input
        class={classNames('govuk-input', params.classes, params.errorMessage && 'govuk-input--error')}
        id={id}
        name={params.name}
        type={params.type || 'text'}
        spellcheck={params.spellcheck === undefined ? undefined : String(params.spellcheck)}
        value={params.value === undefined ? undefined : String(params.value)}
        disabled={params.disabled}
        aria-describedby={describedBy(params.describedBy, ...extra.ids)}
        autocomplete={params.autocomplete}
        autocapitalize={params.autocapitalize}
        pattern={params.pattern}
        inputmode={params.inputmode}
        {...params.attributes}
      />
    </FormGroup>
  );
}
