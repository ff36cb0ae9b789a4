import { createMeeting } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const TRANSITION = `mutation ($input: TransitionRecommendationInput!) {
  transitionRecommendation(input: $input) {
    id status version
    statusHistory { from to changedAt changedBy note evidenceUrl }
  }
}`;

describe('recommendation lifecycle', () => {
  let t: TestApp;
  let meetingId: string;

  const createRecommendation = async (): Promise<string> => {
    const data = await t.gqlOk<{ createRecommendation: { id: string } }>(
      `mutation ($input: CreateRecommendationInput!) { createRecommendation(input: $input) { id } }`,
      { input: { title: 'Education and mentorship programmes', kind: 'MENTORSHIP', meetingId } },
    );
    return data.createRecommendation.id;
  };
  const transition = (input: Record<string, unknown>) => t.gql(TRANSITION, { input });
  const state = async (id: string) => {
    const [row] = await t.sql<{ status: string; version: number; history: number }>(
      `SELECT r.status::text AS status, r.version, (SELECT count(*) FROM status_change s WHERE s.recommendation_id = r.id)::int AS history
         FROM recommendation r WHERE r.id = $1`,
      [id],
    );
    return row;
  };
  const walk = async (id: string, path: string[]) => {
    for (const to of path) {
      const res = await transition({ id, to, note: to === 'UNDER_REVIEW' ? 'reopened with new evidence' : undefined });
      expect(res.errors).toBeUndefined();
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    meetingId = (await createMeeting(t)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('goes from proposal to implementation, one history entry and one version per step', async () => {
    const id = await createRecommendation();
    const path = ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS', 'STALLED', 'IN_PROGRESS', 'IMPLEMENTED'];
    let last: any;
    for (const [i, to] of path.entries()) {
      const res = await transition({
        id,
        to,
        expectedVersion: i + 1,
        note: `step ${i + 1}`,
        evidenceUrl: to === 'IMPLEMENTED' ? 'https://minjust.gov.kg/decree/123' : null,
      });
      expect(res.errors).toBeUndefined();
      last = res.data!.transitionRecommendation;
      expect(last).toMatchObject({ status: to, version: i + 2 });
    }
    expect(last.statusHistory.map((h: any) => [h.from, h.to])).toEqual([
      [null, 'PROPOSED'],
      ['PROPOSED', 'UNDER_REVIEW'],
      ['UNDER_REVIEW', 'ACCEPTED'],
      ['ACCEPTED', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'STALLED'],
      ['STALLED', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'IMPLEMENTED'],
    ]);
    expect(last.statusHistory[6]).toMatchObject({ note: 'step 6', evidenceUrl: 'https://minjust.gov.kg/decree/123' });
    const times = last.statusHistory.map((h: any) => Date.parse(h.changedAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('refuses a transition the lifecycle does not allow, changing nothing', async () => {
    const id = await createRecommendation();
    const res = await transition({ id, to: 'IMPLEMENTED' });
    expect(res.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(res.errors?.[0].message).toContain('PROPOSED -> IMPLEMENTED is not allowed');
    expect(await state(id)).toEqual({ status: 'PROPOSED', version: 1, history: 1 });
  });

  it('treats IMPLEMENTED as final', async () => {
    const id = await createRecommendation();
    await walk(id, ['UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS', 'IMPLEMENTED']);
    for (const to of ['IN_PROGRESS', 'STALLED', 'REJECTED', 'PROPOSED']) {
      const res = await transition({ id, to, note: 'try' });
      expect(res.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    }
    expect(await state(id)).toEqual({ status: 'IMPLEMENTED', version: 5, history: 5 });
  });

  it('reopens a rejected recommendation only with a note', async () => {
    const id = await createRecommendation();
    await walk(id, ['REJECTED']);
    for (const note of [undefined, '   ']) {
      const res = await transition({ id, to: 'UNDER_REVIEW', note });
      expect(res.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
      expect(res.errors?.[0].message).toMatch(/requires a note/);
    }
    const ok = await transition({ id, to: 'UNDER_REVIEW', note: 'The ministry asked to reconsider' });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.transitionRecommendation.statusHistory.at(-1)).toMatchObject({
      from: 'REJECTED',
      to: 'UNDER_REVIEW',
      note: 'The ministry asked to reconsider',
    });
  });

  it('answers CONFLICT for a stale expectedVersion, changing nothing', async () => {
    const id = await createRecommendation();
    await walk(id, ['UNDER_REVIEW']);
    const res = await transition({ id, to: 'ACCEPTED', expectedVersion: 1 });
    expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0].message).toContain('version 2, not 1');
    expect(await state(id)).toEqual({ status: 'UNDER_REVIEW', version: 2, history: 2 });
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for bad input', async () => {
    const missing = await transition({ id: '7d1b1c9e-0000-4000-8000-000000000000', to: 'UNDER_REVIEW' });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const id = await createRecommendation();
    for (const input of [
      { id, to: 'UNDER_REVIEW', evidenceUrl: 'javascript:alert(1)' },
      { id, to: 'UNDER_REVIEW', evidenceUrl: 'not a url' },
      { id, to: 'UNDER_REVIEW', note: 'x'.repeat(2001) },
      { id, to: 'UNDER_REVIEW', expectedVersion: 0 },
      { id: 'nope', to: 'UNDER_REVIEW' },
    ]) {
      const res = await transition(input);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const unknownStatus = await transition({ id, to: 'DONE' });
    expect(unknownStatus.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await state(id)).toEqual({ status: 'PROPOSED', version: 1, history: 1 });
  });

  it('lets exactly one of two concurrent transitions from the same version win', async () => {
    const id = await createRecommendation();
    const results = await Promise.all([
      transition({ id, to: 'UNDER_REVIEW', expectedVersion: 1 }),
      transition({ id, to: 'REJECTED', expectedVersion: 1 }),
    ]);
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map((r) => r.errors?.[0].extensions?.code)).toEqual(['CONFLICT']);
    const winner = winners[0].data!.transitionRecommendation;
    expect(await state(id)).toEqual({ status: winner.status, version: 2, history: 2 });
  });

  it('lets one of many concurrent writers win even without expectedVersion', async () => {
    const id = await createRecommendation();
    const results = await Promise.all(Array.from({ length: 12 }, () => transition({ id, to: 'UNDER_REVIEW' })));
    const codes = results.map((r) => r.errors?.[0].extensions?.code ?? 'OK');
    // Writers that read version 1 race in SQL (CONFLICT); any that read after the winner see an invalid transition.
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.every((c) => ['OK', 'CONFLICT', 'INVALID_TRANSITION'].includes(c))).toBe(true);
    expect(await state(id)).toEqual({ status: 'UNDER_REVIEW', version: 2, history: 2 });
  });
});
