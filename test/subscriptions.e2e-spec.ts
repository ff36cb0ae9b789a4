import WebSocket from 'ws';
import { LiveEventHub } from '../src/live-updates/live-event-hub';
import { PublicEventsListener } from '../src/live-updates/public-events.listener';
import { createIndicator, createMeeting, createOrganization, createRecommendation, recordValue } from './support/factories';
import { collect, liveClient, subscriptionUrl, until } from './support/subscriptions';
import { bearer, createTestApp, TestApp, TEST_ADMIN_TOKEN } from './support/test-app';

const TRANSITION = 'mutation ($id: ID!, $to: RecommendationStatus!) { transitionRecommendation(input: { id: $id, to: $to }) { id version } }';
const EVENTS = `subscription ($types: [PublicEventType!], $recommendationId: ID, $indicatorId: ID, $organizationId: ID) {
  publicEvent(types: $types, recommendationId: $recommendationId, indicatorId: $indicatorId, organizationId: $organizationId) {
    id type occurredAt subjectType subjectId recommendationId indicatorId organizationIds
    recommendation { id status } indicator { id code } assessment { id }
  }
}`;
const VERSIONS = 'subscription { dataVersionChanged { version changedAt } }';

interface EventMessage {
  publicEvent: { id: string; type: string; subjectId: string; recommendationId: string | null; indicatorId: string | null; organizationIds: string[]; recommendation: { id: string; status: string } | null; indicator: { id: string } | null };
}

/**
 * Live updates (issue 26): GraphQL subscriptions over WebSocket with graphql-ws's own client,
 * across two instances on one database: A takes the writes, B serves the subscribers.
 */
describe('subscriptions', () => {
  let a: TestApp;
  let b: TestApp;
  let urlA: string;
  let urlB: string;
  const clients: { dispose: () => void | Promise<void> }[] = [];
  const client = (url: string, authorization?: string) => {
    const made = liveClient(url, authorization);
    clients.push(made);
    return made;
  };
  const hubB = () => b.app.get(LiveEventHub);
  /** Subscribes on B and waits until B has registered it (the subscribe message is asynchronous). */
  const subscribed = async <T,>(authorization: string, query: string, variables: Record<string, unknown> = {}) => {
    const count = () => (query.includes('dataVersionChanged') ? hubB().dataVersionSubscribers : hubB().publicEventSubscribers);
    const before = count();
    const received = collect<T>(client(urlB, authorization), query, variables);
    await until(() => count() > before || received.completed);
    return received;
  };

  beforeAll(async () => {
    a = await createTestApp();
    // B re-checks access every second (revocation test) and lets anonymous readers in (A does not).
    b = await createTestApp({ SUBSCRIPTION_ACCESS_RECHECK_SECONDS: '1', PUBLIC_READ: 'true' }, { databaseUrl: a.databaseUrl });
    await a.app.listen(0, '127.0.0.1');
    await b.app.listen(0, '127.0.0.1');
    urlA = subscriptionUrl(a.app);
    urlB = subscriptionUrl(b.app);
    await until(() => b.app.get(PublicEventsListener).listening);
  });
  afterAll(async () => {
    await Promise.all(clients.map(async (c) => c.dispose()));
    await b?.close();
    await a?.close();
  });

  it('sends a subscriber on instance B the transition committed through instance A, with the records through their fields', async () => {
    const organization = await createOrganization(a, { kind: 'MINISTRY' });
    const recommendation = await createRecommendation(a, { meetingId: (await createMeeting(a)).id, responsibleOrganizationIds: [organization.id] });
    const received = await subscribed<EventMessage>(bearer(TEST_ADMIN_TOKEN), EVENTS);
    await a.gqlOk(TRANSITION, { id: recommendation.id, to: 'UNDER_REVIEW' });
    await until(() => received.data.length === 1);
    const [{ id: eventId }] = await a.sql<{ id: string }>('SELECT id FROM public_event WHERE subject_id = $1', [recommendation.id]);
    expect(received.data[0].publicEvent).toMatchObject({
      id: eventId,
      type: 'RECOMMENDATION_TRANSITIONED',
      subjectType: 'Recommendation',
      subjectId: recommendation.id,
      recommendationId: recommendation.id,
      indicatorId: null,
      organizationIds: [organization.id],
      recommendation: { id: recommendation.id, status: 'UNDER_REVIEW' },
      indicator: null,
      assessment: null,
    });
    expect(received.errors).toEqual([]);
    received.stop();
    await until(() => hubB().publicEventSubscribers === 0);
  });

  it('sends each subscriber only the events its filters match', async () => {
    const organization = await createOrganization(a, { kind: 'MINISTRY' });
    const meetingId = (await createMeeting(a)).id;
    const watched = await createRecommendation(a, { meetingId, responsibleOrganizationIds: [organization.id] });
    const other = await createRecommendation(a, { meetingId });
    const indicator = await createIndicator(a, { responsibleOrganizationId: organization.id });
    const admin = bearer(TEST_ADMIN_TOKEN);
    const byRecommendation = await subscribed<EventMessage>(admin, EVENTS, { recommendationId: watched.id });
    const byOrganization = await subscribed<EventMessage>(admin, EVENTS, { organizationId: organization.id });
    const valuesOnly = await subscribed<EventMessage>(admin, EVENTS, { types: ['INDICATOR_VALUE_APPROVED'] });
    const byIndicator = await subscribed<EventMessage>(admin, EVENTS, { indicatorId: indicator.id, types: ['INDICATOR_VALUE_APPROVED', 'RECOMMENDATION_TRANSITIONED'] });
    await a.gqlOk(TRANSITION, { id: other.id, to: 'UNDER_REVIEW' });
    await a.gqlOk(TRANSITION, { id: watched.id, to: 'UNDER_REVIEW' });
    await recordValue(a, { indicatorId: indicator.id, period: '2025', value: 3 });
    await until(() => byOrganization.data.length === 3 && valuesOnly.data.length >= 1 && byIndicator.data.length === 1 && byRecommendation.data.length === 1);
    // A moment for anything that should not come to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(byRecommendation.data.map((m) => m.publicEvent.recommendationId)).toEqual([watched.id]);
    // The organisation's recommendation moved, then its indicator's value was reported (without its figure) and approved.
    expect(byOrganization.data.map((m) => m.publicEvent.type)).toEqual(['RECOMMENDATION_TRANSITIONED', 'INDICATOR_VALUE_SUBMITTED', 'INDICATOR_VALUE_APPROVED']);
    expect(byOrganization.data[0].publicEvent.subjectId).toBe(watched.id);
    expect(byOrganization.data[2].publicEvent).toMatchObject({ type: 'INDICATOR_VALUE_APPROVED', indicatorId: indicator.id, indicator: { id: indicator.id } });
    expect(valuesOnly.data.map((m) => m.publicEvent.type)).toEqual(['INDICATOR_VALUE_APPROVED']);
    expect(byIndicator.data.map((m) => m.publicEvent.indicatorId)).toEqual([indicator.id]);
    for (const received of [byRecommendation, byOrganization, valuesOnly, byIndicator]) received.stop();
    await until(() => hubB().publicEventSubscribers === 0);
  });

  it('sends a published assessment with the version through its field, and a VIEWER reads it as the public does', async () => {
    const ngo = await createOrganization(a, { kind: 'NGO' });
    const token = async (role: string, organizationId: string | null) =>
      (
        await a.gqlOk<{ createApiToken: { token: string } }>(
          'mutation ($role: Role!, $o: ID) { createApiToken(input: { name: "live", role: $role, organizationId: $o }) { token } }',
          { role, o: organizationId },
        )
      ).createApiToken.token;
    const ngoToken = await token('NGO', ngo.id);
    const recommendation = await createRecommendation(a, { meetingId: (await createMeeting(a)).id });
    const received = await subscribed<{ publicEvent: { type: string; subjectId: string; assessment: { id: string; status: string; reviewStatus: string; submittedBy: string | null } | null } }>(
      bearer(await token('VIEWER', null)),
      'subscription ($r: ID) { publicEvent(recommendationId: $r, types: [ASSESSMENT_PUBLISHED]) { type subjectId assessment { id status reviewStatus submittedBy } } }',
      { r: recommendation.id },
    );
    const submitted = await a.gql<{ submitAssessment: { id: string } }>(
      'mutation ($r: ID!) { submitAssessment(input: { recommendationId: $r, status: STALLED, text: "Stalled" }) { id } }',
      { r: recommendation.id },
      { authorization: bearer(ngoToken) },
    );
    const versionId = submitted.data!.submitAssessment.id;
    await a.gqlOk('mutation ($id: ID!) { publishAssessment(input: { id: $id }) { id } }', { id: versionId });
    await until(() => received.data.length === 1);
    // submittedBy is for the organisation and the secretariat only: the field rule holds in a subscription too.
    expect(received.data[0].publicEvent).toEqual({
      type: 'ASSESSMENT_PUBLISHED',
      subjectId: versionId,
      assessment: { id: versionId, status: 'STALLED', reviewStatus: 'PUBLISHED', submittedBy: null },
    });
    expect(received.errors).toEqual([]);
    received.stop();
  });

  it('sends nothing for a write that is rolled back', async () => {
    const meetingId = (await createMeeting(a)).id;
    const refused = await createRecommendation(a, { meetingId });
    const moved = await createRecommendation(a, { meetingId });
    const received = await subscribed<EventMessage>(bearer(TEST_ADMIN_TOKEN), EVENTS);
    // PROPOSED cannot jump to IMPLEMENTED: refused, rolled back with its event.
    const answer = await a.gql(TRANSITION, { id: refused.id, to: 'IMPLEMENTED' });
    expect(answer.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    await a.gqlOk(TRANSITION, { id: moved.id, to: 'UNDER_REVIEW' });
    await until(() => received.data.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.data.map((m) => m.publicEvent.subjectId)).toEqual([moved.id]);
    received.stop();
  });

  it('sends the data version when subscribed, then after each write committed on the other instance', async () => {
    const received = await subscribed<{ dataVersionChanged: { version: string; changedAt: string } }>(bearer(TEST_ADMIN_TOKEN), VERSIONS);
    await until(() => received.data.length === 1);
    const [{ version: first }] = await a.sql<{ version: string }>('SELECT version::text FROM data_version');
    expect(received.data[0].dataVersionChanged.version).toBe(first);
    await createMeeting(a);
    await until(() => received.data.length >= 2);
    const [{ version: after }] = await a.sql<{ version: string }>('SELECT version::text FROM data_version');
    expect(BigInt(received.data.at(-1)!.dataVersionChanged.version)).toBe(BigInt(after));
    expect(BigInt(after)).toBeGreaterThan(BigInt(first));
    received.stop();
  });

  it('follows the data version by reading it where the instance does not LISTEN for it (DATA_VERSION_LISTEN=false)', async () => {
    const c = await createTestApp({ DATA_VERSION_LISTEN: 'false' }, { databaseUrl: a.databaseUrl });
    try {
      await c.app.listen(0, '127.0.0.1');
      const live = client(subscriptionUrl(c.app), bearer(TEST_ADMIN_TOKEN));
      const received = collect<{ dataVersionChanged: { version: string } }>(live, VERSIONS);
      await until(() => received.data.length === 1);
      const first = BigInt(received.data[0].dataVersionChanged.version);
      await createMeeting(a);
      // Read every 2 s while someone subscribes.
      await until(() => received.data.length >= 2, 6_000);
      expect(BigInt(received.data.at(-1)!.dataVersionChanged.version)).toBeGreaterThan(first);
      await live.dispose();
    } finally {
      await c.close();
    }
  }, 20_000);

  it('refuses an anonymous subscriber where anonymous reading is off, and serves one where it is on', async () => {
    const refused = client(urlA);
    expect(await refused.closed).toEqual({ code: 4401, reason: expect.stringMatching(/^UNAUTHENTICATED: /) });
    const badToken = client(urlB, bearer('rtt_not-a-token'));
    expect(await badToken.closed).toEqual({ code: 4401, reason: 'UNAUTHENTICATED: unknown token' });
    const anonymous = await subscribed<{ dataVersionChanged: { version: string } }>('', VERSIONS);
    await until(() => anonymous.data.length === 1);
    expect(anonymous.errors).toEqual([]);
    anonymous.stop();
  });

  it('stops sending to a token revoked while it is subscribed', async () => {
    const created = await a.gqlOk<{ createApiToken: { token: string; apiToken: { id: string } } }>(
      'mutation { createApiToken(input: { name: "live-dashboard", role: VIEWER }) { token apiToken { id } } }',
    );
    const received = await subscribed<EventMessage>(bearer(created.createApiToken.token), EVENTS);
    const meetingId = (await createMeeting(a)).id;
    const first = await createRecommendation(a, { meetingId });
    await a.gqlOk(TRANSITION, { id: first.id, to: 'UNDER_REVIEW' });
    await until(() => received.data.length === 1);
    await a.gqlOk('mutation ($id: ID!) { revokeApiToken(id: $id) { id } }', { id: created.createApiToken.apiToken.id });
    // B re-checks at most every second (SUBSCRIPTION_ACCESS_RECHECK_SECONDS=1).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await createRecommendation(a, { meetingId });
    await a.gqlOk(TRANSITION, { id: second.id, to: 'UNDER_REVIEW' });
    await until(() => received.completed);
    expect(received.data).toHaveLength(1);
    expect(received.errors).toEqual([[expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]]);
  });

  it('holds subscriptions to the query limits and serves nothing but subscriptions over WebSocket', async () => {
    const admin = client(urlB, bearer(TEST_ADMIN_TOKEN));
    const query = collect(admin, '{ organizations { id } }');
    const deep = collect(
      admin,
      'subscription { publicEvent { recommendation { meeting { recommendations { meeting { recommendations { meeting { recommendations { meeting { recommendations { meeting { recommendations { id } } } } } } } } } } } } }',
    );
    const unknownField = collect(admin, 'subscription { publicEvent { nothingHere } }');
    await until(() => query.completed && deep.completed && unknownField.completed);
    expect(query.errors[0][0]).toMatchObject({ message: expect.stringContaining('only subscriptions'), extensions: { code: 'BAD_USER_INPUT' } });
    expect(deep.errors[0][0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', subcode: 'QUERY_TOO_COMPLEX', limit: 'maxDepth' } });
    expect(unknownField.errors[0][0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const badFilter = collect(admin, EVENTS, { recommendationId: 'not-an-id' });
    await until(() => badFilter.completed);
    expect(badFilter.errors[0][0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('closes a connection whose message is over REQUEST_BODY_LIMIT (1009), before it is read whole', async () => {
    const socket = new WebSocket(urlB, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: bearer(TEST_ADMIN_TOKEN) } }));
    // The default limit is 100kb.
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { dataVersionChanged { version } } # ${'x'.repeat(110 * 1024)}` } }));
    expect(await closed).toBe(1009);
  });

  it('sends the events committed while its LISTEN connection was down once it is back', async () => {
    const received = await subscribed<EventMessage>(bearer(TEST_ADMIN_TOKEN), EVENTS);
    const listener = b.app.get(PublicEventsListener);
    listener.simulateLoss();
    expect(listener.listening).toBe(false);
    const recommendation = await createRecommendation(a, { meetingId: (await createMeeting(a)).id });
    await a.gqlOk(TRANSITION, { id: recommendation.id, to: 'UNDER_REVIEW' });
    await until(() => listener.listening, 5_000);
    await until(() => received.data.length === 1, 5_000);
    expect(received.data[0].publicEvent.subjectId).toBe(recommendation.id);
    received.stop();
  }, 20_000);
});
