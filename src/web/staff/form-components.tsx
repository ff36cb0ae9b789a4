import { Child, Fragment, h, SafeHtml } from '../jsx/html';
import type { FieldError } from '../layout/components';
import type { PageContext } from '../layout/page-context';
import type { FieldErrors } from './form';

/** The error summary's entries for a form's field errors, in the order of the fields. */
export function summaryOf(errors: FieldErrors): FieldError[] {
  return Object.entries(errors).map(([id, text]) => ({ href: `#${id}`, text }));
}

function ErrorMessage({ ctx, id, text }: { ctx: PageContext; id: string; text: string | undefined }): SafeHtml {
  if (!text) return <></>;
  return (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">{ctx.t('staff.form.errorPrefix')}</span> {text}
    </p>
  );
}

function describedBy(id: string, hint: Child, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A GOV.UK form group around one labelled control: label, hint and inline error above it. */
function LabelledField(props: { ctx: PageContext; id: string; label: string; hint?: Child; error: string | undefined; children?: Child }): SafeHtml {
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={`${props.id}-hint`} class="govuk-hint">
          {props.hint}
        </div>
      ) : null}
      <ErrorMessage ctx={props.ctx} id={props.id} text={props.error} />
      {props.children}
    </div>
  );
}

export interface InputProps {
  ctx: PageContext;
  id: string;
  name?: string;
  label: string;
  hint?: Child;
  value?: string;
  errors: FieldErrors;
  type?: 'text' | 'email' | 'password' | 'url' | 'number' | 'date';
  autocomplete?: string;
  inputmode?: 'numeric' | 'decimal';
  width?: 'govuk-input--width-10' | 'govuk-input--width-20' | 'govuk-input--width-5';
  spellcheck?: boolean;
  /** The language of the text typed in, when it is not the page's (screen readers, spell checking). */
  lang?: string;
}

/** GOV.UK text input: label, hint, inline error, aria-describedby. */
export function TextInput(props: InputProps): SafeHtml {
  const error = props.errors[props.id];
  const classes = ['govuk-input', props.width, error && 'govuk-input--error'].filter(Boolean).join(' ');
  return (
    <LabelledField ctx={props.ctx} id={props.id} label={props.label} hint={props.hint} error={error}>
      <input
        class={classes}
        id={props.id}
        name={props.name ?? props.id}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck === false ? 'false' : undefined}
        lang={props.lang}
        aria-describedby={describedBy(props.id, props.hint, error)}
      />
    </LabelledField>
  );
}

export function Textarea(props: Omit<InputProps, 'type'> & { rows?: number }): SafeHtml {
  const error = props.errors[props.id];
  return (
    <LabelledField ctx={props.ctx} id={props.id} label={props.label} hint={props.hint} error={error}>
      <textarea
        class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={props.id}
        name={props.name ?? props.id}
        rows={String(props.rows ?? 4)}
        lang={props.lang}
        aria-describedby={describedBy(props.id, props.hint, error)}
      >
        {props.value ?? ''}
      </textarea>
    </LabelledField>
  );
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** GOV.UK radios in a fieldset; the first radio carries the field's id (the error summary links to it). */
export function Radios(props: {
  ctx: PageContext;
  id: string;
  legend: string;
  hint?: Child;
  choices: Choice[];
  value?: string;
  errors: FieldErrors;
}): SafeHtml {
  const error = props.errors[props.id];
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(props.id, props.hint, error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{props.legend}</legend>
        {props.hint ? (
          <div id={`${props.id}-hint`} class="govuk-hint">
            {props.hint}
          </div>
        ) : null}
        <ErrorMessage ctx={props.ctx} id={props.id} text={error} />
        <div class="govuk-radios" data-module="govuk-radios">
          {props.choices.map((choice, index) => {
            const id = index === 0 ? props.id : `${props.id}-${index + 1}`;
            return (
              <div class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={id}
                  name={props.id}
                  type="radio"
                  value={choice.value}
                  checked={props.value === choice.value}
                  aria-describedby={choice.hint ? `${id}-item-hint` : undefined}
                />
                <label class="govuk-label govuk-radios__label" for={id}>
                  {choice.label}
                </label>
                {choice.hint ? (
                  <div id={`${id}-item-hint`} class="govuk-hint govuk-radios__hint">
                    {choice.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Select(props: {
  ctx: PageContext;
  id: string;
  label: string;
  hint?: Child;
  choices: Choice[];
  value?: string;
  errors: FieldErrors;
}): SafeHtml {
  const error = props.errors[props.id];
  return (
    <LabelledField ctx={props.ctx} id={props.id} label={props.label} hint={props.hint} error={error}>
      <select
        class={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={props.id}
        name={props.id}
        aria-describedby={describedBy(props.id, props.hint, error)}
      >
        {props.choices.map((choice) => (
          <option value={choice.value} selected={props.value === choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

export function Button(props: { children?: Child; kind?: 'secondary' | 'warning'; name?: string; value?: string }): SafeHtml {
  return (
    <button
      type="submit"
      class={`govuk-button${props.kind ? ` govuk-button--${props.kind}` : ''}`}
      data-module="govuk-button"
      name={props.name}
      value={props.value}
    >
      {props.children}
    </button>
  );
}

/**
 * A table that scrolls sideways on its own at 320 px instead of widening the page
 * (WCAG 1.4.10); focusable and named, so keyboard users can scroll it too.
 */
export function TableWrapper(props: { label: string; children?: Child }): SafeHtml {
  return (
    <div class="app-table-wrapper" role="region" aria-label={props.label} tabindex="0">
      {props.children}
    </div>
  );
}
