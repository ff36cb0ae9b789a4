import { h, SafeHtml } from '../jsx/html';
import { classNames, Common, content, TextOrHtml } from './params';

export interface WarningTextParams extends TextOrHtml, Common {
  iconFallbackText?: string;
}

/** GOV.UK warning text (govukWarningText). */
export function WarningText(params: WarningTextParams): SafeHtml {
  return (
    <div class={classNames('govuk-warning-text', params.classes)} {...params.attributes}>
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">{params.iconFallbackText || 'Warning'}</span> {content(params)}
      </strong>
    </div>
  );
}
