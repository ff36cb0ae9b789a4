import { Child, h, SafeHtml } from '../jsx/html';
import { Fieldset, FieldsetParams } from './fieldset';
import { ControlError, ControlHint, FormGroup, FormGroupParams, hintAndError } from './form-group';
import { Hint } from './hint';
import { Label } from './label';
import { Attributes, classNames, Common, describedBy, TextOrHtml } from './params';

/** One radio or checkbox (the items of govukRadios and govukCheckboxes). */
export interface ChoiceItem extends TextOrHtml {
  value?: string;
  id?: string;
  name?: string;
  label?: { classes?: string; attributes?: Attributes };
  hint?: ControlHint;
  divider?: string;
  checked?: boolean;
  disabled?: boolean;
  conditional?: { html?: Child };
  /** Checkboxes only: 'exclusive' for a "none of these" box. */
  behaviour?: 'exclusive';
  attributes?: Attributes;
}

export interface ChoicesParams extends Common {
  idPrefix?: string;
  name: string;
  items: (ChoiceItem | null | undefined | false)[];
  describedBy?: string;
  fieldset?: Omit<FieldsetParams, 'children' | 'html'>;
  hint?: ControlHint;
  errorMessage?: ControlError | false;
  formGroup?: FormGroupParams;
}

/** What sets radios and checkboxes apart: their class prefix, and how an item is found checked. */
interface ChoiceKind {
  block: 'govuk-radios' | 'govuk-checkboxes';
  type: 'radio' | 'checkbox';
  isChecked(item: ChoiceItem): boolean;
  /** The ids an item's input is described by besides its own hint (checkboxes outside a fieldset). */
  itemDescribedBy: string | undefined;
}

export function choiceList(params: ChoicesParams, kind: ChoiceKind): SafeHtml {
  const idPrefix = params.idPrefix || params.name;
  const extra = hintAndError(idPrefix, params.hint, params.errorMessage);
  const groupDescribedBy = describedBy(params.fieldset?.describedBy ?? params.describedBy, ...extra.ids);
  const items: Child[] = [];
  params.items.forEach((item, i) => {
    if (!item) return;
    const index = i + 1;
    if (item.divider) {
      items.push(<div class={`${kind.block}__divider`}>{item.divider}</div>);
      return;
    }
    const itemId = item.id || `${idPrefix}${index > 1 ? `-${index}` : ''}`;
    const conditionalId = `conditional-${itemId}`;
    const checked = kind.isChecked(item);
    const hintId = item.hint && (item.hint.text || item.hint.html) ? `${itemId}-item-hint` : undefined;
    items.push(
      <div class={`${kind.block}__item`}>
        <input
          class={`${kind.block}__input`}
          id={itemId}
          name={item.name || params.name}
          type={kind.type}
          value={item.value}
          checked={checked}
          disabled={item.disabled}
          data-aria-controls={item.conditional?.html ? conditionalId : undefined}
          data-behaviour={item.behaviour}
          aria-describedby={describedBy(kind.itemDescribedBy, hintId)}
          {...item.attributes}
        />
        <Label html={item.html} text={item.text} classes={classNames(`${kind.block}__label`, item.label?.classes)} attributes={item.label?.attributes} for={itemId} />
        {hintId ? <Hint {...item.hint} id={hintId} classes={classNames(`${kind.block}__hint`, item.hint?.classes)} /> : null}
      </div>,
    );
    if (item.conditional?.html) {
      items.push(
        <div class={classNames(`${kind.block}__conditional`, !checked && `${kind.block}__conditional--hidden`)} id={conditionalId}>
          {item.conditional.html}
        </div>,
      );
    }
  });
  const inner = [
    ...extra.html,
    <div class={classNames(kind.block, params.classes)} {...params.attributes} data-module={kind.block}>
      {items}
    </div>,
  ];
  return (
    <FormGroup error={!!params.errorMessage} formGroup={params.formGroup}>
      {params.fieldset ? (
        <Fieldset {...params.fieldset} describedBy={groupDescribedBy}>
          {inner}
        </Fieldset>
      ) : (
        inner
      )}
    </FormGroup>
  );
}

export interface RadiosParams extends ChoicesParams {
  /** The chosen item's value (an item's `checked` wins). */
  value?: string;
}

/** GOV.UK radios (govukRadios); the first radio's id is the idPrefix, so an error summary can link to it. */
export function Radios(params: RadiosParams): SafeHtml {
  return choiceList(params, {
    block: 'govuk-radios',
    type: 'radio',
    isChecked: (item) => item.checked ?? (params.value ? item.value === params.value : false),
    itemDescribedBy: undefined,
  });
}
