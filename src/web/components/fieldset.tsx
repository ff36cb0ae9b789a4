import { Child, h, SafeHtml } from '../jsx/html';
import { classNames, Common, content, hasContent, TextOrHtml } from './params';

export interface LegendParams extends TextOrHtml {
  classes?: string;
  isPageHeading?: boolean;
}

export interface FieldsetParams extends Common {
  describedBy?: string;
  legend?: LegendParams;
  role?: string;
  html?: Child;
  children?: Child;
}

/** GOV.UK fieldset (govukFieldset): a legend and the controls it groups (`children`, or `html`). */
export function Fieldset(params: FieldsetParams): SafeHtml {
  const legend = params.legend;
  return (
    <fieldset class={classNames('govuk-fieldset', params.classes)} role={params.role} aria-describedby={params.describedBy} {...params.attributes}>
      {legend && hasContent(legend) ? (
        <legend class={classNames('govuk-fieldset__legend', legend.classes)}>
          {legend.isPageHeading ? <h1 class="govuk-fieldset__heading">{content(legend)}</h1> : content(legend)}
        </legend>
      ) : null}
      {params.children ?? params.html}
    </fieldset>
  );
}
