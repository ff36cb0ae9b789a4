import { h, raw, SafeHtml } from '../jsx/html';
import { classNames, Common, content, TextOrHtml } from './params';

export interface ButtonParams extends TextOrHtml, Common {
  /** A link styled as a button when given. */
  href?: string;
  type?: 'submit' | 'button' | 'reset';
  name?: string;
  value?: string;
  disabled?: boolean;
  preventDoubleClick?: boolean;
  isStartButton?: boolean;
  id?: string;
}

const START_ICON = raw(
  '<svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false"><path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/></svg>',
);

/** GOV.UK button (govukButton): a submit button, or a link when `href` is given. */
export function Button(params: ButtonParams): SafeHtml {
  const classes = classNames('govuk-button', params.classes, params.isStartButton && 'govuk-button--start');
  const text = params.html && params.isStartButton ? <span>{params.html}</span> : content(params);
  if (params.href) {
    return (
      <a href={params.href} role="button" draggable="false" class={classes} data-module="govuk-button" {...params.attributes} id={params.id}>
        {text}
        {params.isStartButton ? START_ICON : null}
      </a>
    );
  }
  return (
    <button
      type={params.type ?? 'submit'}
      value={params.value || undefined}
      name={params.name || undefined}
      disabled={params.disabled}
      aria-disabled={params.disabled ? 'true' : undefined}
      data-prevent-double-click={params.preventDoubleClick === undefined ? undefined : String(params.preventDoubleClick)}
      class={classes}
      data-module="govuk-button"
      {...params.attributes}
      id={params.id}
    >
      {text}
      {params.isStartButton ? START_ICON : null}
    </button>
  );
}
