import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/role.enum';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { createTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/web-session';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor, signInWithKeyboard, tabTo } from './harness';

/** `WRITE_SCREENSHOTS=docs/screenshots npx jest test/browser/frameworks.e2e-spec.ts` refreshes the pictures. */
const SCREENSHOTS = process.env.WRITE_SCREENSHOTS ?? null;
const screenshot = (page: Page, name: string) => (SCREENSHOTS ? page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true }) : Promise.resolve());

/**
 * Issue 26's frameworks as a shadow-report author and the secretariat meet them: SDG target 5.5
 * and CEDAW's temporary special measures on the public site (Kyrgyz and Russian, 360 px, high
 * contrast), and the staff page that maps a recommendation, with the keyboard alone; axe-clean.
 */
describeInBrowser('framework pages in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let editorEmail: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
    editorEmail = (await createUser(t, { email: 'secretariat@example.kg', role: Role.EDITOR, language: 'ky' })).email;
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    ['/frameworks/sdg/5.5', 'ky-KG', {}],
    ['/frameworks/sdg/5.5', 'ru-RU', { display: 'contrast' }],
    ['/frameworks/cedaw/CO5-TSM', 'ru-RU', {}],
  ])('%s (%s) lists what addresses it with its status, fits 360 px and passes axe', async (path, locale, cookies) => {
    const context = await newVisitor(browser, baseURL, { locale, width: 360, cookies });
    const page = await context.newPage();
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    expect(await page.locator('table[data-list="recommendations"] tr[data-code="SOK-2024-01"] .govuk-tag').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, `framework-${path.split('/').slice(-1)[0]}-${locale.slice(0, 2)}${'display' in cookies ? '-contrast' : ''}-360.png`);
    await context.close();
  });

  it('the secretariat maps SOK-2024-02 to CEDAW temporary special measures and removes it again, keyboard only, in Kyrgyz', async () => {
    const [recommendation] = await t.sql<{ id: string }>(`SELECT id FROM recommendation WHERE code = 'SOK-2024-02'`);
    const context = await newVisitor(browser, baseURL, { locale: 'ky-KG' });
    const page = await context.newPage();
    await page.goto('/sign-in?lang=ky');
    await signInWithKeyboard(page, editorEmail);
    await page.goto(`/work/recommendations/${recommendation.id}`);
    await tabTo(page, `a[href="/work/recommendations/${recommendation.id}/frameworks"]`, 200);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/frameworks$/);
    expect(await page.textContent('h1')).toBe('Эл аралык милдеттенмелер: SOK-2024-02');
    expect(await axeViolations(page)).toEqual([]);

    // The reference lists' order puts CEDAW first: the first item offered is CO5-TSM.
    await tabTo(page, '#frameworkItemId');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0].textContent)).toMatch(/^КЛДЖ CO5-TSM — /);
    await tabTo(page, 'form:not([action$="/remove"]) button[type=submit]:not(.govuk-button--secondary)');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('table[data-list="mapped-framework-items"] tr[data-framework-item="CEDAW CO5-TSM"]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'framework-mapping-ky.png');

    await tabTo(page, 'tr[data-framework-item="CEDAW CO5-TSM"] button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('tr[data-framework-item="CEDAW CO5-TSM"]').count()).toBe(0);
    await context.close();
  });
});
