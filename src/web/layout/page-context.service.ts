import { Injectable } from '@nestjs/common';
import { ContentLocaleService } from '../../i18n/content-locales';
import { contentText } from './content-text';
import { parse as parseCookies } from 'cookie';
import type { Response } from 'express';
import { AppConfig } from '../../config/app-config.service';
import { I18nService } from '../../i18n/i18n.service';
import { isLocale } from '../../i18n/locales';
import type { Locale } from '../../i18n/locales';
import { negotiateLocale } from '../../i18n/negotiate-locale';
import { SampleDataService } from './sample-data.service';
import { DisplaySettings, PageContext, WebRequest } from './page-context';

export const LANG_COOKIE = 'lang';
export const DISPLAY_COOKIE = 'display';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** `large-text.contrast` (either part, in any order) to settings; anything else is standard. */
export function parseDisplayCookie(value: string | undefined): DisplaySettings {
  const parts = new Set((value ?? '').split('.'));
  return { largeText: parts.has('large-text'), highContrast: parts.has('contrast') };
}

export function formatDisplayCookie(display: DisplaySettings): string {
  return [display.largeText && 'large-text', display.highContrast && 'contrast'].filter(Boolean).join('.');
}

/** Builds each page's context from its request: language, display settings, address. */
@Injectable()
export class PageContextService {
  constructor(
    private readonly i18n: I18nService,
    private readonly config: AppConfig,
    private readonly contentLocales: ContentLocaleService,
    private readonly sample: SampleDataService,
  ) {}

  /** The request's language (the page's), without building a context: e.g. for a service's messages. */
  localeFor(req: WebRequest): Locale {
    const cookies = parseCookies(req.headers.cookie ?? '');
    const explicit = new URL(req.originalUrl, 'http://localhost').searchParams.get('lang');
    return negotiateLocale({ query: explicit, cookie: cookies[LANG_COOKIE], acceptLanguage: req.headers['accept-language'] }, this.config.get('DEFAULT_LOCALE'));
  }

  contextFor(req: WebRequest, res: Response): PageContext {
    const cookies = parseCookies(req.headers.cookie ?? '');
    const url = new URL(req.originalUrl, 'http://localhost');
    const explicit = url.searchParams.get('lang');
    const locale = this.localeFor(req);
    // A language chosen in the URL is remembered for the next pages.
    if (isLocale(explicit) && cookies[LANG_COOKIE] !== explicit) {
      res.cookie(LANG_COOKIE, explicit, { maxAge: ONE_YEAR_SECONDS * 1000, sameSite: 'lax', path: '/', httpOnly: true });
    }
    url.searchParams.delete('lang');
    const translator = this.i18n.translator(locale);
    return {
      locale,
      text: contentText(locale, this.contentLocales.chain(locale)),
      t: translator.t,
      i18n: translator,
      display: parseDisplayCookie(cookies[DISPLAY_COOKIE]),
      path: url.pathname,
      query: url.searchParams,
      // The configured address, not the request's Host (see AppConfig.publicBaseUrl).
      origin: this.config.publicBaseUrl,
      signedIn: req.signedIn,
      csrfToken: req.csrfToken,
      sampleData: this.sample.lastKnown,
    };
  }
}
