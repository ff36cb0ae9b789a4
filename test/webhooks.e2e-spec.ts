import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { Role } from '../src/auth/role.enum';
import { Clock } from '../src/common/clock';
import { JobWorker } from '../src/jobs/job-worker';
import { PublicEventsService } from '../src/public-events/public-events.service';
import { WebhookSender } from '../src/webhooks/webhook-sender';
import { createMeeting, createOrganization, createRecommendation } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { createUser, WebSession } from './support/web-session';

async function until(done: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request the receiver got. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * The subscriber's side: an HTTP server started by the test. Each path behaves as its name says
 * (`/ok`, `/fail-once-…` answers 500 the first time, `/hang-once-…` does not answer the first
 * time, `/down` always 500).
 */
class Receiver {
  readonly received: Received[] = [];
  private readonly seen = new Map<string, number>();
  private server!: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const count = (this.seen.get(path) ?? 0) + 1;
        this.seen.set(path, count);
        if (path === '/down' || (path.startsWith('/fail-once') && count === 1)) {
          res.writeHead(500).end('receiver broke');
        } else if (path.startsWith('/hang-once') && count === 1) {
          return; // never answers: the sender's timeout ends it
        } else {
          res.writeHead(204).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url active organizationId eventTypes } } }`;
const ENDPOINT = `query ($id: ID!) { webhookEndpoint(id: $id) {
  id active disabledReason failingSince
  deliveries(first: 20) { totalCount edges { node { id status attemptCount eventType attempts { number httpStatus error responseExcerpt } } } } } }`;
const TRANSITION = 'mutation ($id: ID!, $to: RecommendationStatus!) { transitionRecommendation(input: { id: $id, to: $to }) { id version } }';

interface DeliveryView {
  id: string;
  status: string;
  attemptCount: number;
  eventType: string;
  attempts: { number: number; httpStatus: number | null; error: string | null; responseExcerpt: string | null }[];
}

/**
 * Webhooks (issue 26): public events POSTed to registered endpoints, signed per Standard Webhooks,
 * retried with backoff, logged per attempt, delivered once per event and endpoint.
 */
describe('webhooks', () => {
  let t: TestApp;
  const receiver = new Receiver();
  // Long enough that a receiver's 204 on loopback always beats it, even on a CPU-starved machine
  // (at 600 ms a parallel run once logged a timeout before the 204): only `/hang-once` reaches it.
  const TIMEOUT_MS = 3_000;
  const FAST = { JOBS_POLL_INTERVAL_MS: '200', WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOKS_TIMEOUT_MS: String(TIMEOUT_MS) };
  let organizationId: string;

  const register = async (path: string, eventTypes = ['RECOMMENDATION_TRANSITIONED'], extra: Record<string, unknown> = {}, app: TestApp = t) =>
    (await app.gqlOk<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(CREATE, { input: { url: receiver.url(path), eventTypes, ...extra } }))
      .createWebhookEndpoint;
  const deliveriesOf = async (endpointId: string, app: TestApp = t): Promise<DeliveryView[]> =>
    (await app.gqlOk<{ webhookEndpoint: { deliveries: { edges: { node: DeliveryView }[] } } }>(ENDPOINT, { id: endpointId })).webhookEndpoint.deliveries.edges.map(
      (e) => e.node,
    );
  const newRecommendation = async (app: TestApp = t) =>
    createRecommendation(app, { meetingId: (await createMeeting(app)).id, responsibleOrganizationIds: [organizationId] });
  const transition = (id: string, to: string, app: TestApp = t) => app.gqlOk(TRANSITION, { id, to });

  beforeAll(async () => {
    await receiver.start();
    t = await createTestApp(FAST);
    await t.app.get(JobWorker).start();
    organizationId = (await createOrganization(t, { kind: 'MINISTRY' })).id;
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  it('POSTs a transition signed per Standard Webhooks, with ids and the public page, and logs the attempt', async () => {
    const { secret, endpoint } = await register('/ok');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const recommendation = await newRecommendation();
    await transition(recommendation.id, 'UNDER_REVIEW');
    await until(() => receiver.at('/ok').length === 1);
    const [got] = receiver.at('/ok');
    // The subscriber's check, with the maintained package.
    const payload = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(payload.type).toBe('recommendation.transitioned');
    expect(new Date(payload.timestamp).toISOString()).toBe(payload.timestamp);
    expect(payload.data).toMatchObject({
      subjectType: 'Recommendation',
      subjectId: recommendation.id,
      recommendationId: recommendation.id,
      recommendationCode: recommendation.code,
      code: recommendation.code,
      from: 'PROPOSED',
      to: 'UNDER_REVIEW',
      organizationIds: [organizationId],
      url: `http://localhost:3000/recommendations/${encodeURIComponent(recommendation.code)}`,
    });
    expect(typeof payload.data.eventId).toBe('string');
    // Another secret does not verify it.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(got.body, got.headers as Record<string, string>)).toThrow();
    await until(async () => (await deliveriesOf(endpoint.id))[0]?.status === 'DELIVERED');
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(got.headers['webhook-id']).toBe(delivery.id);
    expect(delivery).toMatchObject({ eventType: 'RECOMMENDATION_TRANSITIONED', attemptCount: 1, attempts: [{ number: 1, httpStatus: 204, error: null }] });
    // The secret is never in the audit trail.
    const audit = await t.sql<{ after: unknown }>(`SELECT after FROM audit_entry WHERE entity_type = 'WebhookEndpoint' AND entity_id = $1`, [endpoint.id]);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));
  });

  it('retries after a 500, with the same webhook-id, and logs both attempts', async () => {
    const { secret, endpoint } = await register('/fail-once-500');
    await transition((await newRecommendation()).id, 'UNDER_REVIEW');
    await until(() => receiver.at('/fail-once-500').length === 2);
    const [first, second] = receiver.at('/fail-once-500');
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(() => new Webhook(secret).verify(second.body, second.headers as Record<string, string>)).not.toThrow();
    await until(async () => (await deliveriesOf(endpoint.id))[0]?.status === 'DELIVERED');
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery.attempts).toEqual([
      { number: 1, httpStatus: 500, error: null, responseExcerpt: 'receiver broke' },
      { number: 2, httpStatus: 204, error: null, responseExcerpt: null },
    ]);
  });

  it('retries after a timeout', async () => {
    const { endpoint } = await register('/hang-once');
    await transition((await newRecommendation()).id, 'UNDER_REVIEW');
    await until(async () => (await deliveriesOf(endpoint.id))[0]?.status === 'DELIVERED');
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery.attempts).toEqual([
      { number: 1, httpStatus: null, error: `timed out after ${TIMEOUT_MS} ms`, responseExcerpt: null },
      { number: 2, httpStatus: 204, error: null, responseExcerpt: null },
    ]);
  });

  it('delivers nothing for a write that is rolled back', async () => {
    const { endpoint } = await register('/rolled-back');
    const recommendation = await newRecommendation();
    const refused = await t.gql(TRANSITION, { id: recommendation.id, to: 'IMPLEMENTED' });
    expect(refused.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    await pause(800);
    expect(receiver.at('/rolled-back')).toHaveLength(0);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(0);
  });

  it('delivers each event once with two instances working the queue, however often it is dispatched', async () => {
    const second = await createTestApp(FAST, { databaseUrl: t.databaseUrl });
    try {
      await second.app.get(JobWorker).start();
      const { endpoint } = await register('/two-instances');
      const recommendations = await Promise.all([1, 2, 3, 4, 5, 6].map(() => newRecommendation()));
      await Promise.all(recommendations.map((r, i) => transition(r.id, 'UNDER_REVIEW', i % 2 ? second : t)));
      await until(() => receiver.at('/two-instances').length >= 6);
      // A retried dispatch, on either instance, changes nothing.
      const events = await t.sql<{ id: string }>(`SELECT id FROM public_event WHERE recommendation_id = ANY($1::uuid[])`, [recommendations.map((r) => r.id)]);
      await Promise.all(events.flatMap(({ id }) => [t.app.get(PublicEventsService).dispatch(id), second.app.get(PublicEventsService).dispatch(id)]));
      await pause(800);
      const got = receiver.at('/two-instances');
      expect(got).toHaveLength(6);
      expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(6);
      expect(new Set(got.map((r) => (JSON.parse(r.body) as { data: { eventId: string } }).data.eventId))).toEqual(new Set(events.map((e) => e.id)));
      expect(await deliveriesOf(endpoint.id)).toHaveLength(6);
    } finally {
      await second.close();
    }
  });

  it('sends a delivery again on request, with the same webhook-id', async () => {
    const { endpoint } = await register('/redelivered');
    await transition((await newRecommendation()).id, 'UNDER_REVIEW');
    await until(async () => (await deliveriesOf(endpoint.id))[0]?.status === 'DELIVERED');
    const [delivery] = await deliveriesOf(endpoint.id);
    await t.gqlOk('mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }', { id: delivery.id });
    await until(() => receiver.at('/redelivered').length === 2);
    expect(receiver.at('/redelivered').map((r) => r.headers['webhook-id'])).toEqual([delivery.id, delivery.id]);
    await until(async () => (await deliveriesOf(endpoint.id))[0]?.attemptCount === 2);
    expect((await deliveriesOf(endpoint.id))[0].status).toBe('DELIVERED');
  });

  it('disables an endpoint that failed for a day and tells its owner', async () => {
    const ngo = (await createOrganization(t, { kind: 'NGO' })).id;
    const member = await createUser(t, { email: 'monitor@ngo.example', role: Role.NGO, organizationId: ngo });
    const outsider = await createUser(t, { email: 'other@ngo.example', role: Role.NGO, organizationId: (await createOrganization(t, { kind: 'NGO' })).id });
    const { endpoint } = await register('/down', ['RECOMMENDATION_TRANSITIONED'], { organizationId: ngo });
    // An NGO's endpoint hears of events about its organisation: make it responsible for one.
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id, responsibleOrganizationIds: [ngo] });
    await transition(recommendation.id, 'UNDER_REVIEW');
    await until(async () => (await deliveriesOf(endpoint.id))[0]?.attemptCount === 1);
    expect((await t.gqlOk<{ webhookEndpoint: { failingSince: string | null } }>(ENDPOINT, { id: endpoint.id })).webhookEndpoint.failingSince).not.toBeNull();
    // A day later the retry fails again: the endpoint is disabled.
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 25 * 60 * 60 * 1000));
    try {
      await t.sql(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = $1`, [`webhook:${(await deliveriesOf(endpoint.id))[0].id}`]);
      await until(async () => !(await t.gqlOk<{ webhookEndpoint: { active: boolean } }>(ENDPOINT, { id: endpoint.id })).webhookEndpoint.active);
    } finally {
      jest.restoreAllMocks();
    }
    const view = (await t.gqlOk<{ webhookEndpoint: { disabledReason: string } }>(ENDPOINT, { id: endpoint.id })).webhookEndpoint;
    expect(view.disabledReason).toMatch(/failed for 24 hours.*HTTP 500/);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'FAILED', attemptCount: 2 });
    await until(async () => (await t.sql(`SELECT 1 FROM notification WHERE kind = 'WEBHOOK_DISABLED' AND subject_id = $1`, [endpoint.id])).length > 0);
    const told = await t.sql<{ recipient_id: string; payload: { url: string } }>(`SELECT recipient_id, payload FROM notification WHERE kind = 'WEBHOOK_DISABLED' AND subject_id = $1`, [
      endpoint.id,
    ]);
    expect(told.map((n) => n.recipient_id)).toEqual([member.id]);
    expect(told[0].payload.url).toBe(receiver.url('/down'));
    expect(told.map((n) => n.recipient_id)).not.toContain(outsider.id);
    // Enabled again, with a clean record.
    const enabled = await t.gqlOk<{ updateWebhookEndpoint: { active: boolean; failingSince: string | null; disabledAt: string | null } }>(
      'mutation ($id: ID!) { updateWebhookEndpoint(input: { id: $id, active: true }) { active failingSince disabledAt } }',
      { id: endpoint.id },
    );
    expect(enabled.updateWebhookEndpoint).toEqual({ active: true, failingSince: null, disabledAt: null });
  });

  describe('who manages endpoints', () => {
    const token = async (name: string, role: string, organization: string | null = null) =>
      (
        await t.gqlOk<{ createApiToken: { token: string } }>('mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }', {
          input: { name, role, organizationId: organization },
        })
      ).createApiToken.token;

    it('lets an NGO manage only its own organisation’s endpoints', async () => {
      const ngoA = (await createOrganization(t, { kind: 'NGO' })).id;
      const ngoB = (await createOrganization(t, { kind: 'NGO' })).id;
      const a = { authorization: bearer(await token('ngo-a-hooks', 'NGO', ngoA)) };
      const b = { authorization: bearer(await token('ngo-b-hooks', 'NGO', ngoB)) };
      const viewer = { authorization: bearer(await token('viewer-hooks', 'VIEWER')) };
      const created = await t.gql(CREATE, { input: { url: receiver.url('/ngo-a'), eventTypes: ['ASSESSMENT_PUBLISHED'] } }, a);
      expect(created.errors).toBeUndefined();
      const id = created.data!.createWebhookEndpoint.endpoint.id as string;
      expect(created.data!.createWebhookEndpoint.endpoint.organizationId).toBe(ngoA);

      const seenByB = await t.gql('{ webhookEndpoints { id } }', {}, b);
      expect((seenByB.data!.webhookEndpoints as { id: string }[]).map((e) => e.id)).not.toContain(id);
      expect((await t.gql(ENDPOINT, { id }, b)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await t.gql('mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }', { id }, b)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await t.gql('mutation ($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret } }', { id }, b)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const forOther = await t.gql(CREATE, { input: { url: receiver.url('/ngo-b'), eventTypes: ['ASSESSMENT_PUBLISHED'], organizationId: ngoA } }, b);
      expect(forOther.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql('{ webhookEndpoints { id } }', {}, viewer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

      const seenByA = await t.gql('{ webhookEndpoints { id } }', {}, a);
      expect((seenByA.data!.webhookEndpoints as { id: string }[]).map((e) => e.id)).toEqual([id]);
      const rotated = await t.gql('mutation ($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret } }', { id }, a);
      expect(rotated.data!.rotateWebhookEndpointSecret.secret).toMatch(/^whsec_/);
      expect(rotated.data!.rotateWebhookEndpointSecret.secret).not.toBe(created.data!.createWebhookEndpoint.secret);
    });
  });

  describe('pages', () => {
    it('lets an NGO user register an endpoint, see its deliveries log and redeliver from it; not another organisation’s', async () => {
      const ngo = (await createOrganization(t, { kind: 'NGO' })).id;
      const user = await createUser(t, { email: 'hooks@ngo-pages.example', role: Role.NGO, organizationId: ngo });
      const other = await createUser(t, { email: 'hooks@other-ngo.example', role: Role.NGO, organizationId: (await createOrganization(t, { kind: 'NGO' })).id });
      const session = new WebSession(t);
      await session.signIn(user.email, user.password);
      const list = await session.get('/work/webhooks');
      expect(list.status).toBe(200);
      expect(list.text).toContain('href="/work/webhooks"');

      // A form with problems comes back with them, as typed.
      const invalid = await session.post('/work/webhooks', { url: 'not a url', description: '' });
      expect(invalid.status).toBe(400);
      expect(invalid.text).toContain('govuk-error-summary');
      expect(invalid.text).toContain('Choose at least one event');

      const created = await session.post('/work/webhooks', { url: receiver.url('/page'), description: 'Our monitor', eventTypes: ['recommendation.transitioned'] });
      expect(created.status).toBe(200);
      const secret = /whsec_[A-Za-z0-9+/=]+/.exec(created.text)?.[0];
      expect(secret).toBeDefined();
      const [{ id }] = await t.sql<{ id: string }>('SELECT id FROM webhook_endpoint WHERE organization_id = $1', [ngo]);

      const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id, responsibleOrganizationIds: [ngo] });
      await transition(recommendation.id, 'UNDER_REVIEW');
      await until(async () => (await deliveriesOf(id))[0]?.status === 'DELIVERED');
      const [delivery] = await deliveriesOf(id);
      const page = await session.get(`/work/webhooks/${id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(delivery.id);
      expect(page.text).toContain('HTTP 204');
      expect(page.text).toContain(`/work/webhooks/${id}/deliveries/${delivery.id}/redeliver`);
      const redelivered = await session.post(`/work/webhooks/${id}/deliveries/${delivery.id}/redeliver`);
      expect(redelivered.status).toBe(303);
      expect(redelivered.headers.location).toBe(`/work/webhooks/${id}?done=redelivered`);
      await until(() => receiver.at('/page').length === 2);
      const [first, again] = receiver.at('/page');
      expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);
      expect(() => new Webhook(secret!).verify(again.body, again.headers as Record<string, string>)).not.toThrow();

      // Without the CSRF token nothing is sent again.
      const forged = await session.agent.post(`/work/webhooks/${id}/deliveries/${delivery.id}/redeliver`).type('form').send({});
      expect(forged.status).toBe(403);

      const disabled = await session.post(`/work/webhooks/${id}/disable`);
      expect(disabled.headers.location).toBe(`/work/webhooks/${id}?done=disabled`);
      expect((await session.get(`/work/webhooks/${id}`)).text).toContain('Enable again');

      const outsider = new WebSession(t);
      await outsider.signIn(other.email, other.password);
      expect((await outsider.get(`/work/webhooks/${id}`)).status).toBe(404);
      expect((await outsider.get('/work/webhooks')).text).not.toContain(receiver.url('/page'));
      expect((await outsider.get('/admin/webhooks')).status).toBe(403);
    });

    it('shows ADMINs every endpoint under /admin/webhooks, in the page language', async () => {
      await register('/admin-page');
      const admin = await createUser(t, { email: 'hooks-admin@example.kg', role: Role.ADMIN, language: 'ky' });
      const session = new WebSession(t);
      await session.signIn(admin.email, admin.password);
      const page = await session.get('/admin/webhooks?lang=ky');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Вебхуктар');
      expect(page.text).toContain(receiver.url('/admin-page'));
      expect((await session.get('/work/webhooks')).status).toBe(403);
    });
  });

  describe('destinations', () => {
    let strict: TestApp;
    beforeAll(async () => {
      strict = await createTestApp({ JOBS_POLL_INTERVAL_MS: '200', WEBHOOKS_TIMEOUT_MS: '600' });
      await strict.app.get(JobWorker).start();
    });
    afterAll(async () => {
      await strict?.close();
    });

    it.each([
      ['http://127.0.0.1:9/hook', /https/],
      ['https://127.0.0.1/hook', /127\.0\.0\.1/],
      ['https://10.0.0.7/hook', /10\.0\.0\.7/],
      ['https://169.254.169.254/latest/meta-data', /169\.254/],
      ['https://[::1]/hook', /::1/],
      ['https://[::ffff:127.0.0.1]/hook', /127\.0\.0\.1/],
      ['https://[fd00::5]/hook', /fd00/],
    ])('refuses %s at registration without WEBHOOKS_ALLOW_PRIVATE_ADDRESSES', async (url, why) => {
      const res = await strict.gql(CREATE, { input: { url, eventTypes: ['RECOMMENDATION_TRANSITIONED'] } });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(why);
    });

    it('refuses a name that resolves to loopback, and checks again on the address connected to (DNS rebinding)', async () => {
      const sender = strict.app.get(WebhookSender);
      let answer = '127.0.0.1';
      sender.useResolver(async () => [{ address: answer, family: 4 }]);
      try {
        const refused = await strict.gql(CREATE, { input: { url: 'https://hooks.example.org/in', eventTypes: ['RECOMMENDATION_TRANSITIONED'] } });
        expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        // Public when registered…
        answer = '93.184.215.14';
        const { endpoint } = (
          await strict.gqlOk<{ createWebhookEndpoint: { endpoint: { id: string } } }>(CREATE, {
            input: { url: 'https://hooks.example.org/in', eventTypes: ['RECOMMENDATION_TRANSITIONED'] },
          })
        ).createWebhookEndpoint;
        // …loopback when delivered: refused on the address the socket would connect to.
        answer = '127.0.0.1';
        const organization = (await createOrganization(strict, { kind: 'MINISTRY' })).id;
        const recommendation = await createRecommendation(strict, { meetingId: (await createMeeting(strict)).id, responsibleOrganizationIds: [organization] });
        await transition(recommendation.id, 'UNDER_REVIEW', strict);
        await until(async () => (await deliveriesOf(endpoint.id, strict))[0]?.attemptCount === 1);
        const [delivery] = await deliveriesOf(endpoint.id, strict);
        expect(delivery.status).toBe('PENDING');
        expect(delivery.attempts[0]).toMatchObject({ httpStatus: null, error: expect.stringMatching(/refused: 127\.0\.0\.1/) });
      } finally {
        sender.useResolver(null);
      }
    });
  });
});
