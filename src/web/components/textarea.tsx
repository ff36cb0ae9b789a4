import { h, SafeHtml } from '../jsx/html';
import { ControlError, ControlHint, FormGroup, FormGroupParams, hintAndError } from './form-group';
import { Label, LabelParams } from './label';
import { classNames, Common, describedBy } from './params';

export interface TextareaParams extends Common {
  id?: string;
  name: string;
  rows?: number;
  value?: string;
  disabled?: boolean;
  describedBy?: string;
  label?: Omit<LabelParams, 'for'>;
  hint?: ControlHint;
  errorMessage?: ControlError | false;
  formGroup?: FormGroupParams;
  autocomplete?: string;
  spellcheck?: boolean;
}

/** GOV.UK textarea (govukTextarea). */
export function Textarea(params: TextareaParams): SafeHtml {
  const id = params.id ?? params.name;
  const extra = hintAndError(id, params.hint, params.errorMessage);
  return (
    <FormGroup error={!!params.errorMessage} formGroup={params.formGroup}>
      <Label {...params.label} for={id} />
      {extra.html}
      <textarea
        class={classNames('govuk-textarea', params.errorMessage && 'govuk-textarea--error', params.classes)}
        id={id}
        name={params.name}
        rows={String(params.rows || 5)}
        spellcheck={params.spellcheck === undefined ? undefined : String(params.spellcheck)}
        disabled={params.disabled}
        aria-describedby={describedBy(params.describedBy, ...extra.ids)}
        {...(params.autocomplete ? { autocomplete: params.autocomplete } : {})}
        {...params.attributes}
      >
        {params.value ?? ''}
      </textarea>
    </FormGroup>
  );
}
