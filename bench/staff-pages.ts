import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { DataSource } from 'typeorm';
import { UsersService } from '../src/accounts/users.service';
import { AppModule } from '../src/app.module';
import { Role } from '../src/auth/role.enum';
import { configureApp } from '../src/configure-app';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import { StylesheetService } from '../src/web/layout/stylesheet.service';
import { axeViolations, CHROMIUM_PATH } from '../test/browser/harness';

const USAGE = 'usage: DATABASE_URL=postgres://…/an_empty_database npm run bench:staff-pages [-- --screenshots]';
const PASSWORD = 'a long and memorable passphrase';
const RUNS = 30;
const WARMUP = 5;

/**
 * Figures of the staff pages at scale 1 (the Sokuluk sample): axe-core WCAG 2.1 AA
 * violations per page, page weight (HTML as sent and gzip-compressed, plus the one
 * stylesheet as served), and server time (time to the last byte on localhost,
 * median and p90 of 30 requests after 5 warm-ups). With --screenshots, PNGs of the
 * main pages go to docs/screenshots/. Prints a Markdown table.
 */
async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error(`DATABASE_URL is not set\n${USAGE}`);
  Object.assign(process.env, { NODE_ENV: 'production', LOG_LEVEL: 'warn', SEED_DEMO: 'false', MIGRATIONS_RUN: 'true', RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000' });
  const app = await NestFactory.create(AppModule.forRoot(), { bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  const db = app.get(DataSource);
  try {
    await seedSokulukRoundtable(db);
    const [org] = await db.query<{ id: string }[]>(`SELECT id FROM organization WHERE kind = 'MINISTRY' ORDER BY name LIMIT 1`);
    const users = app.get(UsersService);
    const admin = { tokenId: null, name: 'bench', role: Role.ADMIN, organizationId: null, requestId: null };
    const email = `officer-${Date.now()}@mlsp.gov.kg`;
    const { link } = await users.invite({ email, displayName: 'Айда Бекова', role: Role.MINISTRY, organizationId: org.id, preferredLanguage: 'ru' }, admin);
    await users.setPasswordWithLink(decodeURIComponent(link.url.split('/').pop()!), PASSWORD, null);
    const adminEmail = `admin-${Date.now()}@tracker.kg`;
    const adminLink = await users.invite({ email: adminEmail, displayName: 'Админ', role: Role.ADMIN, organizationId: null, preferredLanguage: 'ru' }, admin);
    await users.setPasswordWithLink(decodeURIComponent(adminLink.link.url.split('/').pop()!), PASSWORD, null);
    const [rec] = await db.query<{ id: string }[]>(`SELECT id FROM recommendation WHERE code = 'SOK-2024-03'`);
    const [ind] = await db.query<{ id: string }[]>(`SELECT id FROM indicator WHERE code = 'WL-2'`);
    const stylesheet = app.get(StylesheetService);

    const pages: { name: string; path: string; as: 'officer' | 'admin' | 'none' }[] = [
      { name: 'Sign in', path: '/sign-in', as: 'none' },
      { name: 'My work', path: '/work', as: 'officer' },
      { name: 'Recommendation', path: `/work/recommendations/${rec.id}`, as: 'officer' },
      { name: 'Indicator', path: `/work/indicators/${ind.id}`, as: 'officer' },
      { name: 'Import', path: '/work/import', as: 'officer' },
      { name: 'Downloads', path: '/work/downloads', as: 'officer' },
      { name: 'My account', path: '/account', as: 'officer' },
      { name: 'Users (admin)', path: '/admin/users', as: 'admin' },
      { name: 'Invite (admin)', path: '/admin/users/new', as: 'admin' },
      { name: 'API tokens (admin)', path: '/admin/tokens', as: 'admin' },
      { name: 'Audit log (admin)', path: '/admin/audit', as: 'admin' },
      { name: 'New recommendation (admin)', path: '/work/new/recommendation', as: 'admin' },
    ];
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const cookieOf: Record<string, string> = {};
    const contexts: Record<string, import('playwright-core').BrowserContext> = {};
    for (const who of ['officer', 'admin', 'none'] as const) {
      const context = await browser.newContext({ baseURL: base, locale: 'ru-RU', bypassCSP: true, viewport: { width: 1100, height: 900 } });
      if (who !== 'none') {
        const page = await context.newPage();
        await page.goto('/sign-in');
        await page.fill('#email', who === 'officer' ? email : adminEmail);
        await page.fill('#password', PASSWORD);
        await page.click('form[action="/sign-in"] button');
        await page.waitForURL(/\/work$/);
        await page.close();
      }
      contexts[who] = context;
      cookieOf[who] = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    }
    const rows: string[] = [];
    const cssGzip = (await stylesheet.body('gzip')).length;
    for (const p of pages) {
      const page = await contexts[p.as].newPage();
      await page.goto(p.path);
      const violations = (await axeViolations(page)).length;
      await page.close();
      const times: number[] = [];
      let html = '';
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const started = process.hrtime.bigint();
        const res = await fetch(`${base}${p.path}`, { headers: { cookie: cookieOf[p.as], 'accept-language': 'ru' } });
        html = await res.text();
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (i >= WARMUP) times.push(ms);
      }
      times.sort((a, b) => a - b);
      const htmlBytes = Buffer.byteLength(html);
      const htmlGzip = gzipSync(html).length;
      rows.push(
        `| ${p.name} | ${violations} | ${(htmlBytes / 1024).toFixed(1)} | ${(htmlGzip / 1024).toFixed(1)} | ${((htmlGzip + cssGzip) / 1024).toFixed(1)} | ${times[Math.floor(RUNS / 2)].toFixed(1)} | ${times[Math.floor(RUNS * 0.9)].toFixed(1)} |`,
      );
    }
    if (process.argv.includes('--screenshots')) await screenshots(browser, base, email, { rec: rec.id, ind: ind.id });
    await browser.close();
    console.log(`Staff pages at scale 1 (the Sokuluk sample), ${new Date().toISOString().slice(0, 10)}; stylesheet ${(stylesheet.css.length / 1024).toFixed(0)} kB, ${(cssGzip / 1024).toFixed(1)} kB gzip (cached for a year).\n`);
    console.log('| page | axe WCAG 2.1 AA violations | HTML kB | HTML kB gzip | + CSS kB gzip | server ms median | server ms p90 |');
    console.log('|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    await app.close();
  }
}

async function screenshots(browser: import('playwright-core').Browser, base: string, email: string, ids: { rec: string; ind: string }): Promise<void> {
  const dir = join(__dirname, '..', 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const shots: { file: string; path: string; locale: string; display?: string; width?: number }[] = [
    { file: 'staff-work-ru.png', path: '/work?lang=ru', locale: 'ru-RU' },
    { file: 'staff-recommendation-ru.png', path: `/work/recommendations/${ids.rec}?lang=ru`, locale: 'ru-RU' },
    { file: 'staff-indicator-ky-contrast.png', path: `/work/indicators/${ids.ind}?lang=ky`, locale: 'ky-KG', display: 'large-text.contrast' },
    { file: 'staff-import-en.png', path: '/work/import?lang=en', locale: 'en-GB' },
    { file: 'staff-work-ky-360.png', path: '/work?lang=ky', locale: 'ky-KG', width: 360 },
  ];
  for (const shot of shots) {
    const context = await browser.newContext({ baseURL: base, locale: shot.locale, viewport: { width: shot.width ?? 1100, height: 900 } });
    if (shot.display) await context.addCookies([{ name: 'display', value: shot.display, url: base }]);
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.click('form[action="/sign-in"] button');
    await page.waitForURL(/\/work$/);
    await page.goto(shot.path);
    await page.screenshot({ path: join(dir, shot.file), fullPage: true });
    await context.close();
  }
  const context = await browser.newContext({ baseURL: base, locale: 'ru-RU', viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto('/sign-in?lang=ru');
  await page.fill('#email', 'nobody@example.kg');
  await page.fill('#password', 'wrong password');
  await page.click('form[action="/sign-in"] button');
  await page.screenshot({ path: join(dir, 'staff-sign-in-error-ru.png'), fullPage: true });
  await context.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
