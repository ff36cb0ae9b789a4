import type { Browser, Page } from 'playwright-core';
import { JobWorker } from '../../src/jobs/job-worker';
import { createMeeting, createRecommendation } from '../support/factories';
import { startSmtp } from '../support/smtp-server';
import { createTestApp, TestApp } from '../support/test-app';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor, tabTo } from './harness';

async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Issue 26's "Follow by e-mail" in a browser, in Kyrgyz, from the keyboard alone: the form on a
 * recommendation's page, a bad address shown back with its error summary, the neutral answer page
 * and the confirmation page's button; axe-clean at every step, and the same without JavaScript.
 */
describeInBrowser('following a recommendation by e-mail in a browser (Kyrgyz, keyboard only)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let browser: Browser;
  let baseURL: string;
  let code: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ JOBS_POLL_INTERVAL_MS: '200', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    code = (await createRecommendation(t, { meetingId: (await createMeeting(t)).id })).code;
    await t.app.get(JobWorker).start();
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  async function submitAddress(page: Page, address: string): Promise<void> {
    await tabTo(page, '#follow-email');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(address);
    await Promise.all([page.waitForURL(/\/follow/), page.keyboard.press('Enter')]);
  }

  it('follows from the keyboard, with an error summary for a bad address and a neutral answer, axe-clean', async () => {
    const context = await newVisitor(browser, baseURL, { locale: 'ky-KG', width: 360 });
    const page = await context.newPage();
    await page.goto(`/recommendations/${code}?lang=ky`);
    expect(await page.textContent('#follow-title')).toBe('Электрондук почта аркылуу көз салуу');
    expect(await axeViolations(page)).toEqual([]);

    await submitAddress(page, 'бул дарек эмес');
    expect(await page.textContent('h1')).toBe('Электрондук почта аркылуу көз салуу');
    expect(await page.textContent('.govuk-error-summary')).toContain('Электрондук почтанын дарегин туура форматта жазыңыз');
    expect(await page.getAttribute('#follow-email', 'aria-describedby')).toContain('follow-email-error');
    expect(await axeViolations(page)).toEqual([]);

    await submitAddress(page, 'okurman@example.kg');
    await page.waitForURL(/\/follow\/requested\?lang=ky$/);
    expect(await page.textContent('h1')).toBe('Электрондук почтаңызды текшериңиз');
    expect(await axeViolations(page)).toEqual([]);

    await until(() => smtp.mails.length === 1);
    const link = /(http:\/\/[^\s]+\/follow\/confirm\/[A-Za-z0-9._-]+\?lang=ky)/.exec(smtp.mails[0].text ?? '')![1];
    await page.goto(link.replace(/^http:\/\/[^/]+/, baseURL));
    expect(await page.textContent('h1')).toBe('Көз салууну ырастоо');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, 'main form button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-follow-link="done"]');
    expect(await page.textContent('[data-follow-link="done"]')).toContain(`${code} сунушу боюнча өзгөрүүлөр тууралуу сизге кат келет`);
    expect(await axeViolations(page)).toEqual([]);
    expect(await t.sql(`SELECT language FROM follow WHERE email = 'okurman@example.kg' AND confirmed_at IS NOT NULL`)).toEqual([{ language: 'ky' }]);
    await context.close();
  });

  it('works without JavaScript', async () => {
    const context = await newVisitor(browser, baseURL, { locale: 'ky-KG', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`/recommendations/${code}?lang=ky`);
    await submitAddress(page, 'jssiz@example.kg');
    await page.waitForURL(/\/follow\/requested\?lang=ky$/);
    expect(await page.textContent('h1')).toBe('Электрондук почтаңызды текшериңиз');
    await context.close();
  });
});
