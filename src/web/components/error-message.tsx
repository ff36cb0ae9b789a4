import { h, SafeHtml } from '../jsx/html';
import { classNames, Common, content, TextOrHtml } from './params';

export interface ErrorMessageParams extends TextOrHtml, Common {
  id?: string;
  /** Read before the message by screen readers ("Error", followed by a colon); false for none. */
  visuallyHiddenText?: string | false;
}

/** GOV.UK error message (govukErrorMessage): the inline error above a field. */
export function ErrorMessage(params: ErrorMessageParams): SafeHtml {
  const hidden = params.visuallyHiddenText ?? 'Error';
  return (
    <p id={params.id} class={classNames('govuk-error-message', params.classes)} {...params.attributes}>
      {hidden ? <span class="govuk-visually-hidden">{hidden}:</span> : null}
      {hidden ? ' ' : null}
      {content(params)}
    </p>
  );
}
