/** The languages of the pages: Kyrgyz (the state language), Russian (official), English. */
export const LOCALES = ['ky', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The language of a download (a file, the printed report) when `lang` is not given and Accept-Language names
 * none of ours: English, the language the exports have always been written in
 * (so such a request gets the same bytes as before languages existed).
 */
export const DEFAULT_EXPORT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Each language's name in itself, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { ky: 'Кыргызча', ru: 'Русский', en: 'English' };
