import { h, SafeHtml } from '../jsx/html';
import { classNames, Common, content, hasContent, TextOrHtml } from './params';

export interface LabelParams extends TextOrHtml, Common {
  for?: string;
  isPageHeading?: boolean;
}

/** GOV.UK label (govukLabel). Nothing when it has no text. */
export function Label(params: LabelParams): SafeHtml {
  if (!hasContent(params)) return new SafeHtml('');
  const label = (
    <label class={classNames('govuk-label', params.classes)} {...params.attributes} for={params.for}>
      {content(params)}
    </label>
  );
  return params.isPageHeading ? <h1 class="govuk-label-wrapper">{label}</h1> : label;
}
