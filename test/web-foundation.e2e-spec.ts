import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import { StylesheetService } from '../src/web/layout/stylesheet.service';
import { createOrganization, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('web foundation: layout, languages, display settings, stylesheet, caching', () => {
  let t: TestApp;
  const get = (path: string) => request(t.app.getHttpServer()).get(path);

  beforeAll(async () => {
    t = await createTestApp();
    await seedSokulukRoundtable(t.app.get(DataSource));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('renders the layout in the negotiated language with alternates, skip link and the hashed stylesheet', async () => {
    const res = await get('/').set('accept-language', 'en-GB,en;q=0.9,ru;q=0.8').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toMatch(/^<!DOCTYPE html><html lang="en" class="govuk-template">/);
    expect(res.text).toContain('<a href="#main-content" class="govuk-skip-link">Skip to main content</a>');
    for (const lang of ['ky', 'ru', 'en']) {
      // PUBLIC_BASE_URL unset: http://localhost:PORT, whatever Host the request named.
      expect(res.text).toContain(`<link rel="alternate" hreflang="${lang}" href="http://localhost:3000/`);
      expect(res.text).toMatch(new RegExp(`hreflang="${lang}" href="http://[^"]+/\\?lang=${lang}"`));
    }
    const { href } = t.app.get(StylesheetService);
    expect(res.text).toContain(`<link rel="stylesheet" href="${href}">`);
  });

  it('chooses the language: URL over cookie over Accept-Language over DEFAULT_LOCALE, and remembers a URL choice', async () => {
    const html = async (req: request.Test) => (await req.expect(200)).text.match(/<html lang="(\w+)"/)![1];
    expect(await html(get('/'))).toBe('ru');
    expect(await html(get('/').set('accept-language', 'ky-KG, ru;q=0.5'))).toBe('ky');
    expect(await html(get('/').set('cookie', 'lang=en').set('accept-language', 'ky'))).toBe('en');
    const chosen = await get('/?lang=ky').set('cookie', 'lang=en').expect(200);
    expect(chosen.text).toMatch(/<html lang="ky"/);
    expect(chosen.headers['set-cookie']?.[0]).toMatch(/^lang=ky;.*HttpOnly.*SameSite=Lax/i);
    expect(chosen.text).toContain('Негизги мазмунга өтүү');
  });

  it('switches the version for the visually impaired with links kept in a cookie, returning only within the site', async () => {
    const set = await get('/display?text=large&return=%2Frecommendations%3Fstatus%3DACCEPTED').expect(303);
    expect(set.headers.location).toBe('/recommendations?status=ACCEPTED');
    expect(set.headers['set-cookie']?.[0]).toMatch(/^display=large-text;/);
    const both = await get('/display?colours=contrast&return=/').set('cookie', 'display=large-text').expect(303);
    expect(both.headers['set-cookie']?.[0]).toMatch(/^display=large-text.contrast;/);
    const page = await get('/').set('cookie', 'display=large-text.contrast').expect(200);
    expect(page.text).toMatch(/<html lang="ru" class="govuk-template app-large-text app-contrast">/);
    for (const away of ['//evil.example/', '/\\evil.example', 'https://evil.example/']) {
      const res = await get(`/display?text=large&return=${encodeURIComponent(away)}`).expect(303);
      expect(res.headers.location).toBe('/');
    }
    const bad = await get('/display?text=huge').expect(400);
    expect(bad.text).toContain('data-error-code="BAD_USER_INPUT"');
    expect(bad.headers['cache-control']).toBe('no-store');
  });

  it('serves the stylesheet compressed, immutable, and only under its own hash', async () => {
    const { href, css } = t.app.get(StylesheetService);
    const res = await get(href).set('accept-encoding', 'br, gzip').buffer(true).expect(200);
    expect(res.headers['content-encoding']).toBe('br');
    // Compressed on first request, once per encoding (the same bytes each time); each decodes to the stylesheet.
    const stylesheet = t.app.get(StylesheetService);
    for (const encoding of ['br', 'gzip'] as const) {
      const answer = await get(href).set('accept-encoding', encoding).expect(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.text).toBe(css.toString('utf8'));
      expect(await stylesheet.body(encoding)).toBe(await stylesheet.body(encoding));
    }
    expect(brotliDecompressSync(await stylesheet.body('br')).equals(css)).toBe(true);
    expect(gunzipSync(await stylesheet.body('gzip')).equals(css)).toBe(true);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    const plain = await get(href).set('accept-encoding', 'identity').expect(200);
    expect(Buffer.byteLength(plain.text)).toBe(css.length);
    await get('/assets/app.0123456789abcdef.css').expect(404);
  });

  it('answers 304 to a current copy and 200 with new content after a write', async () => {
    const first = await get('/').set('accept-language', 'en').expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"\d+-en-\w+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=30, stale-while-revalidate=300');
    expect(first.headers.vary).toBe('Accept-Language, Cookie, Accept-Encoding');
    expect(new Date(first.headers['last-modified']).getTime()).not.toBeNaN();
    const notModified = await get('/').set('accept-language', 'en').set('if-none-match', etag).expect(304);
    expect(notModified.text).toBe('');
    await get('/').set('accept-language', 'en').set('if-modified-since', first.headers['last-modified']).expect(304);
    // Another language or display is another copy.
    await get('/').set('accept-language', 'ky').set('if-none-match', etag).expect(200);
    await get('/').set('accept-language', 'en').set('cookie', 'display=contrast').set('if-none-match', etag).expect(200);

    await createOrganization(t, { name: unique('New ministry'), kind: 'MINISTRY' });
    const after = await get('/').set('accept-language', 'en').set('if-none-match', etag).expect(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('compresses pages, and GraphQL answers from 1 kB (test/graphql-compression.e2e-spec.ts has the rest)', async () => {
    const page = await get('/').set('accept-encoding', 'gzip').expect(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    const gzipAccepted = (query: string) =>
      request(t.app.getHttpServer()).post('/graphql').set('accept-encoding', 'gzip').set('authorization', `Bearer ${t.adminToken}`).send({ query }).expect(200);
    // Below the compression threshold (1 kB): as it is.
    const small = await gzipAccepted('{ organizationsConnection(first: 0) { totalCount } }');
    expect(small.headers['content-encoding']).toBeUndefined();
    const large = await gzipAccepted('{ __schema { types { name description } } }');
    expect(large.text.length).toBeGreaterThan(1024);
    expect(large.headers['content-encoding']).toBe('gzip');
    expect(large.headers.vary ?? '').toContain('Accept-Encoding');
  });

  it('has no public pages with PUBLIC_SITE=false', async () => {
    const off = await createTestApp({ PUBLIC_SITE: 'false' });
    try {
      const res = await request(off.app.getHttpServer()).get('/').expect(404);
      expect(res.text).toContain('data-error-code="NOT_FOUND"');
    } finally {
      await off.close();
    }
  });

  it('refuses a bad PUBLIC_SITE or DEFAULT_LOCALE at boot', async () => {
    await expect(createTestApp({ PUBLIC_SITE: 'maybe' })).rejects.toThrow(/PUBLIC_SITE/);
    await expect(createTestApp({ DEFAULT_LOCALE: 'de' })).rejects.toThrow(/DEFAULT_LOCALE/);
  });
});
