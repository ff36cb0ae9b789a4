import { Child, h, SafeHtml } from '../jsx/html';
import { classNames, Common, content, TextOrHtml } from './params';

export interface DetailsParams extends TextOrHtml, Common {
  summaryText?: string;
  summaryHtml?: Child;
  id?: string;
  open?: boolean;
  children?: Child;
}

/** GOV.UK details (govukDetails): a native <details>, so it opens without JavaScript. */
export function Details(params: DetailsParams): SafeHtml {
  return (
    <details id={params.id} class={classNames('govuk-details', params.classes)} {...params.attributes} open={params.open}>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{params.summaryHtml || params.summaryText}</span>
      </summary>
      <div class="govuk-details__text">{params.children ?? content(params)}</div>
    </details>
  );
}
