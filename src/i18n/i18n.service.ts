import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { memoize, strategies } from '@formatjs/fast-memoize';
import { IntlMessageFormat, type Formatters } from 'intl-messageformat';
import en from './catalogs/en.json';
import ky from './catalogs/ky.json';
import ru from './catalogs/ru.json';
import { Locale, LOCALES } from './locales';

/** Every message key, taken from the English catalog (the catalog test holds the others to it). */
export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number | Date>;

export const CATALOGS: Record<Locale, Record<string, string>> = { ky, ru, en };

/** What a page needs to speak one language: messages, dates and numbers. */
export interface Translator {
  readonly locale: Locale;
  t: (key: MessageKey, values?: MessageValues) => string;
  /** A calendar date (`2024-08-13`) as the locale writes it, e.g. 13 августа 2024 г. */
  date(isoDate: string, style?: 'long' | 'short'): string;
  /** An instant in the service's time zone, date and time. */
  dateTime(instant: Date): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  percent(fraction: number): string;
}

/**
 * ICU MessageFormat catalogs, one JSON file per locale, each message compiled on its first use
 * (every message's parse is checked by the catalog test).
 */
@Injectable()
export class I18nService {
  private readonly translators: Record<Locale, Translator>;

  private readonly timeZone: string;

  constructor(config: AppConfig) {
    this.timeZone = config.get('APP_TIMEZONE');
    this.translators = Object.fromEntries(LOCALES.map((locale) => [locale, buildTranslator(locale, this.timeZone)])) as Record<Locale, Translator>;
  }

  translator(locale: Locale): Translator {
    return this.translators[locale];
  }
}

/** A translator on its own, for code that runs without the Nest container (benchmarks, scripts). */
export function buildTranslator(locale: Locale, timeZone: string): Translator {
  // British conventions for English (13 August 2024), as in most international documents.
  const intlLocale = locale === 'en' ? 'en-GB' : locale;
  const catalog: Record<string, string | undefined> = CATALOGS[locale];
  // Compiled on first use, not all at start: a page uses a few dozen of the 1,100 messages, and
  // the whole catalog compiled held 2.5 MB per language for the life of the process and cost each
  // start 100 ms (docs/benchmarks.md). The messages of a language share one set of Intl formatters
  // (plural rules, numbers, dates), as a react-intl provider does, instead of each making its own.
  const formatters = sharedFormatters();
  const messages = new Map<string, IntlMessageFormat>();
  const message = (key: string): IntlMessageFormat => {
    let compiled = messages.get(key);
    if (!compiled) {
      // Own keys only: `toString` and the like are not messages.
      const text = Object.hasOwn(catalog, key) ? catalog[key] : undefined;
      if (text === undefined) throw new Error(`No message ${key} in ${locale}`);
      compiled = new IntlMessageFormat(text, locale, undefined, { formatters });
      messages.set(key, compiled);
    }
    return compiled;
  };
  const dates = {
    long: new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeZone: 'UTC' }),
    short: new Intl.DateTimeFormat(intlLocale, { dateStyle: 'short', timeZone: 'UTC' }),
  };
  const dateTimes = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeStyle: 'short', timeZone });
  const numbers = new Intl.NumberFormat(intlLocale);
  const percents = new Intl.NumberFormat(intlLocale, { style: 'percent', maximumFractionDigits: 0 });
  return {
    locale,
    t: (key, values) => String(message(key).format(values)),
    // Calendar dates have no time zone: read and written as UTC midnight so the day never shifts.
    date: (isoDate, style = 'long') => dates[style].format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    dateTime: (instant) => dateTimes.format(instant),
    number: (value, options) => (options ? new Intl.NumberFormat(intlLocale, options).format(value) : numbers.format(value)),
    percent: (fraction) => percents.format(fraction),
  };
}

/** One language's Intl formatters for all its messages, each made once per distinct arguments (as intl-messageformat does per message). */
function sharedFormatters(): Formatters {
  const variadic = { strategy: strategies.variadic };
  return {
    getNumberFormat: memoize((...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args), variadic),
    getDateTimeFormat: memoize((...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args), variadic),
    getPluralRules: memoize((...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args), variadic),
  };
}
