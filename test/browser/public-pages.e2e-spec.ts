import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { bearer, createTestApp, TestApp } from '../support/test-app';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor } from './harness';

const PRIVATE_TOKEN_NAME = 'private-ministry-token-7f3a';

describeInBrowser('public pages in a browser: every page accessible, no JavaScript needed, nothing private', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  let pages: string[];
  let tokenSecret: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
    // A change made with a named token: the name must not reach the public pages.
    const { createApiToken } = await t.gqlOk(`mutation { createApiToken(input: { name: "${PRIVATE_TOKEN_NAME}", role: EDITOR }) { token } }`);
    tokenSecret = createApiToken.token;
    const [rec] = await t.sql<{ id: string }>(`SELECT id FROM recommendation WHERE code = 'SOK-2024-02'`);
    const [indicator] = await t.sql<{ id: string }>(`SELECT id FROM indicator WHERE code = 'WL-3'`);
    const as = { authorization: bearer(tokenSecret) };
    const moved = await t.gql(
      `mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW, note: "Taken up by the ministry" }) { id } }`,
      { id: rec.id },
      as,
    );
    expect(moved.errors).toBeUndefined();
    const recorded = await t.gql(
      `mutation ($id: ID!) { recordIndicatorValue(input: { indicatorId: $id, period: "2025", value: 7 }) { id } }`,
      { id: indicator.id },
      as,
    );
    expect(recorded.errors).toBeUndefined();
    const [meeting] = await t.sql<{ id: string }>(`SELECT id FROM meeting LIMIT 1`);
    const [org] = await t.sql<{ id: string }>(`SELECT id FROM organization WHERE kind = 'MINISTRY'`);
    pages = [
      '/',
      '/recommendations',
      '/recommendations?status=PROPOSED&overdue=true',
      '/recommendations/SOK-2024-02',
      '/meetings',
      `/meetings/${meeting.id}`,
      '/indicators/WL-1',
      `/organisations/${org.id}`,
    ];
    baseURL = await listen(t.app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const check = async (page: Page, path: string) => {
    const response = await page.goto(path);
    expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
    expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
  };

  it.each([
    ['ky', ''],
    ['ru', ''],
    ['en', ''],
    ['ky', 'contrast'],
    ['ru', 'large-text.contrast'],
    ['en', 'contrast'],
  ])('every page in %s (display "%s") has no WCAG 2.1 AA violations', async (lang, display) => {
    const context = await newVisitor(browser, baseURL, { cookies: { lang, ...(display ? { display } : {}) } });
    try {
      const page = await context.newPage();
      for (const path of pages) await check(page, path);
    } finally {
      await context.close();
    }
  });

  it('at 360 px the pages reflow without horizontal scrolling of the page', async () => {
    const context = await newVisitor(browser, baseURL, { width: 360, cookies: { lang: 'ky' } });
    try {
      const page = await context.newPage();
      for (const path of pages) {
        await page.goto(path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect({ path, overflow }).toEqual({ path, overflow: 0 });
      }
    } finally {
      await context.close();
    }
  });

  it('in high contrast, no status tag is cut off by the table that scrolls around it', async () => {
    const context = await newVisitor(browser, baseURL, { cookies: { lang: 'ru', display: 'contrast' } });
    try {
      const page = await context.newPage();
      for (const path of ['/', '/recommendations', '/indicators/WL-1']) {
        await page.goto(path);
        // A tag's outline is part of what is seen: it must lie within the wrapper that clips (overflow-x).
        const clipped = await page.evaluate(() =>
          [...document.querySelectorAll('.app-table-wrapper .govuk-tag')].filter((tag) => {
            const wrapper = tag.closest('.app-table-wrapper')!.getBoundingClientRect();
            const box = tag.getBoundingClientRect();
            const style = getComputedStyle(tag);
            const outside = Math.max(0, parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset || '0'));
            return box.right + outside > wrapper.right + 0.5 || box.left - outside < wrapper.left - 0.5;
          }).length,
        );
        expect({ path, clipped }).toEqual({ path, clipped: 0 });
      }
    } finally {
      await context.close();
    }
  });

  it('filters and pages the recommendations without JavaScript', async () => {
    for (let i = 10; i < 32; i++) {
      await t.gqlOk(`mutation ($m: ID!) { createRecommendation(input: { title: "Extra ${i}", kind: OTHER, meetingId: $m, code: "X-${i}" }) { id } }`, {
        m: (await t.sql<{ id: string }>(`SELECT id FROM meeting LIMIT 1`))[0].id,
      });
    }
    const context = await newVisitor(browser, baseURL, { javaScriptEnabled: false, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.goto('/recommendations');
      await page.getByLabel('Search in code, title and description').fill('Extra');
      await page.getByLabel('Proposed').check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const url = new URL(page.url());
      expect(url.searchParams.get('q')).toBe('Extra');
      expect(url.searchParams.getAll('status')).toEqual(['PROPOSED']);
      await expect(page.locator('[data-total]').getAttribute('data-total')).resolves.toBe('22');
      expect(await page.locator('tr[data-code]').count()).toBe(20);
      await page.getByRole('link', { name: 'Next' }).click();
      expect(await page.locator('tr[data-code]').count()).toBe(2);
      expect(new URL(page.url()).searchParams.get('q')).toBe('Extra');
      await page.getByRole('link', { name: 'First page' }).click();
      expect(await page.locator('tr[data-code]').count()).toBe(20);
      await page.getByRole('link', { name: 'Clear filters' }).click();
      await expect(page.locator('[data-total]').getAttribute('data-total')).resolves.toBe('25');
    } finally {
      await context.close();
    }
  });

  it('reaches a recommendation with the keyboard alone', async () => {
    const context = await newVisitor(browser, baseURL, { locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.goto('/recommendations');
      // Tab until the first recommendation link has the focus, then follow it with Enter.
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const href = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href'));
        if (href?.startsWith('/recommendations/')) break;
      }
      const focused = await page.evaluate(() => document.activeElement?.textContent);
      // The focus is visible: GOV.UK's yellow focus background.
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!).backgroundColor)).toBe('rgb(255, 221, 0)');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/recommendations\/[A-Z]/);
      expect(await page.locator('h1').textContent()).toBeTruthy();
      expect(page.url()).toContain(encodeURIComponent(focused!.trim()).replace(/%2D/g, '-'));
    } finally {
      await context.close();
    }
  });

  it('crawling every link from / as an anonymous visitor finds no private field', async () => {
    const context = await newVisitor(browser, baseURL, { locale: 'en-GB' });
    const seen = new Set<string>();
    try {
      const page = await context.newPage();
      const queue = ['/'];
      while (queue.length && seen.size < 200) {
        const path = queue.shift()!;
        if (seen.has(path)) continue;
        seen.add(path);
        const response = await page.request.get(path);
        expect({ path, status: response.status() }).toEqual({ path, status: 200 });
        const body = await response.text();
        for (const secret of [PRIVATE_TOKEN_NAME, tokenSecret, 'bootstrap-admin', 'audit', 'api_token', 'recordedBy', 'changedBy']) {
          expect({ path, contains: secret, found: body.includes(secret) }).toEqual({ path, contains: secret, found: false });
        }
        if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
        await page.setContent(body);
        const links = await page.$$eval('a[href], link[rel="alternate"][href]', (els) => els.map((el) => el.getAttribute('href')!));
        for (const href of links) {
          const url = new URL(href, baseURL);
          if (url.origin !== baseURL || url.pathname.startsWith('/display')) continue;
          const next = url.pathname + url.search;
          if (!seen.has(next)) queue.push(next);
        }
      }
      expect(seen.size).toBeGreaterThan(15);
      expect([...seen]).toEqual(expect.arrayContaining(['/changes.atom', '/indicators/WL-3?plan=WL-2024-2027', '/recommendations/SOK-2024-02']));
    } finally {
      await context.close();
    }
  });
});
