import type { Locale } from '../../i18n/locales';
import { pickTranslation, Translations } from '../../i18n/translations';
import { raw, renderChildren, SafeHtml } from '../jsx/html';

/** How a page shows translatable content: in its language, else the fallback chain's first. */
export interface ContentText {
  /** Markup: the text, inside `<span lang="…">` when it is not in the page's language; '' when there is none. */
  (translations: Translations | null | undefined): SafeHtml | string;
  /** Plain text for attributes, option labels and titles; '' when there is none. */
  readonly plain: (translations: Translations | null | undefined) => string;
  /** Several texts (translatable or plain, e.g. a person's name) joined by `separator`, the empty ones left out. */
  readonly join: (parts: readonly (Translations | string | null | undefined)[], separator?: string) => SafeHtml;
  /** The locale a fallback is served in; null when the text is in the page's language or there is none. */
  readonly fallbackLocale: (translations: Translations | null | undefined) => Locale | null;
}

export function contentText(pageLocale: Locale, chain: readonly Locale[]): ContentText {
  const show = (translations: Translations | null | undefined): SafeHtml | string => {
    const picked = pickTranslation(translations, chain);
    if (!picked) return '';
    if (picked.locale === pageLocale) return picked.text;
    // Screen readers and hyphenation follow `lang`: the fallback text says which language it is in.
    return raw(`<span lang="${picked.locale}">${renderChildren(picked.text).html}</span>`);
  };
  show.plain = (translations: Translations | null | undefined): string => pickTranslation(translations, chain)?.text ?? '';
  show.join = (parts: readonly (Translations | string | null | undefined)[], separator = ', '): SafeHtml => {
    const shown = parts.map((part) => (typeof part === 'string' ? part : show(part))).filter((part) => part !== '');
    return renderChildren(shown.flatMap((part, i) => (i === 0 ? [part] : [separator, part])));
  };
  show.fallbackLocale = (translations: Translations | null | undefined): Locale | null => {
    const picked = pickTranslation(translations, chain);
    return picked && picked.locale !== pageLocale ? picked.locale : null;
  };
  return show;
}
