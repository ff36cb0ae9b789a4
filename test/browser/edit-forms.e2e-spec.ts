import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/role.enum';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { createTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/web-session';
import { axeViolations, describeInBrowser, isAt, launchBrowser, listen, newVisitor, signedInCookie, signIn, tabTo } from './harness';

describeInBrowser('edit forms in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let editor: { email: string };
  let ids: { meeting: string; barrier: string; plan: string; indicator: string };

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
    editor = await createUser(t, { email: 'editor@secretariat.kg', role: Role.EDITOR, displayName: 'Бакыт Секретариат', language: 'ru' });
    const one = async (sql: string) => (await t.sql<{ id: string }>(sql))[0].id;
    ids = {
      meeting: await one('SELECT id FROM meeting ORDER BY held_on LIMIT 1'),
      barrier: await one('SELECT id FROM barrier ORDER BY id LIMIT 1'),
      plan: await one('SELECT id FROM action_plan ORDER BY code LIMIT 1'),
      indicator: await one(`SELECT id FROM indicator WHERE code = 'WL-2'`),
    };
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('has no WCAG 2.1 AA violations on the list and the edit forms, in each language, in high contrast and at 360 px', async () => {
    const pages: [string, Record<string, string>, number?][] = [
      ['/work/edit', {}],
      ['/work/edit?done=meeting&lang=ky', {}],
      [`/work/meetings/${ids.meeting}/edit`, {}],
      [`/work/meetings/${ids.meeting}/edit?lang=ky`, {}, 360],
      [`/work/barriers/${ids.barrier}/edit?lang=en`, {}],
      [`/work/plans/${ids.plan}/edit`, { display: 'contrast' }],
      [`/work/indicators/${ids.indicator}/edit?lang=ky`, {}],
      [`/work/indicators/${ids.indicator}/edit?lang=en`, { display: 'large-text.contrast' }, 360],
    ];
    const found: Record<string, unknown[]> = {};
    const editorSession = await signedInCookie(browser, baseURL, editor.email);
    for (const [path, cookies, width] of pages) {
      const context = await newVisitor(browser, baseURL, { cookies: { ...editorSession, ...cookies }, width });
      const page = await context.newPage();
      const response = await page.goto(path);
      if (response?.status() !== 200) found[`${path} status`] = [response?.status()];
      // Signed in by the cookie: the page itself, not the sign-in form.
      if (!isAt(page, path)) found[`${path} landed on`] = [page.url()];
      const violations = await axeViolations(page);
      if (violations.length) found[`${path} ${JSON.stringify(cookies)} ${width ?? ''}`] = violations;
      if (width) {
        // Reflow: nothing wider than the screen.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) found[`${path} overflows at ${width}px`] = [overflow];
      }
      await context.close();
    }
    expect(found).toEqual({});
  });

  it('shows errors and a stale save without violations, the summary linking to them', async () => {
    const context = await newVisitor(browser, baseURL);
    const page = await context.newPage();
    await signIn(page, editor.email);
    await page.goto(`/work/plans/${ids.plan}/edit`);
    await page.fill('#startYear', 'soon');
    await page.click('form[action$="/edit"] button[type=submit]');
    expect(await page.locator('.govuk-error-summary a').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.click('.govuk-error-summary a[href="#startYear"]');
    expect(new URL(page.url()).hash).toBe('#startYear');

    await page.goto(`/work/meetings/${ids.meeting}/edit`);
    await t.sql('UPDATE meeting SET version = version + 1 WHERE id = $1', [ids.meeting]);
    await page.fill('#sourceUrl', 'https://example.kg/news');
    await page.click('form[action$="/edit"] button[type=submit]');
    expect(await page.textContent('.govuk-error-summary')).toBeTruthy();
    expect(await page.inputValue('#sourceUrl')).toBe('https://example.kg/news');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('an editor opens an indicator, edits its baseline and saves with the keyboard alone', async () => {
    const context = await newVisitor(browser, baseURL);
    const page = await context.newPage();
    await signIn(page, editor.email);
    await page.goto(`/work/indicators/${ids.indicator}`);
    await tabTo(page, `a[href="/work/indicators/${ids.indicator}/edit"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/edit$/);
    await tabTo(page, '#baselineValue');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12,5');
    await tabTo(page, 'form[action$="/edit"] button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/work\/edit\?done=indicator$/);
    expect(await page.textContent('.govuk-notification-banner')).toBeTruthy();
    const [row] = await t.sql<{ baseline_value: number; version: number }>('SELECT baseline_value, version FROM indicator WHERE id = $1', [ids.indicator]);
    expect(row).toEqual({ baseline_value: 12.5, version: 2 });
    await context.close();
  });
});
