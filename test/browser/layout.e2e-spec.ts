import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { createTestApp, TestApp } from '../support/test-app';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor } from './harness';

describeInBrowser('layout in a browser: accessibility, languages, display settings, keyboard', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    ['ky', {}],
    ['ru', {}],
    ['en', {}],
    ['ru', { display: 'contrast' }],
    ['en', { display: 'large-text.contrast' }],
  ])('the home page in %s %j has no WCAG 2.1 AA violations', async (lang, cookies) => {
    const context = await newVisitor(browser, baseURL, { cookies });
    try {
      const page = await context.newPage();
      await page.goto(`/?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      // The stylesheet loaded (GOV.UK's skip link is visually hidden until focused).
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('.govuk-skip-link')!).position)).toBe('absolute');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('switches language and display without JavaScript, and keeps the choices', async () => {
    const context = await newVisitor(browser, baseURL, { javaScriptEnabled: false, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.goto('/');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.getByRole('link', { name: 'Кыргызча' }).click();
      expect(await page.getAttribute('html', 'lang')).toBe('ky');
      await page.getByRole('link', { name: 'Жогорку контраст' }).click();
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getAttribute('html', 'class')).toContain('app-contrast');
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(0, 0, 0)');
      await page.getByRole('link', { name: 'Ири шрифт' }).click();
      expect(await page.getAttribute('html', 'class')).toBe('govuk-template app-large-text app-contrast');
      // The language stays chosen on the next page without ?lang=.
      await page.goto('/');
      expect(await page.getAttribute('html', 'lang')).toBe('ky');
    } finally {
      await context.close();
    }
  });

  it('is usable from the keyboard: the first Tab reaches the skip link, which moves to the content', async () => {
    const context = await newVisitor(browser, baseURL, { locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
      await page.keyboard.press('Enter');
      expect(new URL(page.url()).hash).toBe('#main-content');
      // From the top: skip link, the other languages, the display settings, the service navigation.
      await page.goto('/');
      const order: string[] = [];
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        order.push(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim() ?? ''));
      }
      expect(order).toEqual([
        'Skip to main content',
        'Кыргызча',
        'Русский',
        'Larger text',
        'High contrast',
        'Roundtable recommendations tracker',
        'Overview',
        'Recommendations',
      ]);
    } finally {
      await context.close();
    }
  });
});
