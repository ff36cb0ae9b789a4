import { h, SafeHtml } from '../jsx/html';
import { classNames, Common, TextOrHtml } from './params';

export interface BackLinkParams extends TextOrHtml, Common {
  href?: string;
}

/** GOV.UK back link (govukBackLink). */
export function BackLink(params: BackLinkParams): SafeHtml {
  return (
    <a href={params.href || '#'} class={classNames('govuk-back-link', params.classes)} {...params.attributes}>
      {params.html || params.text || 'Back'}
    </a>
  );
}
