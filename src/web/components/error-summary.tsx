import { Child, h, SafeHtml } from '../jsx/html';
import { Attributes, classNames, Common, content, TextOrHtml } from './params';

export interface ErrorSummaryItem extends TextOrHtml {
  href?: string;
  attributes?: Attributes;
}

export interface ErrorSummaryParams extends Common {
  titleText?: string;
  titleHtml?: Child;
  descriptionText?: string;
  descriptionHtml?: Child;
  errorList?: ErrorSummaryItem[];
  disableAutoFocus?: boolean;
}

/** GOV.UK error summary (govukErrorSummary): at the top of a form page, one link per invalid field. */
export function ErrorSummary(params: ErrorSummaryParams): SafeHtml {
  const description = params.descriptionHtml || params.descriptionText;
  return (
    <div
      class={classNames('govuk-error-summary', params.classes)}
      data-disable-auto-focus={params.disableAutoFocus === undefined ? undefined : String(params.disableAutoFocus)}
      {...params.attributes}
      data-module="govuk-error-summary"
    >
      <div role="alert">
        <h2 class="govuk-error-summary__title">{params.titleHtml || params.titleText}</h2>
        <div class="govuk-error-summary__body">
          {description ? <p>{description}</p> : null}
          {params.errorList?.length ? (
            <ul class="govuk-list govuk-error-summary__list">
              {params.errorList.map((item) => (
                <li>
                  {item.href ? (
                    <a href={item.href} {...item.attributes}>
                      {content(item)}
                    </a>
                  ) : (
                    content(item)
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}
