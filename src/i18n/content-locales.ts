import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import Negotiator from 'negotiator';
import { isLocale, Locale, LOCALES } from './locales';
import { fallbackChain } from './translations';

/** The content locale of one request, and the fallback chain of every locale (computed once at boot). */
export interface ContentLocales {
  /** The request's locale: Accept-Language (q-values), else DEFAULT_CONTENT_LOCALE. */
  locale: Locale;
  chains: Readonly<Record<Locale, readonly Locale[]>>;
}

/** Which language content is read and written in, from the configuration and the request. */
@Injectable()
export class ContentLocaleService {
  readonly defaultLocale: Locale;
  readonly chains: Readonly<Record<Locale, readonly Locale[]>>;
  /** The locales offered to negotiation, the default first: it wins ties. */
  private readonly preference: readonly Locale[];

  constructor(config: AppConfig) {
    this.defaultLocale = config.get('DEFAULT_CONTENT_LOCALE');
    this.preference = [this.defaultLocale, ...LOCALES.filter((locale) => locale !== this.defaultLocale)];
    const fallbacks = config.get('CONTENT_FALLBACK_LOCALES');
    this.chains = Object.fromEntries(LOCALES.map((locale) => [locale, fallbackChain(locale, fallbacks)])) as Record<
      Locale,
      readonly Locale[]
    >;
  }

  /**
   * The request's content locale from its Accept-Language header by q-values; no header, or
   * `*` (any language, as fetch sends by default), gives the default.
   */
  forRequest(acceptLanguage: string | string[] | undefined): ContentLocales {
    const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
    const [best] = header ? new Negotiator({ headers: { 'accept-language': header } }).languages([...this.preference]) : [];
    return { locale: isLocale(best) ? best : this.defaultLocale, chains: this.chains };
  }

  /** The chain for readers without a request (exports, feeds, the seed): the default locale's. */
  get defaultChain(): readonly Locale[] {
    return this.chains[this.defaultLocale];
  }

  chain(locale: Locale): readonly Locale[] {
    return this.chains[locale];
  }
}
