import { Child, h, SafeHtml } from '../jsx/html';
import { classNames, Common } from './params';

export interface NotificationBannerParams extends Common {
  type?: 'success';
  role?: string;
  titleText?: string;
  titleHtml?: Child;
  titleId?: string;
  titleHeadingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  disableAutoFocus?: boolean;
  text?: string;
  html?: Child;
  children?: Child;
}

/** GOV.UK notification banner (govukNotificationBanner): a flash message after Post/Redirect/Get, or an important notice. */
export function NotificationBanner(params: NotificationBannerParams): SafeHtml {
  const success = params.type === 'success';
  const titleId = params.titleId || 'govuk-notification-banner-title';
  const title = params.titleHtml || params.titleText || (success ? 'Success' : 'Important');
  const Heading = `h${params.titleHeadingLevel || 2}`;
  const body = params.children ?? params.html;
  return (
    <div
      class={classNames('govuk-notification-banner', success && 'govuk-notification-banner--success', params.classes)}
      role={params.role || (success ? 'alert' : 'region')}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
      data-disable-auto-focus={params.disableAutoFocus === undefined ? undefined : String(params.disableAutoFocus)}
      {...params.attributes}
    >
      <div class="govuk-notification-banner__header">{h(Heading, { class: 'govuk-notification-banner__title', id: titleId }, title)}</div>
      <div class="govuk-notification-banner__content">{body ? body : params.text ? <p class="govuk-notification-banner__heading">{params.text}</p> : null}</div>
    </div>
  );
}
