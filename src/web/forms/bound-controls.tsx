import { Checkboxes } from '../components/checkboxes';
import { Input } from '../components/input';
import { Radios } from '../components/radios';
import { Select } from '../components/select';
import { Textarea } from '../components/textarea';
import { Child, h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { errorFor, FieldErrors } from './field-errors';

/*
 * The kit's form controls bound to a staff form: the control's id is its name, its error comes
 * from the form's errors (in the page's language, with the catalog's "Error" for screen readers).
 * The markup is the kit's; this only fills its parameters.
 */

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

interface Bound {
  ctx: PageContext;
  id: string;
  name?: string;
  label: string;
  hint?: Child;
  errors: FieldErrors;
}

const hintOf = (hint: Child) => (hint ? { html: hint } : undefined);
const itemsOf = (choices: Choice[]) => choices.map((c) => ({ value: c.value, text: c.label, hint: c.hint ? { text: c.hint } : undefined }));

export function TextField(
  props: Bound & {
    value?: string;
    type?: 'text' | 'email' | 'password' | 'url' | 'number' | 'date';
    autocomplete?: string;
    inputmode?: 'numeric' | 'decimal';
    /** A GOV.UK width class, e.g. govuk-input--width-10. */
    classes?: string;
    spellcheck?: boolean;
    /** The language of the text typed in, when it is not the page's. */
    lang?: string;
  },
): SafeHtml {
  return (
    <Input
      id={props.id}
      name={props.name ?? props.id}
      type={props.type}
      label={{ text: props.label }}
      hint={hintOf(props.hint)}
      errorMessage={errorFor(props.ctx, props.errors, props.id)}
      // A password is never sent back to the browser.
      value={props.type === 'password' ? undefined : props.value}
      autocomplete={props.autocomplete}
      inputmode={props.inputmode}
      classes={props.classes}
      attributes={{ spellcheck: props.spellcheck === false ? 'false' : undefined, lang: props.lang }}
    />
  );
}

export function TextareaField(props: Bound & { value?: string; rows?: number; lang?: string }): SafeHtml {
  return (
    <Textarea
      id={props.id}
      name={props.name ?? props.id}
      label={{ text: props.label }}
      hint={hintOf(props.hint)}
      errorMessage={errorFor(props.ctx, props.errors, props.id)}
      value={props.value}
      rows={props.rows ?? 4}
      attributes={{ lang: props.lang }}
    />
  );
}

export function SelectField(props: Bound & { choices: Choice[]; value?: string }): SafeHtml {
  return (
    <Select
      id={props.id}
      name={props.name ?? props.id}
      label={{ text: props.label }}
      hint={hintOf(props.hint)}
      errorMessage={errorFor(props.ctx, props.errors, props.id)}
      items={props.choices.map((c) => ({ value: c.value, text: c.label }))}
      value={props.value}
    />
  );
}

/** Radios in a fieldset with a medium legend; the first radio carries the field's id (the error summary links to it). */
export function RadiosField(props: Omit<Bound, 'label'> & { legend: string; choices: Choice[]; value?: string }): SafeHtml {
  return (
    <Radios
      name={props.name ?? props.id}
      idPrefix={props.id}
      fieldset={{ legend: { text: props.legend, classes: 'govuk-fieldset__legend--m' } }}
      hint={hintOf(props.hint)}
      errorMessage={errorFor(props.ctx, props.errors, props.id)}
      items={itemsOf(props.choices)}
      value={props.value}
    />
  );
}

/** Small checkboxes in a fieldset with a small legend. */
export function CheckboxesField(props: Omit<Bound, 'label'> & { legend: string; choices: Choice[]; values: readonly string[] }): SafeHtml {
  return (
    <Checkboxes
      name={props.name ?? props.id}
      idPrefix={props.id}
      classes="govuk-checkboxes--small"
      fieldset={{ legend: { text: props.legend, classes: 'govuk-fieldset__legend--s' } }}
      hint={hintOf(props.hint)}
      errorMessage={errorFor(props.ctx, props.errors, props.id)}
      items={itemsOf(props.choices)}
      values={props.values}
    />
  );
}
