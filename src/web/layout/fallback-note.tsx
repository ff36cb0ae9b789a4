import { Fragment, h, SafeHtml } from '../jsx/html';
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
