import { h, SafeHtml } from '../jsx/html';
import { classNames, Common, content, TextOrHtml } from './params';

export interface HintParams extends TextOrHtml, Common {
  id?: string;
}

/** GOV.UK hint text (govukHint). */
export function Hint(params: HintParams): SafeHtml {
  return (
    <div id={params.id} class={classNames('govuk-hint', params.classes)} {...params.attributes}>
      {content(params)}
    </div>
  );
}
