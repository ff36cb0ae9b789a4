import { Child, Fragment, h, SafeHtml } from '../jsx/html';
import type { Translations } from '../../i18n/translations';
import { PageContext } from './page-context';

/**
 * "Not yet translated: shown in Russian." under a heading whose text is a fallback, so a reader
 * knows the page's language exists but this text has not reached it; nothing otherwise.
 */
export function FallbackNote({ ctx, translations }: { ctx: PageContext; translations: Translations | null | undefined }): SafeHtml {
  const locale = ctx.text.fallbackLocale(translations);
  if (!locale) return <></>;
  return <p class="govuk-body-s app-fallback-note">{ctx.t('content.fallbackNote', { language: ctx.t(`content.in.${locale}`) })}</p>;
}

/** A field's error, linked from the error summary to the field's id. */
export interface FieldError {
  href: string;
  text: string;
}

/** GOV.UK error summary: at the top of a form page, one link per invalid field. */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: FieldError[] }): SafeHtml {
  if (errors.length === 0) return <></>;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 class="govuk-error-summary__title">{ctx.t('errorSummary.title')}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li>
                <a href={error.href}>{error.text}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** A flash message after a Post/Redirect/Get, or an important notice. */
export function NotificationBanner(props: { ctx: PageContext; kind: 'success' | 'important'; children?: Child }): SafeHtml {
  const success = props.kind === 'success';
  return (
    <div
      class={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby="notification-banner-title"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="notification-banner-title">
          {props.ctx.t(success ? 'notification.success' : 'notification.important')}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">{props.children}</div>
    </div>
  );
}

/** The hidden CSRF field every staff form carries (the token comes from the request). */
export function CsrfField({ ctx }: { ctx: PageContext }): SafeHtml {
  if (!ctx.csrfToken) throw new Error('A form was rendered without a CSRF token on the request');
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** Previous/next and "page X of Y": plain links, so it works without JavaScript. */
export function Pagination(props: { ctx: PageContext; page: number; pages: number; hrefFor: (page: number) => string }): SafeHtml {
  const { ctx, page, pages } = props;
  if (pages <= 1) return <></>;
  return (
    <nav class="govuk-pagination govuk-pagination--block" aria-label={ctx.t('pagination.label')}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={props.hrefFor(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">{ctx.t('pagination.previous')}</span>
          </a>
        </div>
      ) : null}
      <p class="govuk-body govuk-!-margin-bottom-0 govuk-!-margin-top-2">{ctx.t('pagination.pageOf', { page, pages })}</p>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={props.hrefFor(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">{ctx.t('pagination.next')}</span>
          </a>
        </div>
      ) : null}
    </nav>
  );
}

/** Label and value rows (GOV.UK summary list). Rows with no value are left out. */
export function SummaryList({ rows }: { rows: { key: string; value: Child }[] }): SafeHtml {
  return (
    <dl class="govuk-summary-list">
      {rows
        .filter((row) => row.value !== null && row.value !== undefined && row.value !== '')
        .map((row) => (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{row.key}</dt>
            <dd class="govuk-summary-list__value">{row.value}</dd>
          </div>
        ))}
    </dl>
  );
}
