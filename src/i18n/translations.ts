import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { cleanText } from '../common/validation/storable-text';
import { isLocale, Locale, LOCALES } from './locales';

/**
 * A translatable text as stored: one jsonb object per field, keyed by locale, holding only
 * the locales that have text (`{"ky": "…", "ru": "…"}`), never blank strings (Decidim's design;
 * README, "Languages in the data").
 */
export type Translations = Partial<Record<Locale, string>>;

/** One locale's text in an update: a text replaces that locale, null or blank removes it. */
export interface TranslationChange {
  locale: Locale;
  text?: string | null;
}

/** The text served for a field, and the locale it is actually in. */
export interface PickedTranslation {
  text: string;
  locale: Locale;
}

/**
 * The locales to try for a reader who asked for `requested`: that one, then the configured
 * fallbacks in order, then any locale neither names (so a field that has text always answers).
 * With the default fallbacks `ru,en,ky`: ky → ru → en, ru → en → ky, en → ru → ky.
 */
export function fallbackChain(requested: Locale, fallbacks: readonly Locale[]): readonly Locale[] {
  const chain: Locale[] = [requested];
  for (const locale of [...fallbacks, ...LOCALES]) if (!chain.includes(locale)) chain.push(locale);
  return chain;
}

/** The first locale of the chain that has text; null when the field has none. */
export function pickTranslation(translations: Translations | null | undefined, chain: readonly Locale[]): PickedTranslation | null {
  if (!translations) return null;
  for (const locale of chain) {
    const text = translations[locale];
    if (text) return { text, locale };
  }
  return null;
}

/** The text in the chain's first available locale, or null. */
export function translatedText(translations: Translations | null | undefined, chain: readonly Locale[]): string | null {
  return pickTranslation(translations, chain)?.text ?? null;
}

/** All translations in the fixed locale order (ky, ru, en), for editors. */
export function translationList(translations: Translations | null | undefined): PickedTranslation[] {
  if (!translations) return [];
  const list: PickedTranslation[] = [];
  for (const locale of LOCALES) {
    const text = translations[locale];
    if (text) list.push({ locale, text });
  }
  return list;
}

export interface MergeOptions {
  /** The input field, for the error message (e.g. `titleTranslations`). */
  field: string;
  /** A required field keeps at least one locale. */
  required: boolean;
  /** Longest text of one locale, in characters. */
  maxLength: number;
}

/**
 * `current` with `changes` applied: a locale given a non-blank text gets that text (trimmed,
 * NFC); a locale given null or a blank text is removed; locales not mentioned stay. The same
 * locale twice in one change set is refused. A required field left without any locale, or a
 * text longer than `maxLength`, is a BAD_USER_INPUT error and nothing changes. Returns null
 * for an optional field left empty.
 */
export function mergeTranslations(
  current: Translations | null | undefined,
  changes: readonly TranslationChange[],
  options: MergeOptions,
): Translations | null {
  const merged: Translations = { ...(current ?? {}) };
  const seen = new Set<Locale>();
  for (const change of changes) {
    if (!isLocale(change.locale)) throw refused(options.field, `unknown locale ${String(change.locale)}`, 'unknownLocale');
    if (seen.has(change.locale)) throw refused(options.field, `${change.locale} is given twice`, 'localeTwice');
    seen.add(change.locale);
    const text = typeof change.text === 'string' ? cleanText(change.text) : '';
    if (text === '') {
      delete merged[change.locale];
    } else if (text.length > options.maxLength) {
      throw refused(options.field, `${change.locale} must be at most ${options.maxLength} characters`, 'tooLong', { locale: change.locale, max: options.maxLength });
    } else {
      merged[change.locale] = text;
    }
  }
  const result = normalizeTranslations(merged);
  if (result === null && options.required) {
    throw refused(options.field, 'must not be blank: give a text in at least one locale (ky, ru or en)', 'required');
  }
  return result;
}

/**
 * The changes an input asks for: `translations` (several locales) and `text`, which writes
 * the request's locale. Giving the request's locale both ways is refused as ambiguous.
 */
export function translationChanges(
  text: string | null | undefined,
  translations: readonly TranslationChange[] | null | undefined,
  requestLocale: Locale,
  field: string,
): TranslationChange[] {
  const changes = [...(translations ?? [])];
  if (text !== undefined) {
    if (changes.some((c) => c.locale === requestLocale)) {
      throw refused(field, `${requestLocale} is given both as text and in the translations`, 'ambiguousLocale');
    }
    changes.push({ locale: requestLocale, text });
  }
  return changes;
}

/**
 * What an input's `<field>` (the request's locale) and `<field>Translations` make of the stored
 * value `current` (null on create): see translationChanges and mergeTranslations.
 */
export function translationsFromInput(
  current: Translations | null,
  text: string | null | undefined,
  translations: readonly TranslationChange[] | null | undefined,
  requestLocale: Locale,
  options: MergeOptions,
): Translations | null {
  return mergeTranslations(current, translationChanges(text, translations, requestLocale, options.field), options);
}

/** An input with a translatable `<field>` (the request's locale) and its `<field>Translations`. */
export type TranslatableInput<F extends string> = { [K in F]?: string | null } & {
  [K in `${F}Translations`]?: readonly TranslationChange[] | null;
};

/**
 * The translations a create input gives `field` (see translationsFromInput): for a required
 * field at least one locale, else BAD_USER_INPUT; for an optional one null when none.
 */
export function createdTranslations<F extends string>(input: TranslatableInput<F>, field: F, locale: Locale, maxLength: number, required: true): Translations;
export function createdTranslations<F extends string>(input: TranslatableInput<F>, field: F, locale: Locale, maxLength: number, required?: false): Translations | null;
export function createdTranslations<F extends string>(
  input: TranslatableInput<F>,
  field: F,
  locale: Locale,
  maxLength: number,
  required = false,
): Translations | null {
  const translations = (input as Record<string, readonly TranslationChange[] | null | undefined>)[`${field}Translations`];
  return translationsFromInput(null, input[field], translations, locale, { field, maxLength, required });
}

/** The stored form: locales in fixed order, only those with text; null when none has. */
export function normalizeTranslations(translations: Translations | null | undefined): Translations | null {
  if (!translations) return null;
  const result: Translations = {};
  let any = false;
  for (const locale of LOCALES) {
    const text = translations[locale];
    if (typeof text === 'string' && text !== '') {
      result[locale] = text;
      any = true;
    }
  }
  return any ? result : null;
}

/** The same texts in the same locales (null and no text are the same). */
export function sameTranslations(a: Translations | null | undefined, b: Translations | null | undefined): boolean {
  const left = normalizeTranslations(a);
  const right = normalizeTranslations(b);
  if (left === null || right === null) return left === right;
  return LOCALES.every((locale) => left[locale] === right[locale]);
}

/** Every locale's text joined by a space: what `search` matches and a log line shows (as translations_text() in SQL). */
export function allTranslationsText(translations: Translations | null | undefined): string {
  return translationList(translations)
    .map((t) => t.text)
    .join(' ');
}

/**
 * SQL for the text of a jsonb translations column in the chain's first locale that has one:
 * `coalesce(col->>'ky', col->>'ru', col->>'en')`. `columnSql` is the caller's SQL for the column
 * (never user text); the locales come from the fixed whitelist, so nothing typed by a user is
 * spliced into the statement.
 */
export function translatedSql(columnSql: string, chain: readonly Locale[]): string {
  return `coalesce(${chainKeys(chain).map((locale) => `${columnSql}->>'${locale}'`).join(', ')})`;
}

/**
 * As pickTranslation, in SQL: the text of the chain's first locale that has one (an empty text
 * counts as missing, unlike translatedSql's), as JSON; null when none has. The locales come from
 * the fixed whitelist.
 */
export function pickedTranslationJsonSql(columnSql: string, chain: readonly Locale[]): string {
  return `to_json(coalesce(${chainKeys(chain).map((locale) => `nullif(${columnSql}->>'${locale}', '')`).join(', ')}))`;
}

/**
 * As pickTranslation's locale, in SQL: the locale the text is served in, as JSON, written as
 * `nameOf` gives it (the Locale enum's names); null when no locale has a text.
 */
export function pickedLocaleJsonSql(columnSql: string, chain: readonly Locale[], nameOf: (locale: Locale) => string): string {
  const cases = chainKeys(chain).map((locale) => {
    const name = nameOf(locale);
    if (!/^[A-Za-z_]+$/.test(name)) throw new Error(`not a locale name: ${name}`);
    return `WHEN nullif(${columnSql}->>'${locale}', '') IS NOT NULL THEN '${name}'`;
  });
  return `to_json(CASE ${cases.join(' ')} END)`;
}

/** The chain's locales as whitelisted keys (never user text), at least one. */
function chainKeys(chain: readonly Locale[]): Locale[] {
  const keys = chain.filter(isLocale).map((locale) => LOCALES[LOCALES.indexOf(locale)]);
  if (keys.length === 0) throw new Error('a translation needs at least one locale');
  return keys;
}

/**
 * BAD_USER_INPUT naming the input field, as the validation pipe names it (`extensions.fields`),
 * with a reason code (`details.reason`) a form picks its message by.
 */
function refused(field: string, message: string, reason: string, params: Record<string, string | number> = {}): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field, fields: [field], reason, ...params });
}
