import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/role.enum';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { createTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/web-session';
import { axeViolations, describeInBrowser, isAt, launchBrowser, listen, newVisitor, signedInCookie, signIn, signInWithKeyboard, tabTo } from './harness';

const MINISTRY = 'Ministry of Labor, Social Security and Migration of the Kyrgyz Republic';

describeInBrowser('staff pages in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let officer: { email: string };
  let editor: { email: string };
  let admin: { email: string };
  let ids: { recommendation: string; indicator: string; planCode: string };

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
    const [org] = await t.sql<{ id: string }>("SELECT id FROM organization WHERE name->>'en' = $1", [MINISTRY]);
    officer = await createUser(t, { email: 'aida@mlsp.gov.kg', role: Role.MINISTRY, organizationId: org.id, displayName: 'Айда Бекова', language: 'ru' });
    editor = await createUser(t, { email: 'editor@secretariat.kg', role: Role.EDITOR, displayName: 'Бакыт Секретариат', language: 'ru' });
    admin = await createUser(t, { email: 'admin@tracker.kg', role: Role.ADMIN, displayName: 'Админ', language: 'ru' });
    const [rec] = await t.sql<{ id: string }>(`SELECT id FROM recommendation WHERE code = 'SOK-2024-03'`);
    const [ind] = await t.sql<{ id: string; code: string }>(`SELECT i.id, p.code FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id WHERE i.code = 'WL-2'`);
    ids = { recommendation: rec.id, indicator: ind.id, planCode: ind.code };
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('has no WCAG 2.1 AA violations on any staff page, in each language and in high contrast', async () => {
    const pages: [string, string, Record<string, string>][] = [
      ['admin', '/work', {}],
      ['admin', `/work/recommendations/${ids.recommendation}`, {}],
      ['admin', `/work/indicators/${ids.indicator}`, {}],
      ['admin', '/work/import', {}],
      ['admin', '/work/review', {}],
      ['admin', '/work/review?lang=ky', { display: 'large-text.contrast' }],
      ['admin', '/work/downloads', {}],
      ['admin', '/account', {}],
      ['admin', '/admin/users', {}],
      ['admin', '/admin/users/new', {}],
      ['admin', '/admin/tokens', {}],
      ['admin', '/admin/audit', {}],
      ['admin', '/work/new', {}],
      ['admin', '/work/new/recommendation', {}],
      ['admin', '/work/new/indicator?lang=en', {}],
      ['admin', `/work/indicators/${ids.indicator}?lang=ky`, {}],
      ['admin', `/work/recommendations/${ids.recommendation}?lang=en`, { display: 'contrast' }],
      ['admin', '/work?lang=ky', { display: 'large-text.contrast' }],
      ['none', '/sign-in', {}],
      ['none', '/sign-in?lang=ky', { display: 'contrast' }],
    ];
    const found: Record<string, unknown[]> = {};
    const adminSession = await signedInCookie(browser, baseURL, admin.email);
    for (const [who, path, cookies] of pages) {
      const context = await newVisitor(browser, baseURL, { cookies: who === 'admin' ? { ...adminSession, ...cookies } : cookies });
      const page = await context.newPage();
      const response = await page.goto(path);
      if (response?.status() !== 200) found[`${path} status`] = [response?.status()];
      // Signed in by the cookie: the page itself, not the sign-in form.
      if (!isAt(page, path)) found[`${path} landed on`] = [page.url()];
      const violations = await axeViolations(page);
      if (violations.length) found[`${path} ${JSON.stringify(cookies)}`] = violations;
      await context.close();
    }
    expect(found).toEqual({});
  });

  it('shows reporting completeness (and a quarterly indicator with its milestones) without violations, at 360 px without sideways scrolling, its year chosen with the keyboard', async () => {
    const context = await newVisitor(browser, baseURL, { width: 360, cookies: { lang: 'ky', display: 'large-text' } });
    const page = await context.newPage();
    await signIn(page, admin.email);
    await page.goto('/work/completeness?year=2026');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBe(0);
    // The tables scroll in focusable, named regions.
    const regions = await page.$$eval('.app-table-wrapper', (els) => els.map((e) => [e.getAttribute('role'), e.getAttribute('tabindex'), Boolean(e.getAttribute('aria-label'))]));
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions) expect(region).toEqual(['region', '0', true]);
    await page.focus('#year');
    await page.selectOption('#year', '2025');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/year=2025/);
    expect(await page.textContent('h1')).toBe('Отчеттуулуктун толуктугу');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
    // In Russian and high contrast, at full width.
    const contrast = await newVisitor(browser, baseURL, { cookies: { lang: 'ru', display: 'contrast' } });
    const wide = await contrast.newPage();
    await signIn(wide, admin.email);
    await wide.goto('/work/completeness?year=2025');
    expect(await wide.textContent('h1')).toBe('Полнота отчётности');
    expect(await axeViolations(wide)).toEqual([]);
    // The quarterly indicator's page: measure, frequency, milestones and the milestone form.
    await wide.goto(`/work/indicators/${ids.indicator}?lang=en`);
    expect(await wide.textContent('#milestone-title')).toContain('Set a quarterly milestone');
    expect(await axeViolations(wide)).toEqual([]);
    await contrast.close();
  });

  it('shows forms with errors (error summary, inline errors) without violations', async () => {
    const context = await newVisitor(browser, baseURL);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.fill('#email', 'nobody@example.kg');
    await page.fill('#password', 'wrong password');
    await page.click('form[action="/sign-in"] button');
    expect(await page.textContent('.govuk-error-summary')).toContain('Неверный адрес');
    expect(await axeViolations(page)).toEqual([]);
    await signIn(page, admin.email);
    await page.goto(`/work/indicators/${ids.indicator}`);
    await page.fill('#year', '20x5');
    await page.fill('#value', 'many');
    await page.click('form[action$="/values"] button');
    expect(await page.locator('.govuk-error-summary a').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    // The summary's links move to the fields.
    await page.click('.govuk-error-summary a[href="#year"]');
    expect(new URL(page.url()).hash).toBe('#year');
    await context.close();
  });

  it('the officer signs in, records a quarterly value and moves a recommendation with the keyboard alone, in Kyrgyz', async () => {
    const context = await newVisitor(browser, baseURL, { locale: 'ky-KG' });
    const page = await context.newPage();
    await page.goto('/sign-in?lang=ky');
    expect(await page.getAttribute('html', 'lang')).toBe('ky');
    await signInWithKeyboard(page, officer.email);
    expect(await page.textContent('h1')).toBe('Менин иштерим');

    await tabTo(page, `a[href="/work/indicators/${ids.indicator}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/work\/indicators\//);
    await tabTo(page, '#year');
    await page.keyboard.type('2026');
    await page.keyboard.press('Tab'); // into the radios: "the whole year"
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // Q3
    await tabTo(page, '#value');
    await page.keyboard.type('431,5');
    await tabTo(page, 'form[action$="/values"] button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=2026-Q3/);
    expect(await page.textContent('.govuk-notification-banner')).toContain('2026-Q3');
    // Submitted as the period's first version, waiting for review.
    const [value] = await t.sql<{ value: number; recorded_by: string; review_status: string }>(
      `SELECT w.value, v.recorded_by, w.review_status FROM indicator_value v JOIN indicator_value_version w ON w.indicator_value_id = v.id
        WHERE v.indicator_id = $1 AND v.period = '2026-Q3'`,
      [ids.indicator],
    );
    expect(value).toEqual({ value: 431.5, recorded_by: 'Айда Бекова', review_status: 'SUBMITTED' });

    await tabTo(page, 'a.govuk-back-link');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/work$/);
    await tabTo(page, `a[href="/work/recommendations/${ids.recommendation}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/work\/recommendations\//);
    const [before] = await t.sql<{ status: string }>('SELECT status FROM recommendation WHERE id = $1', [ids.recommendation]);
    await tabTo(page, 'input[name=to]');
    await page.keyboard.press('Space');
    const chosen = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
    await tabTo(page, '#note-ky');
    await page.keyboard.type('Иш тобу карады');
    await tabTo(page, '#evidenceUrl');
    await page.keyboard.type('https://mlsp.gov.kg/minutes/2026-11');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=moved/);
    const [after] = await t.sql<{ status: string }>('SELECT status FROM recommendation WHERE id = $1', [ids.recommendation]);
    expect(after.status).toBe(chosen);
    expect(after.status).not.toBe(before.status);
    const history = await t.gqlOk<{ recommendation: { statusHistory: { changedBy: string; evidenceUrl: string }[] } }>(
      'query ($id: ID!) { recommendation(id: $id) { statusHistory { changedBy evidenceUrl } } }',
      { id: ids.recommendation },
    );
    expect(history.recommendation.statusHistory.at(-1)).toEqual({ changedBy: 'Айда Бекова', evidenceUrl: 'https://mlsp.gov.kg/minutes/2026-11' });

    // Sign out, from the keyboard too.
    await tabTo(page, 'form[action="/sign-out"] button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sign-in\?done=signedOut/);
    await page.goto('/work');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('a conflicting change by a second session: the page says who, and the retry works', async () => {
    const first = await newVisitor(browser, baseURL);
    const second = await newVisitor(browser, baseURL);
    const a = await first.newPage();
    const b = await second.newPage();
    await signIn(a, editor.email);
    await signIn(b, officer.email);
    await a.goto(`/work/recommendations/${ids.recommendation}`);
    await b.goto(`/work/recommendations/${ids.recommendation}`);
    await a.check('input[name=to] >> nth=0');
    await a.click('form[action$="/transition"] button');
    await a.waitForURL(/done=moved/);
    await b.check('input[name=to] >> nth=0');
    await b.fill('#note-ru', 'Мой комментарий');
    await b.click('form[action$="/transition"] button');
    const banner = b.locator('[data-conflict=true]');
    expect(await banner.textContent()).toContain('Бакыт Секретариат');
    expect(await b.inputValue('#note-ru')).toBe('Мой комментарий');
    expect(await axeViolations(b)).toEqual([]);
    await b.check('input[name=to] >> nth=0');
    await b.click('form[action$="/transition"] button');
    await b.waitForURL(/done=moved/);
    await first.close();
    await second.close();
  });

  it('an import with an error, then a good one, confirmed', async () => {
    const context = await newVisitor(browser, baseURL);
    const page = await context.newPage();
    await signIn(page, officer.email);
    await page.goto('/work/import');
    const header = 'action_plan,indicator_code,period,value,source,note\n';
    await page.setInputFiles('#file', { name: 'values.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}${ids.planCode},WL-2,2026-Q9,10,,\n`) });
    await page.click('form[enctype] button');
    expect(await page.locator('table.govuk-table tbody tr').count()).toBe(1);
    expect(await page.textContent('table.govuk-table tbody')).toContain('2025-Q3');
    expect(await axeViolations(page)).toEqual([]);
    await page.setInputFiles('#file', { name: 'values.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}${ids.planCode},WL-2,2026-Q2,420,Отчёт,\n`) });
    await page.click('form[enctype] button');
    await page.click('form[action$="/confirm"] button');
    await page.waitForURL(/done=1/);
    expect(await page.textContent('.govuk-notification-banner')).toContain('Внесено 1 значение');
    await context.close();
  });

  it('switches language on a staff page and stays on it', async () => {
    const context = await newVisitor(browser, baseURL);
    const page = await context.newPage();
    await signIn(page, officer.email);
    await page.getByRole('link', { name: 'Кыргызча' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('ky');
    expect(new URL(page.url()).pathname).toBe('/work');
    expect(await page.textContent('h1')).toBe('Менин иштерим');
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.textContent('h1')).toBe('My work');
    await context.close();
  });
});
