import Negotiator from 'negotiator';
import { isLocale, Locale, LOCALES } from './locales';

export interface LocaleHints {
  /** An explicit choice in the URL (`?lang=ky`). */
  query?: unknown;
  /** A remembered choice (the `lang` cookie). */
  cookie?: unknown;
  /** The browser's Accept-Language header. */
  acceptLanguage?: string | string[];
}

/**
 * The page language: an explicit choice in the URL, then the remembered one in the
 * cookie, then the best of Accept-Language by its q-values (`ru-RU;q=0.8` counts as
 * `ru`), then the default. Unknown values are ignored, never an error.
 */
export function negotiateLocale(hints: LocaleHints, fallback: Locale): Locale {
  if (isLocale(hints.query)) return hints.query;
  if (isLocale(hints.cookie)) return hints.cookie;
  const header = Array.isArray(hints.acceptLanguage) ? hints.acceptLanguage.join(',') : hints.acceptLanguage;
  if (header) {
    const [best] = new Negotiator({ headers: { 'accept-language': header } }).languages([...LOCALES]);
    if (isLocale(best)) return best;
  }
  return fallback;
}
