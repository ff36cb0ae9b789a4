import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/role.enum';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { SAMPLE_TEXTS } from '../../src/seed/sokuluk-roundtable.texts';
import { createTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/web-session';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor, signedInCookie, signInWithKeyboard, tabTo, VisitorOptions } from './harness';

const LANGS = ['ky', 'ru', 'en'] as const;
const REC = SAMPLE_TEXTS.proposals['SOK-2024-01'];
const NEW_KY_TITLE = 'Аялдардын өкүлчүлүгү боюнча ченемдерди, квоталарды жана шайлоо тизмелерин кайра карап чыгуу';

/** Whether the page is wider than the window (WCAG 1.4.10 reflow). */
const overflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** Translated content on the pages and in the staff form that edits it, in a real browser. */
describeInBrowser('translated content in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let editor: { email: string };
  let recId: string;
  /** The editor's session cookie: these tests are about the pages, not the sign-in (signed in once). */
  let editorSession: Record<string, string> | undefined;

  const title = async () => (await t.sql<{ title: Record<string, string> }>('SELECT title FROM recommendation WHERE id = $1', [recId]))[0].title;

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
    editor = await createUser(t, { email: 'editor@secretariat.kg', role: Role.EDITOR, displayName: 'Бакыт Секретариат', language: 'ky' });
    recId = (await t.sql<{ id: string }>(`SELECT id FROM recommendation WHERE code = 'SOK-2024-01'`))[0].id;
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A signed-in editor's page (or an anonymous one), at `options`. */
  async function open(path: string, signedIn: boolean, lang: string, options: VisitorOptions = {}): Promise<Page> {
    const cookies = signedIn ? { ...(editorSession ??= await signedInCookie(browser, baseURL, editor.email)), ...options.cookies } : options.cookies;
    const context = await newVisitor(browser, baseURL, { locale: lang, ...options, cookies });
    const page = await context.newPage();
    await page.goto(path);
    return page;
  }

  it('has no WCAG 2.1 AA violations on the public recommendation page and the staff text form, in ky, ru and en, and in high contrast', async () => {
    const found: Record<string, unknown[]> = {};
    for (const lang of LANGS) {
      for (const cookies of [{}, { display: 'contrast' }] as Record<string, string>[]) {
        const pub = await open(`/recommendations/SOK-2024-01?lang=${lang}`, false, lang, { cookies });
        expect(await pub.textContent('h1')).toBe(REC.title[lang]);
        const pubViolations = await axeViolations(pub);
        if (pubViolations.length) found[`public ${lang} ${JSON.stringify(cookies)}`] = pubViolations;
        await pub.context().close();

        const form = await open(`/work/recommendations/${recId}/text?lang=${lang}`, true, lang, { cookies });
        expect(await form.inputValue(`#title-${lang}`)).toBe(REC.title[lang]);
        // The other languages open, filled with the sample's texts, each input in its own language.
        await form.click('.app-translated-field summary >> nth=0');
        for (const other of LANGS.filter((l) => l !== lang)) {
          expect(await form.inputValue(`#title-${other}`)).toBe(REC.title[other]);
          expect(await form.getAttribute(`#title-${other}`, 'lang')).toBe(other);
        }
        const formViolations = await axeViolations(form);
        if (formViolations.length) found[`form ${lang} ${JSON.stringify(cookies)}`] = formViolations;
        await form.context().close();
      }
    }
    expect(found).toEqual({});
  });

  it('the form with an error (a blank required title) shows the summary in the page language, without violations, and saves nothing', async () => {
    const before = await title();
    const page = await open(`/work/recommendations/${recId}/text?lang=ru`, true, 'ru');
    await page.click('.app-translated-field summary >> nth=0');
    for (const lang of LANGS) await page.fill(`#title-${lang}`, '');
    await page.click('form[action$="/text"] button[type=submit]');
    expect(await page.textContent('.govuk-error-summary')).toContain('Введите этот текст хотя бы на одном языке');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('.govuk-error-summary a[href="#title-ru"]');
    expect(new URL(page.url()).hash).toBe('#title-ru');
    expect(await title()).toEqual(before);
    await page.context().close();
  });

  it('an editor saves a Kyrgyz title with the keyboard alone; the Russian and English ones are unchanged', async () => {
    const before = await title();
    const context = await newVisitor(browser, baseURL, { locale: 'ky-KG' });
    const page = await context.newPage();
    await page.goto('/sign-in?lang=ky');
    await signInWithKeyboard(page, editor.email);
    await page.goto(`/work/recommendations/${recId}`);
    expect(await page.getAttribute('html', 'lang')).toBe('ky');
    await tabTo(page, `a[href="/work/recommendations/${recId}/text"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/text$/);
    await tabTo(page, '#title-ky');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(NEW_KY_TITLE);
    // The other languages open from the keyboard and show the Russian title, which stays as it is.
    await tabTo(page, '.app-translated-field summary');
    await page.keyboard.press('Enter');
    await tabTo(page, '#title-ru');
    expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement).value)).toBe(REC.title.ru);
    await tabTo(page, 'form[action$="/text"] button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=text/);
    expect(await page.textContent('.govuk-notification-banner')).toContain('Текст сакталды');
    expect(await page.textContent('h1')).toBe(NEW_KY_TITLE);
    expect(await title()).toEqual({ ...before, ky: NEW_KY_TITLE });
    expect((await title()).ru).toBe(REC.title.ru);
    await context.close();
    // Put the sample back for the other tests.
    await t.sql(`UPDATE recommendation SET title = $2 WHERE id = $1`, [recId, JSON.stringify(before)]);
  });

  it('at 360 px neither page scrolls sideways, in any language, the other languages open', async () => {
    for (const lang of LANGS) {
      const pub = await open(`/recommendations/SOK-2024-01?lang=${lang}`, false, lang, { width: 360 });
      expect({ lang, page: 'public', overflows: await overflows(pub) }).toEqual({ lang, page: 'public', overflows: false });
      await pub.context().close();
      const form = await open(`/work/recommendations/${recId}/text?lang=${lang}`, true, lang, { width: 360 });
      await form.click('.app-translated-field summary >> nth=0');
      await form.click('.app-translated-field summary >> nth=1');
      expect({ lang, page: 'form', overflows: await overflows(form) }).toEqual({ lang, page: 'form', overflows: false });
      await form.context().close();
    }
  });

  // `WRITE_SCREENSHOTS=docs/screenshots npx jest test/browser/translations.e2e-spec.ts` refreshes the pictures docs/web.md shows.
  (process.env.WRITE_SCREENSHOTS ? it : it.skip)('writes the screenshots of these pages', async () => {
    const dir = process.env.WRITE_SCREENSHOTS!;
    mkdirSync(dir, { recursive: true });
    const shots: [string, string, boolean, string, VisitorOptions][] = [
      ['public-recommendation-ky-360.png', '/recommendations/SOK-2024-01?lang=ky', false, 'ky', { width: 360 }],
      // Same names as the English-content pictures they replace.
      ['recommendation-ru.png', '/recommendations/SOK-2024-01?lang=ru', false, 'ru', {}],
      ['staff-recommendation-ru.png', `/work/recommendations/${recId}?lang=ru`, true, 'ru', {}],
      ['public-recommendation-ru-contrast.png', '/recommendations/SOK-2024-01?lang=ru', false, 'ru', { cookies: { display: 'contrast' } }],
      ['staff-text-form-ky-360.png', `/work/recommendations/${recId}/text?lang=ky`, true, 'ky', { width: 360 }],
      ['staff-text-form-ru-contrast.png', `/work/recommendations/${recId}/text?lang=ru`, true, 'ru', { cookies: { display: 'contrast' } }],
    ];
    for (const [file, path, signedIn, lang, options] of shots) {
      const page = await open(path, signedIn, lang, options);
      if (signedIn) for (const summary of await page.locator('.app-translated-field summary').all()) await summary.click();
      await page.screenshot({ path: join(dir, file), fullPage: true });
      await page.context().close();
    }
    // A title not yet in Kyrgyz: the Russian one, and the note under it.
    const before = await title();
    await t.gqlOk(`mutation ($id: ID!) { updateRecommendation(id: $id, input: { titleTranslations: [{ locale: KY, text: null }] }) { id } }`, { id: recId });
    try {
      const page = await open('/recommendations/SOK-2024-01?lang=ky', false, 'ky', { width: 360 });
      expect(await page.textContent('.app-fallback-note')).toBe('Азырынча которулган эмес: орусча көрсөтүлдү.');
      await page.screenshot({ path: join(dir, 'public-recommendation-ky-fallback-360.png') });
      await page.context().close();
    } finally {
      await t.sql(`UPDATE recommendation SET title = $2 WHERE id = $1`, [recId, JSON.stringify(before)]);
    }
  });
});
