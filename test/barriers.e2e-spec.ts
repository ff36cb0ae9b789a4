import { expectError } from './support/expect-error';
import { BarrierCategory, createBarrier, createMeeting, MeetingResult, unique } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const CREATE_BARRIER = `mutation ($input: CreateBarrierInput!) {
  createBarrier(input: $input) { id title description category meetings { id heldOn } }
}`;
const BARRIERS = `query ($category: BarrierCategory) { barriers(category: $category) { id title category } }`;
const UNKNOWN_ID = '2d3c4b5a-6978-4877-a665-544332211000';

describe('barriers', () => {
  let t: TestApp;
  let spring: MeetingResult;
  let autumn: MeetingResult;

  const counts = async () =>
    (
      await t.sql<{ barriers: number; links: number }>(
        'SELECT (SELECT count(*) FROM barrier)::int AS barriers, (SELECT count(*) FROM barrier_meeting)::int AS links',
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp();
    autumn = await createMeeting(t, { title: 'Autumn roundtable', heldOn: '2024-10-01' });
    spring = await createMeeting(t, { title: 'Spring roundtable', heldOn: '2024-04-01' });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('createBarrier', () => {
    it('creates a barrier raised in two meetings; Barrier.meetings lists both by date', async () => {
      const { createBarrier: barrier } = await t.gqlOk(CREATE_BARRIER, {
        input: {
          title: 'Few women know the quota rules',
          description: 'Candidates learn of the 30% quota too late.',
          category: 'LEGAL',
          meetingIds: [autumn.id, spring.id],
        },
      });
      expect(barrier).toEqual({
        id: expect.any(String),
        title: 'Few women know the quota rules',
        description: 'Candidates learn of the 30% quota too late.',
        category: 'LEGAL',
        meetings: [
          { id: spring.id, heldOn: '2024-04-01' },
          { id: autumn.id, heldOn: '2024-10-01' },
        ],
      });
      const links = await t.sql('SELECT meeting_id::text AS id FROM barrier_meeting WHERE barrier_id = $1 ORDER BY 1', [
        barrier.id,
      ]);
      expect(links.map((l) => l.id)).toEqual([autumn.id, spring.id].sort());
    });

    it('links a meeting given twice only once', async () => {
      const { createBarrier: barrier } = await t.gqlOk(CREATE_BARRIER, {
        input: { title: unique('Barrier'), category: 'OTHER', meetingIds: [spring.id, spring.id] },
      });
      expect(barrier.meetings).toEqual([{ id: spring.id, heldOn: '2024-04-01' }]);
      expect((await t.sql('SELECT count(*)::int AS n FROM barrier_meeting WHERE barrier_id = $1', [barrier.id]))[0].n).toBe(1);
    });

    it('refuses an empty meetingIds with BAD_USER_INPUT and writes nothing', async () => {
      const before = await counts();
      const res = await t.gql(CREATE_BARRIER, { input: { title: 'Orphan', category: 'LEGAL', meetingIds: [] } });
      expectError(res, 'BAD_USER_INPUT', /^meetingIds: /);
      expect(await counts()).toEqual(before);
    });

    it('refuses an unknown meeting with NOT_FOUND and writes nothing', async () => {
      const before = await counts();
      const res = await t.gql(CREATE_BARRIER, {
        input: { title: 'Half raised', category: 'LEGAL', meetingIds: [spring.id, UNKNOWN_ID] },
      });
      const error = expectError(res, 'NOT_FOUND', /meetingIds/);
      expect(error.message).toContain(UNKNOWN_ID);
      expect(await counts()).toEqual(before);
    });

    it('refuses a meeting id that is not a UUID with BAD_USER_INPUT', async () => {
      const before = await counts();
      const res = await t.gql(CREATE_BARRIER, { input: { title: 'Bad id', category: 'LEGAL', meetingIds: ['sokuluk'] } });
      expectError(res, 'BAD_USER_INPUT', /meetingIds/);
      expect(await counts()).toEqual(before);
    });

    it('refuses a blank title naming the field', async () => {
      const res = await t.gql(CREATE_BARRIER, { input: { title: '  ', category: 'LEGAL', meetingIds: [spring.id] } });
      expectError(res, 'BAD_USER_INPUT', /^title: /);
    });

    it('refuses an unknown category with BAD_USER_INPUT', async () => {
      const res = await t.gql(CREATE_BARRIER, { input: { title: 'X', category: 'WEATHER', meetingIds: [spring.id] } });
      expectError(res, 'BAD_USER_INPUT', /category|BarrierCategory/);
    });
  });

  describe('barriers(category:) and Meeting.barriers', () => {
    const ids: Partial<Record<BarrierCategory | 'meeting', string>> = {};

    beforeAll(async () => {
      const meeting = await createMeeting(t, { title: 'Filter meeting', heldOn: '2025-05-05' });
      ids.meeting = meeting.id;
      ids.FINANCIAL = (await createBarrier(t, { title: 'B: no campaign funds', category: 'FINANCIAL', meetingIds: [meeting.id] })).id;
      ids.CONFIDENCE = (await createBarrier(t, { title: 'A: fear of public speaking', category: 'CONFIDENCE', meetingIds: [meeting.id] })).id;
      ids.EDUCATION = (await createBarrier(t, { title: 'C: no mentors', category: 'EDUCATION', meetingIds: [meeting.id, autumn.id] })).id;
    });

    it('filters by category', async () => {
      const { barriers } = await t.gqlOk(BARRIERS, { category: 'FINANCIAL' });
      expect(barriers).toEqual([{ id: ids.FINANCIAL, title: 'B: no campaign funds', category: 'FINANCIAL' }]);

      const { barriers: confidence } = await t.gqlOk(BARRIERS, { category: 'CONFIDENCE' });
      expect(confidence).toEqual([{ id: ids.CONFIDENCE, title: 'A: fear of public speaking', category: 'CONFIDENCE' }]);

      const { barriers: none } = await t.gqlOk(BARRIERS, { category: 'SOCIAL_SUPPORT' });
      expect(none).toEqual([]);
    });

    it('lists every barrier, by title, without a category', async () => {
      const { barriers } = await t.gqlOk<{ barriers: { id: string; category: string }[] }>(BARRIERS);
      const [{ n }] = await t.sql('SELECT count(*)::int AS n FROM barrier');
      expect(barriers).toHaveLength(n);
      const categories = await t.sql<{ c: string }>('SELECT DISTINCT category::text AS c FROM barrier');
      expect(new Set(barriers.map((b) => b.category))).toEqual(new Set(categories.map((r) => r.c)));
      expect(categories.length).toBeGreaterThanOrEqual(3);
      const ours = barriers.map((b) => b.id).filter((id) => [ids.CONFIDENCE, ids.FINANCIAL, ids.EDUCATION].includes(id));
      expect(ours).toEqual([ids.CONFIDENCE, ids.FINANCIAL, ids.EDUCATION]);
    });

    it('refuses an unknown category with BAD_USER_INPUT', async () => {
      expectError(await t.gql(BARRIERS, { category: 'WEATHER' }), 'BAD_USER_INPUT');
    });

    it('Meeting.barriers lists the barriers raised in the meeting, by title', async () => {
      const { meeting } = await t.gqlOk(`query ($id: ID!) { meeting(id: $id) { barriers { id title } } }`, { id: ids.meeting });
      expect(meeting.barriers).toEqual([
        { id: ids.CONFIDENCE, title: 'A: fear of public speaking' },
        { id: ids.FINANCIAL, title: 'B: no campaign funds' },
        { id: ids.EDUCATION, title: 'C: no mentors' },
      ]);
    });

    it('a barrier raised in several meetings appears under each; Barrier.meetings lists them', async () => {
      const { meetings } = await t.gqlOk(`{ meetings(first: 100) { edges { node { id barriers { id } } } } }`);
      const barriersOf = (id: string) =>
        (meetings.edges as { node: { id: string; barriers: { id: string }[] } }[]).find((e) => e.node.id === id)!.node.barriers.map((b) => b.id);
      expect(barriersOf(ids.meeting!)).toContain(ids.EDUCATION);
      expect(barriersOf(autumn.id)).toContain(ids.EDUCATION);
      expect(barriersOf(spring.id)).not.toContain(ids.EDUCATION);

      const { barriers } = await t.gqlOk(`{ barriers(category: EDUCATION) { id meetings { id } } }`);
      expect(barriers).toEqual([{ id: ids.EDUCATION, meetings: [{ id: autumn.id }, { id: ids.meeting }] }]);
    });
  });
});
