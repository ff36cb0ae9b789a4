import type { ParsedMail } from 'mailparser';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { EXPORT_NAMES } from '../src/exports/exports.service';
import { FollowsService } from '../src/follows/follows.service';
import { JobWorker } from '../src/jobs/job-worker';
import { PublicEventsService } from '../src/public-events/public-events.service';
import { download } from './exports-support';
import { createIndicator, createMeeting, createOrganization, createRecommendation, recordValue } from './support/factories';
import { startSmtp } from './support/smtp-server';
import { bearer, createTestApp, TestApp } from './support/test-app';

const BASE = 'http://tracker.example.kg';
const TRANSITION = 'mutation ($id: ID!, $to: RecommendationStatus!) { transitionRecommendation(input: { id: $id, to: $to }) { id version } }';

async function until(done: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Follow by e-mail (issue 26): double opt-in, one mail per event and follower, one-click unsubscribe, limits. */
describe('following records by e-mail', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const to = (address: string) => smtp.mails.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value[0].address?.toLowerCase() === address.toLowerCase());
  const http = () => request(t.app.getHttpServer());
  /** The jobs of follows and public events are all done (nothing waiting or running). */
  const settled = () =>
    until(async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier LIKE 'follows.%' OR task_identifier = 'public-events.dispatch'`))[0].n === 0);

  async function follow(email: string, target: Record<string, string>, lang: string) {
    return http().post(`/follow?lang=${lang}`).set('origin', BASE).type('form').send({ email, ...target });
  }

  function confirmPath(mail: ParsedMail): string {
    const url = /(http:\/\/tracker\.example\.kg\/follow\/confirm\/[A-Za-z0-9._-]+)/.exec(mail.text ?? '')?.[1];
    if (!url) throw new Error('no confirmation link in the mail');
    return url.slice(BASE.length);
  }

  /** Follows, waits for the one confirmation mail and confirms it by the page's button. */
  async function confirmedFollow(email: string, target: Record<string, string>, lang: string): Promise<void> {
    const before = to(email).length;
    expect((await follow(email, target, lang)).status).toBe(303);
    await until(() => to(email).length === before + 1);
    expect((await http().post(confirmPath(to(email)[before])).type('form').send({})).status).toBe(200);
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({
      JOBS_POLL_INTERVAL_MS: '200',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Tracker <tracker@example.kg>',
      PUBLIC_BASE_URL: BASE,
      FOLLOW_CONFIRMATIONS_PER_ADDRESS_PER_DAY: '2',
      // Every request here comes from one IP; the per-IP limit has its own test below.
      FOLLOW_REQUESTS_PER_IP_PER_HOUR: '1000',
    });
    await t.app.get(JobWorker).start();
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('offers the form on the pages of a recommendation, an indicator and an organisation', async () => {
    const organization = await createOrganization(t, { kind: 'MINISTRY' });
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id, responsibleOrganizationIds: [organization.id] });
    const indicator = await createIndicator(t, { responsibleOrganizationId: organization.id });
    for (const [path, field, id] of [
      [`/recommendations/${recommendation.code}?lang=ky`, 'recommendationId', recommendation.id],
      [`/indicators/${indicator.code}?lang=ky`, 'indicatorId', indicator.id],
      [`/organisations/${organization.id}?lang=ky`, 'organizationId', organization.id],
    ]) {
      const page = await http().get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain('action="/follow?lang=ky"');
      expect(page.text).toContain(`name="${field}" value="${id}"`);
      expect(page.text).toContain('<label class="govuk-label" for="follow-email">Электрондук почтанын дареги</label>');
      // Still a public, cacheable page: no cookie is set for the form.
      expect(String(page.headers['set-cookie'] ?? '')).not.toContain('tracker_csrf');
    }
  });

  it('mails one confirmation in the page language and nothing about changes before it is confirmed', async () => {
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    const answer = await follow('  Reader@Example.KG ', { recommendationId: recommendation.id }, 'ru');
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/follow/requested?lang=ru');
    const page = await http().get(answer.headers.location);
    expect(page.text).toContain('Проверьте почту');
    await until(() => to('reader@example.kg').length === 1);
    const [mail] = to('reader@example.kg');
    expect(mail.subject).toBe(`Подтвердите: письма об изменениях рекомендации ${recommendation.code}`);
    expect(mail.html).toContain('lang="ru"');
    const rows = await t.sql<{ email: string; language: string; confirmed_at: Date | null }>('SELECT email, language, confirmed_at FROM follow WHERE recommendation_id = $1', [recommendation.id]);
    expect(rows).toEqual([{ email: 'Reader@example.kg', language: 'ru', confirmed_at: null }]);
    // A change before confirmation: nothing is mailed.
    await t.gqlOk(TRANSITION, { id: recommendation.id, to: 'UNDER_REVIEW' });
    await settled();
    expect(to('reader@example.kg')).toHaveLength(1);

    // GET (a mail scanner's prefetch) shows a button and confirms nothing; the button's POST confirms.
    const path = confirmPath(mail);
    const shown = await http().get(path);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('<form method="post"');
    expect((await t.sql('SELECT confirmed_at FROM follow WHERE recommendation_id = $1', [recommendation.id]))[0].confirmed_at).toBeNull();
    const confirmed = await http().post(path).type('form').send({});
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('data-follow-link="done"');
    expect((await t.sql('SELECT confirmed_at FROM follow WHERE recommendation_id = $1', [recommendation.id]))[0].confirmed_at).not.toBeNull();

    // Now a transition is mailed, once, in Russian, with RFC 8058 headers and a visible link.
    await t.gqlOk(TRANSITION, { id: recommendation.id, to: 'ACCEPTED' });
    await until(() => to('reader@example.kg').length === 2);
    const change = to('reader@example.kg')[1];
    expect(change.subject).toBe(`Рекомендация ${recommendation.code} теперь в статусе: Принята`);
    expect(change.text).toContain(`${BASE}/recommendations/${recommendation.code}?lang=ru`);
    const line = (key: string) => change.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n\s+/g, ' ') ?? '';
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const unsubscribeUrl = /^List-Unsubscribe: <([^>]+)>$/.exec(line('list-unsubscribe'))![1];
    expect(unsubscribeUrl).toMatch(/^http:\/\/tracker\.example\.kg\/follow\/unsubscribe\//);
    expect(change.text).toContain(unsubscribeUrl);

    // A retried dispatch (every consumer runs again) mails nothing more.
    const [event] = await t.sql<{ id: string }>(`SELECT id FROM public_event WHERE recommendation_id = $1 AND data->>'to' = 'ACCEPTED'`, [recommendation.id]);
    await t.app.get(PublicEventsService).dispatch(event.id);
    await settled();
    await pause(300);
    expect(to('reader@example.kg')).toHaveLength(2);

    // A refused (rolled-back) write mails nothing.
    expect((await t.gql(TRANSITION, { id: recommendation.id, to: 'IMPLEMENTED' })).errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    await settled();
    await pause(300);
    expect(to('reader@example.kg')).toHaveLength(2);

    // Two instances dispatching the same event at once: one claims the new follower, the other nothing.
    await confirmedFollow('second@example.kg', { recommendationId: recommendation.id }, 'en');
    const follows = t.app.get(FollowsService);
    const claimed = await Promise.all([follows.consume(await fullEvent(event.id)), follows.consume(await fullEvent(event.id))]);
    expect(claimed.sort()).toEqual([0, 1]);
    await until(() => to('second@example.kg').length === 2);
    await settled();
    await pause(300);
    expect(to('second@example.kg')).toHaveLength(2);

    // One-click unsubscribe (a mail provider's POST: no cookie, no origin, no token) deletes the row.
    const path2 = unsubscribeUrl.slice(BASE.length);
    const gone = await http().post(path2).type('form').send('List-Unsubscribe=One-Click');
    expect(gone.status).toBe(200);
    expect(await t.sql(`SELECT 1 FROM follow WHERE email = 'Reader@example.kg'`)).toEqual([]);
    expect((await http().post(path2).type('form').send('List-Unsubscribe=One-Click')).status).toBe(404);
    await t.gqlOk(TRANSITION, { id: recommendation.id, to: 'IN_PROGRESS' });
    await until(() => to('second@example.kg').length === 3);
    await settled();
    expect(to('reader@example.kg')).toHaveLength(2);
  });

  async function fullEvent(id: string) {
    const event = await t.app.get(PublicEventsService).find(id);
    if (!event) throw new Error(`no event ${id}`);
    return event;
  }

  it('mails a follower of an indicator in Kyrgyz when a value is approved, not while it waits for review', async () => {
    const indicator = await createIndicator(t);
    await confirmedFollow('indicator@example.kg', { indicatorId: indicator.id }, 'ky');
    expect(to('indicator@example.kg')[0].subject).toBe(`Ырастаңыз: ${indicator.code} көрсөткүчү боюнча өзгөрүүлөр тууралуу каттар`);
    await recordValue(t, { indicatorId: indicator.id, period: '2024', value: 7 }, { approve: false });
    await settled();
    expect(to('indicator@example.kg')).toHaveLength(1);
    await recordValue(t, { indicatorId: indicator.id, period: '2025', value: 12 });
    await until(() => to('indicator@example.kg').length === 2);
    const mail = to('indicator@example.kg')[1];
    expect(mail.subject).toBe(`${indicator.code} көрсөткүчү: 2025 үчүн маани жарыяланды: 12`);
    expect(mail.html).toContain('lang="ky"');
    await settled();
    expect(to('indicator@example.kg')).toHaveLength(2);
  });

  it('mails a follower of an organisation about a recommendation it is responsible for', async () => {
    const organization = await createOrganization(t, { kind: 'MINISTRY' });
    await confirmedFollow('ministry-watch@example.kg', { organizationId: organization.id }, 'en');
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id, responsibleOrganizationIds: [organization.id] });
    await t.gqlOk(TRANSITION, { id: recommendation.id, to: 'UNDER_REVIEW' });
    await until(() => to('ministry-watch@example.kg').length === 2);
    expect(to('ministry-watch@example.kg')[1].subject).toBe(`Recommendation ${recommendation.code} is now: Under review`);
    await settled();
    expect(to('ministry-watch@example.kg')).toHaveLength(2);
  });

  it('mails a follower of a recommendation when an independent assessment of it is published', async () => {
    const ngo = await createOrganization(t, { kind: 'NGO' });
    const { createApiToken } = await t.gqlOk<{ createApiToken: { token: string } }>(
      'mutation ($o: ID!) { createApiToken(input: { name: "monitor", role: NGO, organizationId: $o }) { token } }',
      { o: ngo.id },
    );
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    await confirmedFollow('assessed@example.kg', { recommendationId: recommendation.id }, 'ru');
    const submitted = await t.gql<{ submitAssessment: { id: string } }>(
      'mutation ($r: ID!) { submitAssessment(input: { recommendationId: $r, status: STALLED, text: "Нет движения" }) { id } }',
      { r: recommendation.id },
      { authorization: bearer(createApiToken.token) },
    );
    expect(submitted.errors).toBeUndefined();
    await settled();
    expect(to('assessed@example.kg')).toHaveLength(1);
    await t.gqlOk('mutation ($id: ID!) { publishAssessment(input: { id: $id }) { id } }', { id: submitted.data!.submitAssessment.id });
    await until(() => to('assessed@example.kg').length === 2);
    expect(to('assessed@example.kg')[1].subject).toBe(`Опубликована независимая оценка рекомендации ${recommendation.code}`);
  });

  it('mails once when two instances dispatch the same event at the same time', async () => {
    const second = await createTestApp({ JOBS_POLL_INTERVAL_MS: '200', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLIC_BASE_URL: BASE }, { databaseUrl: t.databaseUrl });
    try {
      await second.app.get(JobWorker).start();
      const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
      await confirmedFollow('twice@example.kg', { recommendationId: recommendation.id }, 'en');
      await t.gqlOk(TRANSITION, { id: recommendation.id, to: 'UNDER_REVIEW' });
      await until(() => to('twice@example.kg').length === 2);
      const [event] = await t.sql<{ id: string }>(`SELECT id FROM public_event WHERE recommendation_id = $1`, [recommendation.id]);
      // Both instances run the dispatch again, together: nothing is left to mail.
      await Promise.all([t.app.get(PublicEventsService).dispatch(event.id), second.app.get(PublicEventsService).dispatch(event.id)]);
      await settled();
      await pause(300);
      expect(to('twice@example.kg')).toHaveLength(2);
      expect(await t.sql(`SELECT count(*)::int AS n FROM follow_mail WHERE public_event_id = $1`, [event.id])).toEqual([{ n: 1 }]);
    } finally {
      await second.close();
    }
  });

  it('sends at most the per-address number of confirmations a day, with the same answer, and keeps no address for counting', async () => {
    const recommendations = await Promise.all([1, 2, 3].map(async () => createRecommendation(t, { meetingId: (await createMeeting(t)).id })));
    for (const recommendation of recommendations) {
      const answer = await follow('busy@example.kg', { recommendationId: recommendation.id }, 'en');
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/follow/requested?lang=en');
    }
    await settled();
    await pause(300);
    expect(to('busy@example.kg')).toHaveLength(2);
    const counted = await t.sql<{ address_hash: string }>('SELECT address_hash FROM follow_confirmation');
    expect(counted.length).toBeGreaterThan(0);
    expect(JSON.stringify(counted)).not.toContain('example.kg');
  });

  it('takes the same request through GraphQL, anonymously, with the same answer whatever happens', async () => {
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    const mutation = 'mutation ($input: FollowByEmailInput!) { followByEmail(input: $input) }';
    const input = { email: 'api-reader@example.kg', recommendationId: recommendation.id, language: 'KY' };
    expect((await t.gql(mutation, { input }, { authorization: '' })).data).toEqual({ followByEmail: true });
    await until(() => to('api-reader@example.kg').length === 1);
    expect(to('api-reader@example.kg')[0].subject).toBe(`Ырастаңыз: ${recommendation.code} сунушу боюнча өзгөрүүлөр тууралуу каттар`);
    // Again: a pending follow within the limit gets its link again; the answer is the same.
    expect((await t.gql(mutation, { input }, { authorization: '' })).data).toEqual({ followByEmail: true });
    expect((await t.gql(mutation, { input: { ...input, email: 'not an address' } }, { authorization: '' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const both = await t.gql(mutation, { input: { ...input, organizationId: recommendation.id } }, { authorization: '' });
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a POST from another site, and shows a bad address back with an error summary', async () => {
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    const foreign = await http().post('/follow?lang=en').set('origin', 'http://evil.example').type('form').send({ email: 'x@example.kg', recommendationId: recommendation.id });
    expect(foreign.status).toBe(403);
    const none = await http().post('/follow?lang=en').type('form').send({ email: 'x@example.kg', recommendationId: recommendation.id });
    expect(none.status).toBe(403);
    // Sec-Fetch-Site, which a page cannot forge, decides where a browser sends it.
    const crossSite = await http().post('/follow?lang=en').set('sec-fetch-site', 'cross-site').set('origin', BASE).type('form').send({ email: 'x@example.kg', recommendationId: recommendation.id });
    expect(crossSite.status).toBe(403);
    const bad = await follow('not an address', { recommendationId: recommendation.id }, 'ky');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('govuk-error-summary');
    expect(bad.text).toContain('href="#follow-email"');
    expect(bad.text).toContain('Электрондук почтанын дарегин туура форматта жазыңыз');
    // Not what a page's form sends: two records, or none, is the error page's BAD_USER_INPUT.
    const notFromAPage: Record<string, string>[] = [{ recommendationId: recommendation.id, organizationId: recommendation.id }, {}];
    for (const target of notFromAPage) {
      for (const email of ['x@example.kg', 'not an address']) {
        const refused = await follow(email, target, 'en');
        expect(refused.status).toBe(400);
        expect(refused.text).toContain('data-error-code="BAD_USER_INPUT"');
      }
    }
    expect(await t.sql('SELECT 1 FROM follow WHERE recommendation_id = $1', [recommendation.id])).toEqual([]);
    // Chromium's form post under the site's no-referrer policy: Origin null, Sec-Fetch-Site same-origin.
    const sameOrigin = await http().post('/follow?lang=en').set('sec-fetch-site', 'same-origin').set('origin', 'null').type('form').send({ email: 'x@example.kg', recommendationId: recommendation.id });
    expect(sameOrigin.status).toBe(303);
    expect(await t.sql('SELECT 1 FROM follow WHERE recommendation_id = $1', [recommendation.id])).toHaveLength(1);
  });

  it('deletes unconfirmed follows past FOLLOW_CONFIRM_DAYS in its daily clean-up', async () => {
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    expect((await follow('late@example.kg', { recommendationId: recommendation.id }, 'en')).status).toBe(303);
    await until(() => to('late@example.kg').length === 1);
    await t.sql(`UPDATE follow SET created_at = now() - interval '8 days', last_confirmation_sent_at = now() - interval '8 days' WHERE recommendation_id = $1`, [recommendation.id]);
    // The expired link no longer confirms, and the clean-up deletes the row with its address.
    expect((await http().post(confirmPath(to('late@example.kg')[0])).type('form').send({})).status).toBe(404);
    await t.app.get(FollowsService).cleanUp();
    expect(await t.sql('SELECT 1 FROM follow WHERE recommendation_id = $1', [recommendation.id])).toEqual([]);
  });

  it('never exports a follower address: no export reads the follow tables, and no download contains one', async () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? sources(join(dir, name)) : /\.tsx?$/.test(name) ? [join(dir, name)] : []));
    for (const file of sources(join(__dirname, '..', 'src', 'exports'))) {
      // Neither the tables in SQL nor the feature's code.
      const text = readFileSync(file, 'utf8');
      expect({ file, follows: /\b(FROM|JOIN)\s+"?follow(_mail|_confirmation)?\b/i.test(text) || /from '[./]*follows\//.test(text) }).toEqual({ file, follows: false });
    }
    const addresses = (await t.sql<{ email: string }>('SELECT email FROM follow')).map((row) => row.email.toLowerCase());
    expect(addresses.length).toBeGreaterThan(0);
    for (const name of EXPORT_NAMES.filter((n) => n !== 'workbook')) {
      const file = await download(t, `/exports/${name}.csv${name === 'reporting-completeness' ? '?year=2025' : ''}`);
      const text = file.text.toLowerCase();
      for (const address of addresses) expect({ name, address, found: text.includes(address) }).toEqual({ name, address, found: false });
    }
  });
});

describe('following records by e-mail without SMTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({});
  });
  afterAll(async () => {
    await t?.close();
  });

  it('offers no form, and the endpoint answers NOT_FOUND', async () => {
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    const page = await request(t.app.getHttpServer()).get(`/recommendations/${recommendation.code}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('action="/follow');
    const refused = await request(t.app.getHttpServer()).post('/follow?lang=en').set('origin', 'http://localhost').type('form').send({ email: 'x@example.kg', recommendationId: recommendation.id });
    expect(refused.status).toBe(404);
    expect(refused.text).toContain('data-error-code="NOT_FOUND"');
    const api = await t.gql('mutation ($r: ID!) { followByEmail(input: { email: "x@example.kg", recommendationId: $r }) }', { r: recommendation.id }, { authorization: '' });
    expect(api.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('following records by e-mail: the limit per IP address', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ JOBS_POLL_INTERVAL_MS: '200', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLIC_BASE_URL: BASE, FOLLOW_REQUESTS_PER_IP_PER_HOUR: '2' });
    await t.app.get(JobWorker).start();
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  it('answers requests over FOLLOW_REQUESTS_PER_IP_PER_HOUR alike, and mails nothing for them', async () => {
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    for (const email of ['one@example.kg', 'two@example.kg', 'three@example.kg']) {
      const answer = await request(t.app.getHttpServer()).post('/follow?lang=en').set('origin', BASE).type('form').send({ email, recommendationId: recommendation.id });
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe('/follow/requested?lang=en');
    }
    await until(async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier LIKE 'follows.%'`))[0].n === 0);
    await pause(300);
    expect(smtp.mails.map((mail) => (Array.isArray(mail.to) ? '' : mail.to?.text)).sort()).toEqual(['one@example.kg', 'two@example.kg']);
    expect(await t.sql(`SELECT 1 FROM follow WHERE email = 'three@example.kg'`)).toEqual([]);
  });
});
