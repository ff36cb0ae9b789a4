import { Child, h, SafeHtml } from '../jsx/html';
import { classNames, Common, content, hasContent, TextOrHtml } from './params';

export interface PanelParams extends TextOrHtml, Common {
  titleText?: string;
  titleHtml?: Child;
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  children?: Child;
}

/** GOV.UK panel (govukPanel): a confirmation, or an interruption (without its actions). */
export function Panel(params: PanelParams): SafeHtml {
  const Heading = `h${params.headingLevel || 1}`;
  const interruption = (params.classes ?? '').includes('govuk-panel--interruption');
  const body = params.children ?? (hasContent(params) ? content(params) : null);
  return (
    <div class={classNames('govuk-panel', !interruption && 'govuk-panel--confirmation', params.classes)} {...params.attributes}>
      {h(Heading, { class: 'govuk-panel__title' }, params.titleHtml || params.titleText)}
      {body ? <div class="govuk-panel__body">{body}</div> : null}
    </div>
  );
}
