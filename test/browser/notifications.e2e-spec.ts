import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/role.enum';
import { NotificationKind } from '../../src/notifications/notification-event';
import { NotificationsService } from '../../src/notifications/notifications.service';
import { I18nService } from '../../src/i18n/i18n.service';
import { MailLinks } from '../../src/notifications/mail-links';
import { composeNotificationMail } from '../../src/notifications/notification-mail';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { createTestApp, TestApp } from '../support/test-app';
import { createUser } from '../support/web-session';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor, signIn } from './harness';

const MINISTRY = 'Ministry of Labor, Social Security and Migration of the Kyrgyz Republic';
/** `WRITE_SCREENSHOTS=docs/screenshots npx jest test/browser/notifications.e2e-spec.ts` refreshes the pictures docs/jobs.md shows. */
const SCREENSHOTS = process.env.WRITE_SCREENSHOTS ?? null;
const screenshot = (page: Page, name: string, fullPage = true) => (SCREENSHOTS ? page.screenshot({ path: join(SCREENSHOTS, name), fullPage }) : Promise.resolve());

/** Issue 25's pages in a browser without JavaScript, at 360 px, in Russian: the notifications list and the unsubscribe page. */
describeInBrowser('notifications in a browser (Russian, 360 px, no JavaScript)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let officer: { id: string; email: string };

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
    const [org] = await t.sql<{ id: string }>("SELECT id FROM organization WHERE name->>'en' = $1", [MINISTRY]);
    officer = await createUser(t, { email: 'aida@mlsp.gov.kg', role: Role.MINISTRY, organizationId: org.id, displayName: 'Айда Бекова', language: 'ru' });
    const [value] = await t.sql<{ id: string }>(
      `SELECT v.id FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id WHERE i.responsible_organization_id = $1 ORDER BY i.code, v.period DESC LIMIT 1`,
      [org.id],
    );
    const [rec] = await t.sql<{ id: string }>(
      `SELECT r.id FROM recommendation r JOIN recommendation_organization o ON o.recommendation_id = r.id WHERE o.organization_id = $1 ORDER BY r.code LIMIT 1`,
      [org.id],
    );
    const notifications = t.app.get(NotificationsService);
    for (const [kind, subjectType, subjectId, payload] of [
      [NotificationKind.VALUE_RETURNED, 'IndicatorValue', value.id, { versionNumber: 2, reason: 'Уточните источник данных' }],
      [NotificationKind.VALUE_APPROVED, 'IndicatorValue', value.id, { versionNumber: 1 }],
      [NotificationKind.RECOMMENDATION_TRANSITIONED, 'Recommendation', rec.id, { from: 'ACCEPTED', to: 'IN_PROGRESS' }],
    ] as const) {
      await notifications.deliver({ kind, subjectType, subjectId, occurrence: `${kind}:browser`, audience: { kind: 'USERS', userIds: [officer.id] }, actorUserId: null, payload });
    }
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the notifications with the unread count in the header, passes axe, and marks them read by forms alone', async () => {
    // axe-core runs as a script: its own profile, with JavaScript.
    const checker = await newVisitor(browser, baseURL, { locale: 'ru-RU', width: 360 });
    const checked = await checker.newPage();
    await signIn(checked, officer.email, '/sign-in?lang=ru');
    await checked.goto('/work/notifications');
    expect(await axeViolations(checked)).toEqual([]);
    await screenshot(checked, 'notifications-ru-360.png');
    await checker.close();

    const context = await newVisitor(browser, baseURL, { locale: 'ru-RU', width: 360, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, officer.email, '/sign-in?lang=ru');
    await page.goto('/work/notifications');
    expect(await page.textContent('.govuk-service-navigation')).toContain('Уведомления (3)');
    expect(await page.textContent('main')).toContain('ваше значение возвращено: Уточните источник данных');

    await page.click('form[action$="/read"] button >> nth=0');
    await page.waitForURL(/read=1$/);
    expect(await page.textContent('.govuk-service-navigation')).toContain('Уведомления (2)');
    await page.click('form[action="/work/notifications/read"] button');
    await page.waitForURL(/read=1$/);
    expect(await page.textContent('.govuk-service-navigation')).toContain('Уведомления (0)');
    await context.close();
  });

  it('the unsubscribe page turns a kind of mail off from a button, without signing in, and passes axe', async () => {
    const token = await t.app.get(MailLinks).unsubscribeToken({ userId: officer.id, kind: NotificationKind.VALUE_APPROVED });
    const context = await newVisitor(browser, baseURL, { locale: 'ru-RU', width: 360 });
    const page = await context.newPage();
    await page.goto(`/notifications/unsubscribe/${token}`);
    expect(await page.textContent('main')).toContain('утверждённые ваши значения');
    expect(await axeViolations(page)).toEqual([]);
    await page.click('main form button');
    expect(await page.textContent('main')).toContain('Готово');
    expect(await axeViolations(page)).toEqual([]);
    expect(await t.sql(`SELECT delivery FROM notification_preference WHERE user_id = $1`, [officer.id])).toEqual([{ delivery: 'OFF' }]);
    await context.close();
  });

  it('renders a notification mail that passes axe (the HTML part, in Russian)', async () => {
    const [row] = await t.sql<{ kind: string; payload: Record<string, unknown> }>(
      `SELECT kind, payload FROM notification WHERE recipient_id = $1 AND kind = 'VALUE_RETURNED'`,
      [officer.id],
    );
    const mail = composeNotificationMail(t.app.get(I18nService).translator('ru'), row, {
      open: 'https://tracker.example.kg/work/indicators/1?lang=ru',
      unsubscribe: 'https://tracker.example.kg/notifications/unsubscribe/token',
      settings: 'https://tracker.example.kg/account#mail',
    });
    const context = await newVisitor(browser, baseURL, { locale: 'ru-RU', width: 600 });
    const page = await context.newPage();
    await page.setContent(mail.html);
    expect(await page.textContent('body')).toContain('ваше значение возвращено: Уточните источник данных');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'notification-mail-ru.png', false);
    await context.close();
  });
});
