import { createMeeting } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { id: string; heldOn: string } }[];
}

const MEETINGS = `query ($first: Int, $after: String, $last: Int, $before: String) {
  meetings(first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id heldOn } }
  }
}`;

/** The Relay cursor connections specification on every connection (issue 27): last/before, startCursor, hasPreviousPage, first: 0. */
describe('Relay cursor connections', () => {
  let t: TestApp;
  const page = async (variables: Record<string, unknown>): Promise<Page> => (await t.gqlOk<{ meetings: Page }>(MEETINGS, variables)).meetings;

  beforeAll(async () => {
    t = await createTestApp();
    for (let day = 1; day <= 7; day++) await createMeeting(t, { heldOn: `2024-08-0${day}` });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('walks forward with first/after and back with last/before over the same list, in the same order', async () => {
    const forward: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const p: Page = await page({ first: 3, after });
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
      forward.push(...p.edges.map((e) => e.node.id));
      pages++;
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(forward).toHaveLength(7);

    const backward: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const p: Page = await page({ last: 3, before });
      expect(p.pageInfo.hasNextPage).toBe(before !== null);
      backward.unshift(p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect(backward.map((ids) => ids.length)).toEqual([1, 3, 3]);
    expect(backward.flat()).toEqual(forward);
    // Newest first, whichever way it was read.
    const last = await page({ last: 2 });
    expect(last.edges.map((e) => e.node.heldOn)).toEqual(['2024-08-02', '2024-08-01']);
  });

  it('pages between two cursors', async () => {
    const all = await page({ first: 7 });
    const between = await page({ after: all.edges[1].cursor, before: all.edges[5].cursor });
    expect(between.edges.map((e) => e.node.id)).toEqual(all.edges.slice(2, 5).map((e) => e.node.id));
  });

  it('answers first: 0 with the count and no edges, in one statement', async () => {
    const res = await t.gql<{ meetings: Page }>(MEETINGS, { first: 0 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.meetings).toEqual({
      totalCount: 7,
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
      edges: [],
    });
    expect(res.headers['x-sql-statements']).toBe('1');
  });

  it('refuses first with last, and a cursor of another list as before', async () => {
    const both = await t.gql(MEETINGS, { first: 2, last: 2 });
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(both.errors?.[0].message).toMatch(/last/);
    const foreign = await t.gqlOk<{ indicators: { pageInfo: { endCursor: string | null } } }>('{ indicators(first: 1) { pageInfo { endCursor } } }');
    const cursor = foreign.indicators.pageInfo.endCursor ?? Buffer.from(JSON.stringify(['indicators', 'X', '00000000-0000-0000-0000-000000000000'])).toString('base64url');
    const wrong = await t.gql(MEETINGS, { last: 2, before: cursor });
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
