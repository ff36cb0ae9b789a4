import { createMeeting, createOrganization } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/** The meetings list: filters, orders and cursors that belong to their order. */
const LIST = `query ($filter: MeetingFilter, $orderBy: MeetingOrder, $first: Int, $after: String) {
  meetings(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount edges { node { title heldOn format } } pageInfo { hasNextPage endCursor }
  }
}`;

interface ListAnswer {
  meetings: { totalCount: number; edges: { node: { title: string; heldOn: string; format: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe('meetings: filter and order', () => {
  let t: TestApp;
  let ministryId: string;

  const titles = (answer: ListAnswer) => answer.meetings.edges.map((e) => e.node.title);

  beforeAll(async () => {
    t = await createTestApp();
    const ministry = await createOrganization(t, { kind: 'MINISTRY' });
    ministryId = ministry.id;
    await createMeeting(t, { title: 'Sokuluk roundtable', heldOn: '2024-08-13', format: 'ROUNDTABLE' as never, settlement: 'Сокулук', participants: [{ organizationId: ministry.id, role: 'ORGANIZER' }] });
    await createMeeting(t, { title: 'Budget hearing', heldOn: '2025-03-01', format: 'HEARING' as never });
    await createMeeting(t, { title: 'Mentors workshop', heldOn: '2025-11-20', format: 'WORKSHOP' as never, summary: 'Менторлук программасы' });
    await createMeeting(t, { title: 'Quota consultation', heldOn: '2026-02-10', format: 'CONSULTATION' as never });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists newest first by default, as before', async () => {
    const answer = await t.gqlOk<ListAnswer>(LIST);
    expect(titles(answer)).toEqual(['Quota consultation', 'Mentors workshop', 'Budget hearing', 'Sokuluk roundtable']);
  });

  it('filters by dates, formats, a participating organisation and text in any language, counting only what it selects', async () => {
    const range = await t.gqlOk<ListAnswer>(LIST, { filter: { heldFrom: '2025-01-01', heldTo: '2025-12-31' } });
    expect(titles(range)).toEqual(['Mentors workshop', 'Budget hearing']);
    expect(range.meetings.totalCount).toBe(2);
    expect(titles(await t.gqlOk<ListAnswer>(LIST, { filter: { format: ['HEARING', 'ROUNDTABLE'] } }))).toEqual(['Budget hearing', 'Sokuluk roundtable']);
    expect(titles(await t.gqlOk<ListAnswer>(LIST, { filter: { organizationId: ministryId } }))).toEqual(['Sokuluk roundtable']);
    expect(titles(await t.gqlOk<ListAnswer>(LIST, { filter: { search: 'сокулук' } }))).toEqual(['Sokuluk roundtable']);
    expect(titles(await t.gqlOk<ListAnswer>(LIST, { filter: { search: 'менторлук' } }))).toEqual(['Mentors workshop']);
    // % and _ are literal, not wildcards.
    expect((await t.gqlOk<ListAnswer>(LIST, { filter: { search: '%' } })).meetings.totalCount).toBe(0);
  });

  it('orders by the day held, oldest first, page by page with its own cursors', async () => {
    const orderBy = { field: 'HELD_ON', direction: 'ASC' };
    const first = await t.gqlOk<ListAnswer>(LIST, { orderBy, first: 3 });
    expect(titles(first)).toEqual(['Sokuluk roundtable', 'Budget hearing', 'Mentors workshop']);
    expect(first.meetings.pageInfo.hasNextPage).toBe(true);
    const second = await t.gqlOk<ListAnswer>(LIST, { orderBy, first: 3, after: first.meetings.pageInfo.endCursor });
    expect(titles(second)).toEqual(['Quota consultation']);
    expect(second.meetings.pageInfo.hasNextPage).toBe(false);

    // A cursor of one order is refused by another, with a coded error, rather than paging from a wrong place.
    const refused = await t.gql(LIST, { first: 3, after: first.meetings.pageInfo.endCursor });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('orders by the last change', async () => {
    const answer = await t.gqlOk<ListAnswer>(LIST, { orderBy: { field: 'UPDATED_AT', direction: 'DESC' } });
    expect(titles(answer)).toEqual(['Quota consultation', 'Mentors workshop', 'Budget hearing', 'Sokuluk roundtable']);
  });

  it('refuses impossible filters with BAD_USER_INPUT', async () => {
    const res = await t.gql(LIST, { filter: { heldFrom: '2025-02-30' } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const org = await t.gql(LIST, { filter: { organizationId: 'not-a-uuid' } });
    expect(org.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
