import type { Request } from 'express';
import type { Translator } from '../../i18n/i18n.service';
import type { Locale } from '../../i18n/locales';
import type { ContentText } from './content-text';

/** The "version for the visually impaired", remembered in the `display` cookie. */
export interface DisplaySettings {
  largeText: boolean;
  highContrast: boolean;
}

export interface NavigationLink {
  href: string;
  label: string;
}

/**
 * What the staff pages (sessions, CSRF) attach to the request before a page renders:
 * the layout shows the person and their links, and forms take the token from here.
 */
export interface SignedInSlots {
  displayName: string;
  /** Links shown after the public ones in the service navigation (e.g. My work, Sign out). */
  navigation: NavigationLink[];
}

export type WebRequest = Request & { signedIn?: SignedInSlots; csrfToken?: string };

/** Everything a template needs besides its data. */
export interface PageContext {
  readonly locale: Locale;
  /** Translatable content in the page's language, with the fallback chain (see ContentText). */
  readonly text: ContentText;
  readonly t: Translator['t'];
  readonly i18n: Translator;
  readonly display: DisplaySettings;
  /** The request's path and query, without `lang` (the language links add it back). */
  readonly path: string;
  readonly query: URLSearchParams;
  /** PUBLIC_BASE_URL (never the request's Host), for absolute links (hreflang, the feed). */
  readonly origin: string;
  readonly signedIn?: SignedInSlots;
  readonly csrfToken?: string;
  /** Whether the sample's illustrative values are loaded (the footer says so). */
  readonly sampleData: boolean;
}

/** This page's address in another language (`?lang=` added to its query). */
export function urlInLocale(ctx: Pick<PageContext, 'path' | 'query'>, locale: Locale): string {
  const query = new URLSearchParams(ctx.query);
  query.set('lang', locale);
  return `${ctx.path}?${query.toString()}`;
}

/** The current address (path and query, `lang` left out): where a settings link returns to. */
export function currentUrl(ctx: Pick<PageContext, 'path' | 'query'>): string {
  const query = ctx.query.toString();
  return query ? `${ctx.path}?${query}` : ctx.path;
}
