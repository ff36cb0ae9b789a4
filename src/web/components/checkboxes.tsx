import { SafeHtml } from '../jsx/html';
import { hintAndError } from './form-group';
import { choiceList, ChoicesParams } from './radios';
import { describedBy } from './params';

export interface CheckboxesParams extends ChoicesParams {
  /** The checked items' values (an item's `checked` wins). */
  values?: readonly string[];
}

/** GOV.UK checkboxes (govukCheckboxes). */
export function Checkboxes(params: CheckboxesParams): SafeHtml {
  // Outside a fieldset each box is described by the group's hint and error.
  const ids = params.fieldset ? [] : hintAndError(params.idPrefix || params.name, params.hint, params.errorMessage).ids;
  return choiceList(params, {
    block: 'govuk-checkboxes',
    type: 'checkbox',
    isChecked: (item) => item.checked ?? (params.values && item.value !== undefined ? params.values.includes(item.value) : false),
    itemDescribedBy: params.fieldset ? undefined : describedBy(params.describedBy, ...ids),
  });
}
