import { h, SafeHtml } from '../jsx/html';
import { ControlError, ControlHint, FormGroup, FormGroupParams, hintAndError } from './form-group';
import { Label, LabelParams } from './label';
import { Attributes, classNames, Common, describedBy } from './params';

export interface SelectItem {
  value?: string | number | boolean;
  text: string;
  selected?: boolean;
  disabled?: boolean;
  attributes?: Attributes;
}

export interface SelectParams extends Common {
  id?: string;
  name: string;
  items: (SelectItem | null | undefined | false)[];
  /** The chosen item's value (an item's `selected` wins). */
  value?: string | number;
  disabled?: boolean;
  describedBy?: string;
  label?: Omit<LabelParams, 'for'>;
  hint?: ControlHint;
  errorMessage?: ControlError | false;
  formGroup?: FormGroupParams;
}

/** GOV.UK select (govukSelect): the one drop-down of the pages. */
export function Select(params: SelectParams): SafeHtml {
  const id = params.id ?? params.name;
  const extra = hintAndError(id, params.hint, params.errorMessage);
  return (
    <FormGroup error={!!params.errorMessage} formGroup={params.formGroup}>
      <Label {...params.label} for={id} />
      {extra.html}
      <select
        class={classNames('govuk-select', params.classes, params.errorMessage && 'govuk-select--error')}
        id={id}
        name={params.name}
        disabled={params.disabled}
        aria-describedby={describedBy(params.describedBy, ...extra.ids)}
        {...params.attributes}
      >
        {(params.items ?? []).map((item) => {
          if (!item) return null;
          const effective = item.value ?? item.text;
          const selected = item.selected ?? (params.value ? String(effective) === String(params.value) : false);
          return (
            <option value={item.value === undefined ? undefined : String(item.value)} selected={selected} disabled={item.disabled} {...item.attributes}>
              {item.text}
            </option>
          );
        })}
      </select>
    </FormGroup>
  );
}
