import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/auth/role.enum';
import { JobWorker } from '../../src/jobs/job-worker';
import { createMeeting, createOrganization, createRecommendation } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createUser, PASSWORD } from '../support/web-session';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor, tabTo } from './harness';

/**
 * Issue 26's webhook pages in a browser, in Kyrgyz, from the keyboard: an NGO user registers an
 * endpoint, sees its secret once, sees a delivery in its log and sends it again. Axe-clean.
 */
describeInBrowser('webhook pages in a browser (Kyrgyz, keyboard only)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let receiver: Server;
  let received = 0;
  let ngo: string;
  let user: { email: string };

  const expectAxeClean = async (page: Page) => expect(await axeViolations(page)).toEqual([]);

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received++;
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({ JOBS_POLL_INTERVAL_MS: '200', WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'true' });
    await t.app.get(JobWorker).start();
    ngo = (await createOrganization(t, { kind: 'NGO', name: 'Сокулук аялдар мониторинги' })).id;
    user = await createUser(t, { email: 'hooks@ngo.kg', role: Role.NGO, organizationId: ngo, displayName: 'Айгүл Монитор', language: 'ky' });
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    receiver?.close();
  });

  it('registers an endpoint, shows the secret once, lists its deliveries and sends one again', async () => {
    const context = await newVisitor(browser, baseURL, { locale: 'ky-KG' });
    const page = await context.newPage();
    await page.goto('/sign-in?lang=ky');
    await tabTo(page, '#email');
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/work\/assessments$/);

    await page.goto('/work/webhooks');
    expect(await page.textContent('h1')).toBe('Вебхуктар');
    await expectAxeClean(page);
    await tabTo(page, '#url');
    await page.keyboard.type(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);
    await tabTo(page, '#eventTypes');
    await page.keyboard.press('Space');
    await tabTo(page, 'form[action="/work/webhooks"] button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#secret');
    expect(await page.inputValue('#secret')).toMatch(/^\s*whsec_/);
    await expectAxeClean(page);

    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id, responsibleOrganizationIds: [ngo] });
    await t.gqlOk('mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { id } }', { id: recommendation.id });
    const end = Date.now() + 15_000;
    while (received < 1 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const [{ id }] = await t.sql<{ id: string }>('SELECT id FROM webhook_endpoint WHERE organization_id = $1', [ngo]);
    await page.goto(`/work/webhooks/${id}`);
    expect(await page.textContent('main')).toContain('Жеткирилди');
    await expectAxeClean(page);
    await tabTo(page, 'form[action*="/redeliver"] button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=redelivered/);
    expect(await page.textContent('.govuk-notification-banner')).toContain('кайра жөнөтүлөт');
    await expectAxeClean(page);
    while (received < 2 && Date.now() < end + 15_000) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toBe(2);
    await context.close();
  });
});
