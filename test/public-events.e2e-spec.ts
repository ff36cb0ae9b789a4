import { Client } from 'pg';
import { JobWorker } from '../src/jobs/job-worker';
import { PublicEvent, PublicEventType } from '../src/public-events/public-event';
import { PUBLIC_EVENTS_CHANNEL } from '../src/public-events/public-events.repository';
import { PublicEventsService } from '../src/public-events/public-events.service';
import { createIndicator, createMeeting, createOrganization, createRecommendation, recordValue } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

async function until(done: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const TRANSITION = 'mutation ($id: ID!, $to: RecommendationStatus!) { transitionRecommendation(input: { id: $id, to: $to }) { id version } }';

/**
 * Public events (issue 26): the one path by which public happenings leave the service. Each is
 * written with its write, announced at commit, and dispatched by a job to every consumer.
 */
describe('public events', () => {
  let t: TestApp;
  let listener: Client;
  const announced: string[] = [];
  const events = () =>
    t.sql<{ type: string; subject_id: string; recommendation_id: string | null; indicator_id: string | null; organization_ids: string[]; data: Record<string, unknown> }>(
      'SELECT type, subject_id, recommendation_id, indicator_id, organization_ids, data FROM public_event ORDER BY occurred_at, id',
    );

  beforeAll(async () => {
    t = await createTestApp({ JOBS_POLL_INTERVAL_MS: '200' });
    listener = new Client({ connectionString: t.databaseUrl });
    await listener.connect();
    listener.on('notification', (message) => {
      if (message.channel === PUBLIC_EVENTS_CHANNEL && message.payload) announced.push(message.payload);
    });
    await listener.query(`LISTEN ${PUBLIC_EVENTS_CHANNEL}`);
  });
  afterAll(async () => {
    await listener?.end();
    await t?.close();
  });

  it('writes a transition with its recommendation and responsible organisations, and announces it at commit', async () => {
    const organization = await createOrganization(t, { kind: 'MINISTRY' });
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id, responsibleOrganizationIds: [organization.id] });
    const moved = (await t.gqlOk<{ transitionRecommendation: { version: number } }>(TRANSITION, { id: recommendation.id, to: 'UNDER_REVIEW' })).transitionRecommendation;
    const [event] = await events();
    expect(event).toEqual({
      type: PublicEventType.RECOMMENDATION_TRANSITIONED,
      subject_id: recommendation.id,
      recommendation_id: recommendation.id,
      indicator_id: null,
      organization_ids: [organization.id],
      data: { code: recommendation.code, from: 'PROPOSED', to: 'UNDER_REVIEW', version: moved.version },
    });
    const [{ id }] = await t.sql<{ id: string }>('SELECT id FROM public_event');
    await until(() => announced.includes(id));
    // No consumer has anything to do with it (no webhook endpoint, no follower): no dispatch job.
    expect((await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'public-events.dispatch'`))[0].n).toBe(0);
  });

  it('writes, announces and dispatches nothing for a write that fails', async () => {
    const before = (await events()).length;
    const jobsBefore = (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'public-events.dispatch'`))[0].n;
    const announcedBefore = announced.length;
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    // PROPOSED cannot jump to IMPLEMENTED: the transition is refused and rolled back.
    const refused = await t.gql(TRANSITION, { id: recommendation.id, to: 'IMPLEMENTED' });
    expect(refused.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await events()).length).toBe(before);
    expect((await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'public-events.dispatch'`))[0].n).toBe(jobsBefore);
    expect(announced.length).toBe(announcedBefore);
  });

  it('writes an approved value with its indicator and organisation; a value waiting for review only as reported, without its figure', async () => {
    const organization = await createOrganization(t, { kind: 'MINISTRY' });
    const indicator = await createIndicator(t, { responsibleOrganizationId: organization.id });
    const before = (await events()).length;
    const waiting = await recordValue(t, { indicatorId: indicator.id, period: '2025', value: 12 }, { approve: false });
    // That the period was reported is public (reporting completeness); its figure is not until approved.
    expect((await events()).slice(before)).toEqual([
      {
        type: PublicEventType.INDICATOR_VALUE_SUBMITTED,
        subject_id: waiting.id,
        recommendation_id: null,
        indicator_id: indicator.id,
        organization_ids: [organization.id],
        data: { period: '2025' },
      },
    ]);
    const value = await recordValue(t, { indicatorId: indicator.id, period: '2026', value: 14 });
    const approved = (await events()).slice(before).filter((e) => e.type === String(PublicEventType.INDICATOR_VALUE_APPROVED));
    expect(approved).toEqual([
      {
        type: PublicEventType.INDICATOR_VALUE_APPROVED,
        subject_id: value.id,
        recommendation_id: null,
        indicator_id: indicator.id,
        organization_ids: [organization.id],
        data: { versionId: expect.any(String), versionNumber: 1, value: 14 },
      },
    ]);
  });

  it('adds a dispatch job only when some consumer is interested in the event, by its SQL', async () => {
    const service = t.app.get(PublicEventsService);
    const jobs = async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'public-events.dispatch'`))[0].n;
    const picky = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    service.registerConsumer('test.picky', async () => undefined, { interest: `event.recommendation_id = '${picky.id}'::uuid` });
    await t.gqlOk(TRANSITION, { id: (await createRecommendation(t, { meetingId: (await createMeeting(t)).id })).id, to: 'UNDER_REVIEW' });
    expect(await jobs()).toBe(0);
    await t.gqlOk(TRANSITION, { id: picky.id, to: 'UNDER_REVIEW' });
    expect(await jobs()).toBe(1);
  });

  it('hands each committed event to every consumer, again after a consumer fails', async () => {
    const service = t.app.get(PublicEventsService);
    const seen: PublicEvent[] = [];
    const failedFor = new Set<string>();
    service.registerConsumer('test.collect', async (event) => {
      seen.push(event);
    });
    // Fails the first time it is handed each event.
    service.registerConsumer('test.flaky', async (event) => {
      if (!failedFor.has(event.id)) {
        failedFor.add(event.id);
        throw new Error('receiver down');
      }
    });
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    await t.gqlOk(TRANSITION, { id: recommendation.id, to: 'UNDER_REVIEW' });
    await t.app.get(JobWorker).start();
    await until(() => seen.filter((e) => e.subjectId === recommendation.id).length === 2, 30_000);
    const mine = seen.filter((e) => e.subjectId === recommendation.id);
    // The first attempt failed in one consumer: the retry hands the same event to both again.
    expect(mine.map((e) => e.id)).toEqual([mine[0].id, mine[0].id]);
    expect(mine[0]).toMatchObject({ type: PublicEventType.RECOMMENDATION_TRANSITIONED, recommendationId: recommendation.id, occurredAt: expect.any(Date) });
    await until(async () => (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'public-events.dispatch'`))[0].n === 0, 30_000);
  }, 60_000);
});
