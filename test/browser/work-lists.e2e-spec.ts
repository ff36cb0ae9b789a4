import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { addDays } from '../../src/action-plan/progress-cut';
import { Role } from '../../src/auth/role.enum';
import { Clock } from '../../src/common/clock';
import { I18nService } from '../../src/i18n/i18n.service';
import { composeNotificationMail } from '../../src/notifications/notification-mail';
import { RemindersService } from '../../src/reminders/reminders.service';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { createTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/web-session';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor, signIn } from './harness';

/** `WRITE_SCREENSHOTS=docs/screenshots npx jest test/browser/work-lists.e2e-spec.ts` refreshes the pictures docs/jobs.md shows. */
const SCREENSHOTS = process.env.WRITE_SCREENSHOTS ?? null;
const screenshot = (page: Page, name: string, fullPage = true) => (SCREENSHOTS ? page.screenshot({ path: join(SCREENSHOTS, name), fullPage }) : Promise.resolve());

/**
 * Issue 25: /work of WL-1's responsible officer a week past the 2026-Q1 reporting deadline, in
 * Russian at 360 px without JavaScript: the deadlines ahead, the late ones, what waits for her,
 * the reminder in the header's count; and the reminder's mail as a mail client shows it.
 */
describeInBrowser('/work lists in a browser (Russian, 360 px)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let officer: { id: string; email: string };
  let wl1: string;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://tracker.example.kg' });
    await seedSokulukRoundtable(t.app.get(DataSource));
    const [indicator] = await t.sql<{ id: string; organization_id: string; lag: number }>(
      `SELECT i.id, i.responsible_organization_id AS organization_id, p.reporting_lag_days AS lag FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id WHERE i.code = 'WL-1'`,
    );
    wl1 = indicator.id;
    officer = await createUser(t, { email: 'aigul@sokuluk.kg', role: Role.MINISTRY, organizationId: indicator.organization_id, displayName: 'Айгуль Асанова', language: 'ru' });
    await t.gqlOk(`mutation ($id: ID!, $u: ID!) { updateIndicator(id: $id, input: { reportingFrequency: QUARTERLY, responsibleUserId: $u }) { id } }`, { id: wl1, u: officer.id });
    const today = addDays(addDays('2026-03-31', indicator.lag), 7);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${today}T06:00:00Z`));
    await t.app.get(RemindersService).sweep();
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await browser?.close();
    await t?.close();
  });

  it('shows what is due, late and waiting, with the reminders counted in the header, and passes axe', async () => {
    const checker = await newVisitor(browser, baseURL, { locale: 'ru-RU', width: 360 });
    const checked = await checker.newPage();
    await signIn(checked, officer.email, '/sign-in?lang=ru');
    await checked.goto('/work');
    expect(await axeViolations(checked)).toEqual([]);
    await checker.close();

    const context = await newVisitor(browser, baseURL, { locale: 'ru-RU', width: 360, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, officer.email, '/sign-in?lang=ru');
    await page.goto('/work');
    expect(await page.textContent('.govuk-service-navigation')).toMatch(/Уведомления \([1-9]\d*\)/);
    expect(await page.textContent('#work-upcoming')).toBe('Сроки в ближайшие 30 дней');
    expect(await page.locator('table[data-list="late"] tr[data-deadline="WL-1/2026-Q1"]').count()).toBe(1);
    // Nothing scrolls sideways at 360 px but the tables' own regions.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'work-ru-360.png');
    await context.close();
  });

  it('the pages that name the people responsible pass axe (Russian, 360 px)', async () => {
    const admin = await createUser(t, { email: 'admin@secretariat.kg', role: Role.ADMIN, language: 'ru' });
    const [indicator] = await t.sql<{ organization_id: string }>(`SELECT responsible_organization_id AS organization_id FROM indicator WHERE id = $1`, [wl1]);
    const [rec] = await t.sql<{ id: string }>(
      `SELECT r.id FROM recommendation r JOIN recommendation_organization o ON o.recommendation_id = r.id WHERE o.organization_id = $1 ORDER BY r.code LIMIT 1`,
      [indicator.organization_id],
    );
    const context = await newVisitor(browser, baseURL, { locale: 'ru-RU', width: 360 });
    const page = await context.newPage();
    await signIn(page, admin.email, '/sign-in?lang=ru');
    const found: Record<string, unknown> = {};
    for (const path of ['/admin/organizations', `/admin/organizations/${indicator.organization_id}`, `/work/recommendations/${rec.id}/officer`, `/work/indicators/${wl1}/edit`, `/work/indicators/${wl1}`]) {
      const response = await page.goto(path);
      if (response?.status() !== 200) found[`${path} status`] = response?.status();
      const violations = await axeViolations(page);
      if (violations.length) found[path] = violations;
    }
    expect(found).toEqual({});
    await context.close();
  });

  it("renders the officer's reminder mail (HTML, in Russian) that passes axe", async () => {
    const [row] = await t.sql<{ kind: string; subjectType: string; payload: Record<string, unknown> }>(
      `SELECT kind, subject_type AS "subjectType", payload FROM notification WHERE recipient_id = $1 AND kind = 'REMINDER_LATE' AND payload->>'period' = '2026-Q1'`,
      [officer.id],
    );
    expect(row).toBeDefined();
    const mail = composeNotificationMail(t.app.get(I18nService).translator('ru'), row, {
      open: `https://tracker.example.kg/work/indicators/${wl1}?lang=ru`,
      unsubscribe: 'https://tracker.example.kg/notifications/unsubscribe/token',
      settings: 'https://tracker.example.kg/account#mail',
    });
    const context = await newVisitor(browser, baseURL, { locale: 'ru-RU', width: 600 });
    const page = await context.newPage();
    await page.setContent(mail.html);
    expect(await page.textContent('body')).toContain('значение не представлено');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'reminder-mail-ru.png', false);
    await context.close();
  });
});
