import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/role.enum';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { createTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/web-session';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor, signIn, signInWithKeyboard, tabTo } from './harness';

const MINISTRY = 'Ministry of Labor, Social Security and Migration of the Kyrgyz Republic';
/** Where to keep screenshots for a person to look at (never committed). */
const SCREENSHOTS = process.env.REVIEW_SCREENSHOTS ?? '/tmp/value-review-screenshots';

/**
 * Issue 23 in a browser, in Russian, from the keyboard alone: a ministry officer corrects an
 * approved value, an editor returns the correction with a reason, the officer sees the reason and
 * corrects again, the editor approves; the public sees only approved values, staff every version.
 */
describeInBrowser('value review in a browser (Russian, keyboard only)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let officer: { email: string };
  let editor: { email: string };
  let indicatorId: string;

  const versions = () =>
    t.sql<{ id: string; number: number; value: number; review_status: string; return_reason: string | null }>(
      `SELECT w.id, w.number, w.value, w.review_status, w.return_reason FROM indicator_value_version w JOIN indicator_value v ON v.id = w.indicator_value_id
        WHERE v.indicator_id = $1 AND v.period = '2025-Q3' ORDER BY w.number`,
      [indicatorId],
    );
  const expectAxeClean = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
    const [org] = await t.sql<{ id: string }>("SELECT id FROM organization WHERE name->>'en' = $1", [MINISTRY]);
    officer = await createUser(t, { email: 'aida@mlsp.gov.kg', role: Role.MINISTRY, organizationId: org.id, displayName: 'Айда Бекова', language: 'ru' });
    editor = await createUser(t, { email: 'bakyt@secretariat.kg', role: Role.EDITOR, displayName: 'Бакыт Секретариат', language: 'ru' });
    [{ id: indicatorId }] = await t.sql<{ id: string }>(`SELECT id FROM indicator WHERE code = 'WL-2'`);
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('submit, return with a reason, correct, approve: the public sees the approved value only, staff see all three versions', async () => {
    // 1. The officer corrects the sample's approved value for 2025-Q3 (520).
    const officerContext = await newVisitor(browser, baseURL, { locale: 'ru-RU' });
    const o = await officerContext.newPage();
    await o.goto('/sign-in?lang=ru');
    await signInWithKeyboard(o, officer.email);
    await o.goto(`/work/indicators/${indicatorId}`);
    await tabTo(o, '#year', 200);
    await o.keyboard.type('2025');
    await o.keyboard.press('Tab'); // the radios: "the whole year"
    for (let i = 0; i < 3; i++) await o.keyboard.press('ArrowDown'); // Q3
    await tabTo(o, '#value');
    await o.keyboard.type('537');
    await tabTo(o, '#correctionReason');
    await o.keyboard.type('Учтены данные ещё двух айыл окмоту');
    await tabTo(o, 'form[action$="/values"] button[type=submit]');
    await o.keyboard.press('Enter');
    await o.waitForURL(/done=2025-Q3/);
    expect((await versions()).map((v) => [v.number, v.value, v.review_status])).toEqual([
      [1, 520, 'APPROVED'],
      [2, 537, 'SUBMITTED'],
    ]);

    // 2. The editor finds it from the navigation's count and returns it with a reason.
    const editorContext = await newVisitor(browser, baseURL, { locale: 'ru-RU' });
    const e = await editorContext.newPage();
    await e.goto('/sign-in?lang=ru');
    await signInWithKeyboard(e, editor.email);
    await tabTo(e, 'a[href="/work/review"]');
    expect(await e.evaluate(() => document.activeElement?.textContent)).toContain('Проверка (1)');
    await e.keyboard.press('Enter');
    await e.waitForURL(/\/work\/review$/);
    expect(await e.getAttribute('html', 'lang')).toBe('ru');
    expect(await e.textContent('h1')).toBe('Значения, ожидающие проверки');
    await expectAxeClean(e);
    const [, v2] = await versions();
    await tabTo(e, `#reason-${v2.id}`);
    await e.keyboard.type('Не приложен отчёт района');
    await tabTo(e, `form[action="/work/review/${v2.id}/return"] button`);
    await e.keyboard.press('Enter');
    await e.waitForURL(/returned=/);
    expect(await e.textContent('.govuk-notification-banner')).toContain('Возвращено автору (Айда Бекова)');
    await expectAxeClean(e);
    expect((await versions())[1]).toMatchObject({ review_status: 'RETURNED', return_reason: 'Не приложен отчёт района' });

    // 3. The officer sees the reason in My work, follows "Correct" and corrects it.
    await o.goto('/work');
    expect(await o.textContent('table[data-list="returned"]')).toContain('Не приложен отчёт района');
    await expectAxeClean(o);
    await tabTo(o, 'a[href*="correct=2025-Q3"]');
    await o.keyboard.press('Enter');
    await o.waitForURL(/correct=2025-Q3/);
    expect(await o.textContent('[data-returned-period="2025-Q3"]')).toContain('Не приложен отчёт района');
    await expectAxeClean(o);
    expect(await o.inputValue('#year')).toBe('2025');
    expect(await o.isChecked('input[name=quarter][value="3"]')).toBe(true);
    await tabTo(o, '#value', 200);
    await o.keyboard.type('541');
    await tabTo(o, '#correctionReason');
    await o.keyboard.type('Приложен отчёт района');
    await tabTo(o, 'form[action$="/values"] button[type=submit]');
    await o.keyboard.press('Enter');
    await o.waitForURL(/done=2025-Q3/);
    expect(await o.locator('[data-returned-period]').count()).toBe(0);

    // 4. The editor approves the new version.
    await e.goto('/work');
    await tabTo(e, 'a[href="/work/review"]');
    await e.keyboard.press('Enter');
    await e.waitForURL(/\/work\/review$/);
    const [, , v3] = await versions();
    await tabTo(e, `form[action="/work/review/${v3.id}/approve"] button`);
    await e.keyboard.press('Enter');
    await e.waitForURL(/approved=/);
    expect(await e.textContent('.govuk-notification-banner')).toContain('Утверждено: WL-2');
    expect(await e.textContent('#review-list')).toContain('Проверки ничего не ждёт.');
    await expectAxeClean(e);

    // 5. The public page shows the approved value, never the returned one.
    const visitor = await newVisitor(browser, baseURL, { locale: 'ru-RU' });
    const p = await visitor.newPage();
    await p.goto('/indicators/WL-2?lang=ru');
    const publicText = (await p.textContent('main')) ?? '';
    expect(publicText).toContain('541');
    expect(publicText).not.toContain('537');
    expect(publicText).not.toContain('Не приложен отчёт района');

    // 6. Staff see all three versions of the period, newest first.
    await o.goto(`/work/indicators/${indicatorId}`);
    const rows = o.locator('[data-period="2025-Q3"] tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-version'), tr.getAttribute('data-review-status')]))).toEqual([
      ['3', 'APPROVED'],
      ['2', 'RETURNED'],
      ['1', 'APPROVED'],
    ]);
    expect(await o.textContent('[data-period="2025-Q3"]')).toContain('Возвращено: Не приложен отчёт района');
    // The period's history opens from the keyboard.
    await tabTo(o, '[data-period="2025-Q3"] summary', 200);
    await o.keyboard.press('Enter');
    expect(await o.getAttribute('[data-period="2025-Q3"]', 'open')).not.toBeNull();
    await expectAxeClean(o);
    await Promise.all([officerContext.close(), editorContext.close(), visitor.close()]);
  });

  it('the review page reflows at 360 px, with and without an error, axe-clean (screenshots for a person to look at)', async () => {
    // Something waiting: a value the officer submits.
    const context = await newVisitor(browser, baseURL, { locale: 'ru-RU', width: 360 });
    const page = await context.newPage();
    await signIn(page, officer.email, '/sign-in?lang=ru');
    await page.goto(`/work/indicators/${indicatorId}`);
    await page.fill('#year', '2026');
    await page.check('input[name=quarter][value="2"]');
    await page.fill('#value', '610');
    await page.click('form[action$="/values"] button[type=submit]');
    await page.waitForURL(/done=2026-Q2/);
    await context.clearCookies();
    await signIn(page, editor.email, '/sign-in?lang=ru');
    await page.goto('/work/review');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAxeClean(page);
    await page.screenshot({ path: `${SCREENSHOTS}/review-ru-360.png`, fullPage: true });
    // Return without a reason: the error summary and the inline error.
    await page.click('form[action$="/return"] button');
    expect(await page.textContent('.govuk-error-summary')).toContain('Укажите причину возврата');
    expect(await page.getAttribute('.govuk-error-summary a', 'href')).toMatch(/^#reason-/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAxeClean(page);
    await page.screenshot({ path: `${SCREENSHOTS}/review-ru-360-error.png`, fullPage: true });
    await page.goto(`/work/indicators/${indicatorId}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SCREENSHOTS}/indicator-history-ru-360.png`, fullPage: true });
    await page.locator('#history').screenshot({ path: `${SCREENSHOTS}/history-ru-360.png` });
    await signIn(page, officer.email, '/sign-in?lang=ru');
    await page.locator('main').screenshot({ path: `${SCREENSHOTS}/work-ru-360.png` });
    await context.close();
  });
});
