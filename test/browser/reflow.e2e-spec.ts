import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { seedSokulukRoundtable } from '../../src/seed/sokuluk-roundtable.seed';
import { createTestApp, TestApp } from '../support/test-app';
import { axeViolations, describeInBrowser, launchBrowser, listen, newVisitor } from './harness';

/**
 * WCAG 1.4.10 Reflow on the version for the visually impaired: at 360 px with the larger text, no page
 * scrolls sideways, no heading or word is cut, and a table too wide to fit scrolls inside its own
 * labelled container, which the keyboard can reach.
 */
describeInBrowser('reflow at 360 px in large text', () => {
  let t: TestApp;
  let browser: Browser;
  let baseURL: string;
  const pages = ['/', '/recommendations', '/recommendations/SOK-2024-01', '/indicators/WL-1', '/meetings'];

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

  /** What does not fit: the page's sideways overflow, text beyond the screen's edge, and tables scrolling in an unnamed or unreachable box. */
  const problems = (page: Page) =>
    page.evaluate(() => {
      const root = document.documentElement;
      // Every piece of text (outside the scrolling tables and charts) lies within the screen's width.
      const cut: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || !node.textContent?.trim() || parent.closest('.app-table-wrapper, svg, .govuk-visually-hidden, .govuk-skip-link')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of Array.from(range.getClientRects())) {
          if (rect.width > 0 && (rect.left < -0.5 || rect.right > window.innerWidth + 0.5)) {
            cut.push(`${parent.tagName.toLowerCase()}: ${node.textContent.trim().slice(0, 40)}`);
            break;
          }
        }
      }
      const wrappers = Array.from(document.querySelectorAll<HTMLElement>('.app-table-wrapper'))
        .filter((w) => w.scrollWidth > w.clientWidth + 1)
        // A table that scrolls must be reachable and named: a focusable region with a label.
        .filter((w) => !(w.tabIndex === 0 && w.getAttribute('role') === 'region' && (w.getAttribute('aria-labelledby') || w.getAttribute('aria-label'))))
        .map((w) => w.querySelector('table')?.getAttribute('data-table') ?? 'table');
      return { overflow: root.scrollWidth - window.innerWidth, cut, unlabelledScrollers: wrappers };
    });

  it.each(['ky', 'ru', 'en'])('in %s: no page scrolls sideways, nothing is cut, wide tables scroll in a labelled focusable region', async (lang) => {
    const context = await newVisitor(browser, baseURL, { width: 360, cookies: { lang, display: 'large-text' } });
    try {
      const page = await context.newPage();
      const found = [];
      for (const path of pages) {
        await page.goto(path);
        found.push({ path, ...(await problems(page)), violations: await axeViolations(page) });
      }
      expect(found).toEqual(pages.map((path) => ({ path, overflow: 0, cut: [], unlabelledScrollers: [], violations: [] })));
    } finally {
      await context.close();
    }
  });

  // `WRITE_SCREENSHOTS=docs/screenshots npx jest test/browser/reflow.e2e-spec.ts` refreshes the picture docs/web.md shows.
  (process.env.WRITE_SCREENSHOTS ? it : it.skip)('writes the screenshot of / in large text at 360 px', async () => {
    const dir = process.env.WRITE_SCREENSHOTS!;
    mkdirSync(dir, { recursive: true });
    const context = await newVisitor(browser, baseURL, { width: 360, cookies: { lang: 'ky', display: 'large-text' } });
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.screenshot({ path: join(dir, 'home-ky-large-text-360px.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
