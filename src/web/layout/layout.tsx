import { LOCALE_NAMES, LOCALES } from '../../i18n/locales';
import { Child, h, SafeHtml } from '../jsx/html';
import { currentUrl, PageContext, urlInLocale } from './page-context';

export type PublicSection = 'home' | 'recommendations' | 'meetings' | 'none';

export interface LayoutProps {
  ctx: PageContext;
  /** The page's own title (the <h1>); the <title> adds the service name. */
  title: string;
  stylesheetHref: string;
  section?: PublicSection;
  description?: string;
  /** Extra <head> elements (a feed link, noindex for staff pages). */
  head?: Child;
  /** Above <main>: breadcrumbs or a back link. */
  beforeMain?: Child;
  children?: Child;
}

function LanguageNavigation({ ctx }: { ctx: PageContext }): SafeHtml {
  return (
    <nav class="govuk-language-navigation" aria-label={ctx.t('layout.language')}>
      <ul class="govuk-language-navigation__list">
        {LOCALES.map((locale) => (
          <li class="govuk-language-navigation__list-item">
            {locale === ctx.locale ? (
              <span class="govuk-language-navigation__text" aria-current="true" lang={locale}>
                {LOCALE_NAMES[locale]}
              </span>
            ) : (
              <a class="govuk-language-navigation__link" href={urlInLocale(ctx, locale)} rel="alternate" lang={locale} hreflang={locale}>
                {LOCALE_NAMES[locale]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Two toggles, each a plain link (works without JavaScript) that sets the `display` cookie. */
function DisplaySettingsLinks({ ctx }: { ctx: PageContext }): SafeHtml {
  const back = encodeURIComponent(currentUrl(ctx));
  const { largeText, highContrast } = ctx.display;
  return (
    <ul class="app-display-settings" aria-label={ctx.t('layout.display')}>
      <li class="app-display-settings__label" aria-hidden="true">
        {ctx.t('layout.display')}:
      </li>
      <li>
        <a class="govuk-link" href={`/display?text=${largeText ? 'standard' : 'large'}&return=${back}`} rel="nofollow">
          {ctx.t(largeText ? 'layout.display.standardText' : 'layout.display.largeText')}
        </a>
      </li>
      <li>
        <a class="govuk-link" href={`/display?colours=${highContrast ? 'standard' : 'contrast'}&return=${back}`} rel="nofollow">
          {ctx.t(highContrast ? 'layout.display.standardColours' : 'layout.display.highContrast')}
        </a>
      </li>
    </ul>
  );
}

function ServiceNavigation({ ctx, section }: { ctx: PageContext; section: PublicSection }): SafeHtml {
  const links: { href: string; label: string; current: boolean }[] = [
    { href: '/', label: ctx.t('nav.home'), current: section === 'home' },
    { href: '/recommendations', label: ctx.t('nav.recommendations'), current: section === 'recommendations' },
    { href: '/meetings', label: ctx.t('nav.meetings'), current: section === 'meetings' },
    ...(ctx.signedIn?.navigation ?? []).map((link) => ({ ...link, current: ctx.path === link.href })),
  ];
  return (
    <section class="govuk-service-navigation" aria-label={ctx.t('site.name')}>
      <div class="govuk-width-container">
        <div class="govuk-service-navigation__container">
          <span class="govuk-service-navigation__service-name">
            <a href="/" class="govuk-service-navigation__link">
              {ctx.t('site.name')}
            </a>
          </span>
          <nav aria-label={ctx.t('layout.mainNavigation')} class="govuk-service-navigation__wrapper">
            <ul class="govuk-service-navigation__list">
              {links.map((link) => (
                <li class={`govuk-service-navigation__item${link.current ? ' govuk-service-navigation__item--active' : ''}`}>
                  <a class="govuk-service-navigation__link" href={link.href} aria-current={link.current ? 'page' : undefined}>
                    {link.current ? <strong class="govuk-service-navigation__active-fallback">{link.label}</strong> : link.label}
                  </a>
                </li>
              ))}
              {ctx.signedIn ? (
                <li class="govuk-service-navigation__item">
                  <span class="govuk-service-navigation__text">{ctx.signedIn.displayName}</span>
                </li>
              ) : null}
            </ul>
          </nav>
        </div>
      </div>
    </section>
  );
}

/** The one layout of every page, public and staff. */
export function Layout(props: LayoutProps): SafeHtml {
  const { ctx } = props;
  const classes = ['govuk-template', ctx.display.largeText && 'app-large-text', ctx.display.highContrast && 'app-contrast'];
  return (
    <html lang={ctx.locale} class={classes.filter(Boolean).join(' ')}>
      <head>
        <meta charset="utf-8" />
        <title>{`${props.title} — ${ctx.t('site.name')}`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="description" content={props.description ?? ctx.t('site.tagline')} />
        <link rel="stylesheet" href={props.stylesheetHref} />
        {/* No icon: an empty one spares browsers a request for /favicon.ico (a 404). */}
        <link rel="icon" href="data:," />
        {LOCALES.map((locale) => (
          <link rel="alternate" hreflang={locale} href={`${ctx.origin}${urlInLocale(ctx, locale)}`} />
        ))}
        <link rel="alternate" hreflang="x-default" href={`${ctx.origin}${currentUrl(ctx)}`} />
        {props.head}
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link">
          {ctx.t('layout.skipLink')}
        </a>
        <header class="app-masthead">
          <div class="govuk-width-container app-masthead__bar">
            <LanguageNavigation ctx={ctx} />
            <DisplaySettingsLinks ctx={ctx} />
          </div>
        </header>
        <ServiceNavigation ctx={ctx} section={props.section ?? 'none'} />
        <div class="govuk-width-container">
          {props.beforeMain}
          <main class="govuk-main-wrapper" id="main-content">
            {props.children}
          </main>
        </div>
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 class="govuk-visually-hidden">{ctx.t('site.name')}</h2>
                <ul class="govuk-footer__inline-list">
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href="/changes.atom">
                      {ctx.t('nav.feed')}
                    </a>
                  </li>
                </ul>
                {ctx.sampleData ? (
                  <p class="govuk-body-s" data-notice="sample-data">
                    {ctx.t('layout.footer.sample')}
                  </p>
                ) : null}
                <p class="govuk-body-s">{ctx.t('layout.footer.api')}</p>
              </div>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
