import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/accounts/session-cookie';
import { PASSWORD } from '../support/web-session';

/** Debian's chromium (`apt-get install chromium`); nothing here downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** The WCAG 2.1 A and AA rules of axe-core. */
export const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let skipNoticeShown = false;

let axeServer: Promise<string> | null = null;

/**
 * axe-core's URL on a server of the test process's own (one per process, never keeping it alive):
 * pages load it as a script, from their HTTP cache after the first time in a context. Injected as
 * inline text instead, its 550 kB went through the DevTools protocol and were compiled afresh at
 * every check: 182 against 102 ms a check (75 checks of the public and staff browser files).
 * The service's CSP does not allow the script; test contexts bypass it (newVisitor).
 */
function axeUrl(): Promise<string> {
  axeServer ??= new Promise((resolve) => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=31536000, immutable' });
      res.end(AXE_SOURCE);
    });
    server.unref();
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/axe.min.js`));
  });
  return axeServer;
}

/**
 * `describe` for tests that need a real browser. Without Chromium they are skipped with
 * one line saying how to enable them; under CI (CI=true) a missing browser fails instead.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`CI=true but there is no Chromium at ${CHROMIUM_PATH}: apt-get install chromium`);
      });
    });
    return;
  }
  if (!skipNoticeShown) {
    skipNoticeShown = true;
    console.log(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (enable them with: apt-get install chromium)`);
  }
  describe.skip(name, body);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Starts an initialised Nest app's HTTP server on a free local port; returns its base URL. */
export async function listen(app: { getHttpServer(): import('node:http').Server }): Promise<string> {
  const server = app.getHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface VisitorOptions {
  /** The browser's language (Accept-Language). */
  locale?: string;
  javaScriptEnabled?: boolean;
  width?: number;
  /** Cookies to start with, e.g. { display: 'contrast' }. */
  cookies?: Record<string, string>;
}

/**
 * Closed visitors' contexts, per browser and per what a context cannot change once made (base URL,
 * language, JavaScript, width). A new browser context costs Chromium about a second of CPU (a
 * storage partition, a network context, a renderer); a page in a reused one, a fraction of that.
 */
const idleContexts = new WeakMap<Browser, Map<string, BrowserContext[]>>();

/**
 * The tab a closed visitor leaves in its pooled context, at about:blank, for the next visitor's first
 * `newPage()`. A new page costs Chromium ~180 ms of CPU (a renderer process, its set-up in the browser
 * process), a navigation in an open one ~80 ms.
 */
const idleTabs = new WeakMap<BrowserContext, Page>();

/**
 * A fresh visitor: no cookies but those given, no pages of its own yet. Its context comes from the pool
 * above when one is idle; `close()` (on it or on `page.context()`) closes its pages but one, which it
 * leaves blank (no listeners or routes) for the next visitor, forgets its
 * cookies and permissions and gives it back. Its HTTP cache stays, like a returning visitor's
 * browser after clearing cookies; the browser's own close() closes it for good.
 */
export async function newVisitor(browser: Browser, baseURL: string, options: VisitorOptions = {}): Promise<BrowserContext> {
  const locale = options.locale ?? 'ru-RU';
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  const width = options.width ?? 1024;
  const key = JSON.stringify([baseURL, locale, javaScriptEnabled, width]);
  let pools = idleContexts.get(browser);
  if (!pools) idleContexts.set(browser, (pools = new Map()));
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = []));
  const context =
    pool.pop() ??
    (await browser.newContext({
      baseURL,
      locale,
      javaScriptEnabled,
      viewport: { width, height: 800 },
      // The service's CSP allows its own scripts only; axe-core comes from the test's server (axeUrl).
      bypassCSP: true,
    }));
  let leased = true;
  context.newPage = async () => {
    const tab = idleTabs.get(context);
    idleTabs.delete(context);
    return tab && !tab.isClosed() ? tab : Object.getPrototypeOf(context).newPage.call(context);
  };
  context.close = async () => {
    if (!leased) return;
    leased = false;
    const [tab, ...others] = context.pages();
    await Promise.all(others.map((page) => page.close()));
    if (tab) await blank(tab).then(() => idleTabs.set(context, tab), () => tab.close());
    await context.clearCookies();
    await context.clearPermissions();
    pool.push(context);
  };
  const cookies = Object.entries(options.cookies ?? {}).map(([name, value]) => ({ name, value, url: baseURL }));
  if (cookies.length) await context.addCookies(cookies);
  return context;
}

/** A tab made ready for another visitor: no listeners or routes, at about:blank (its back history still holds the last visitor's pages; no test goes back). */
async function blank(tab: Page): Promise<void> {
  tab.removeAllListeners();
  await tab.unrouteAll({ behavior: 'ignoreErrors' });
  await tab.goto('about:blank');
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ url: await axeUrl() });
  return page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n: { target: string[] }) => n.target.join(' ')),
    }));
  }, WCAG_21_AA_TAGS);
}

/** Presses Tab until the element matching `selector` has the focus (keyboard reachability); fails after `max` presses. */
export async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} was not reached with ${max} presses of Tab`);
}

/** Signs in with the test password (PASSWORD) from `signInPath` (e.g. `/sign-in?lang=ky`) and waits for My work. */
export async function signIn(page: Page, email: string, signInPath = '/sign-in'): Promise<void> {
  await page.goto(signInPath);
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]:not(.govuk-button--secondary)');
  await page.waitForURL(/\/work$/);
}

/**
 * Signs in once through the form (in a visitor of its own) and returns the session cookie, for
 * tests that visit many pages as that user and test the pages, not the sign-in: give it to
 * `newVisitor(…, { cookies })`. A sign-in costs three page loads and a password hash.
 */
export async function signedInCookie(browser: Browser, baseURL: string, email: string): Promise<Record<string, string>> {
  const context = await newVisitor(browser, baseURL);
  try {
    const page = await context.newPage();
    await signIn(page, email);
    const session = (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
    if (!session) throw new Error(`signing in as ${email} set no ${SESSION_COOKIE} cookie`);
    return { [SESSION_COOKIE]: session.value };
  } finally {
    await context.close();
  }
}

/**
 * Whether the page shows the path asked for, not a page it was redirected to (a lost session
 * lands on the sign-in form, which answers 200).
 */
export function isAt(page: Page, path: string): boolean {
  return new URL(page.url()).pathname === new URL(path, page.url()).pathname;
}

/** Signs in from the keyboard alone on the page already open at the sign-in form; waits for My work. */
export async function signInWithKeyboard(page: Page, email: string): Promise<void> {
  await tabTo(page, '#email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/work$/);
}
