import { expectError } from './support/expect-error';
import { createBarrier, createIndicator, createMeeting, createOrganization, createPerson } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

const CREATE_MEETING = `mutation ($input: CreateMeetingInput!) {
  createMeeting(input: $input) {
    id title heldOn format settlement region summary sourceUrl
    participants { role person { id } organization { id } }
  }
}`;

const MEETING = `query ($id: ID!) {
  meeting(id: $id) {
    id title heldOn format settlement region summary sourceUrl
    participants { role person { id fullName organization { id } } organization { id name } }
    barriers { id title }
  }
}`;

const MEETINGS = `query ($first: Int, $after: String) {
  meetings(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id heldOn } }
  }
}`;

const UNKNOWN_ID = '6f1c1d0e-8f5b-4d4a-9d3e-3c2b1a0f9e8d';

interface MeetingsPage {
  meetings: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; heldOn: string } }[];
  };
}

describe('meetings', () => {
  let t: TestApp;

  const meetingCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM meeting'))[0].n;
  const valid = (input: Record<string, unknown> = {}) => ({
    input: { title: 'Roundtable on women in local councils', heldOn: '2024-08-13', format: 'ROUNDTABLE', ...input },
  });
  const listMeetings = async (variables: { first?: number; after?: string | null } = {}) =>
    (await t.gqlOk<MeetingsPage>(MEETINGS, variables)).meetings;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('createMeeting', () => {
    it('creates a meeting with all its fields', async () => {
      const input = {
        title: 'Women in local councils',
        heldOn: '2024-08-13',
        format: 'HEARING',
        settlement: 'Sokuluk',
        region: 'Chui',
        summary: 'What keeps women from running for local councils.',
        sourceUrl: 'https://example.org/news/sokuluk-roundtable',
      };
      const { createMeeting: meeting } = await t.gqlOk(CREATE_MEETING, { input });
      expect(meeting).toEqual({ id: expect.any(String), ...input, participants: [] });
      const [row] = await t.sql('SELECT title, held_on::text AS held_on, settlement FROM meeting WHERE id = $1', [meeting.id]);
      expect(row).toEqual({ title: { en: input.title }, held_on: '2024-08-13', settlement: { en: 'Sokuluk' } });
    });

    it('stores absent and blank optional texts as null', async () => {
      const { createMeeting: meeting } = await t.gqlOk(CREATE_MEETING, valid({ settlement: '  ', summary: '' }));
      expect(meeting).toMatchObject({ settlement: null, region: null, summary: null, sourceUrl: null });
    });

    it('records participants: a person, an organization, and a person on behalf of an organization, in order', async () => {
      const org = await createOrganization(t, { kind: 'NGO' });
      const ministry = await createOrganization(t, { kind: 'MINISTRY' });
      const speaker = await createPerson(t, { organizationId: ministry.id });
      const delegate = await createPerson(t);

      const { createMeeting: created } = await t.gqlOk(
        CREATE_MEETING,
        valid({
          participants: [
            { personId: speaker.id, role: 'SPEAKER' },
            { organizationId: org.id, role: 'ORGANIZER' },
            { personId: delegate.id, organizationId: ministry.id, role: 'PARTICIPANT' },
          ],
        }),
      );
      expect(created.participants).toEqual([
        { role: 'SPEAKER', person: { id: speaker.id }, organization: null },
        { role: 'ORGANIZER', person: null, organization: { id: org.id } },
        { role: 'PARTICIPANT', person: { id: delegate.id }, organization: { id: ministry.id } },
      ]);

      const { meeting } = await t.gqlOk(MEETING, { id: created.id });
      expect(meeting.participants).toEqual([
        {
          role: 'SPEAKER',
          person: { id: speaker.id, fullName: speaker.fullName, organization: { id: ministry.id } },
          organization: null,
        },
        { role: 'ORGANIZER', person: null, organization: { id: org.id, name: org.name } },
        {
          role: 'PARTICIPANT',
          person: { id: delegate.id, fullName: delegate.fullName, organization: null },
          organization: { id: ministry.id, name: ministry.name },
        },
      ]);
      const rows = await t.sql('SELECT count(*)::int AS n FROM participant WHERE meeting_id = $1', [created.id]);
      expect(rows[0].n).toBe(3);
    });

    it.each([
      ['a day that does not exist', '2024-02-30'],
      ['a month that does not exist', '2024-13-01'],
      ['a word', 'yesterday'],
      ['another format', '13/08/2024'],
    ])('refuses %s as heldOn with BAD_USER_INPUT and writes nothing', async (_, heldOn) => {
      const before = await meetingCount();
      const res = await t.gql(CREATE_MEETING, valid({ heldOn }));
      expectError(res, 'BAD_USER_INPUT', /heldOn/);
      expect(await meetingCount()).toBe(before);
    });

    it('refuses an invalid date written in the query itself', async () => {
      const res = await t.gql(`mutation { createMeeting(input: { title: "X", heldOn: "2024-02-30", format: ROUNDTABLE }) { id } }`);
      expectError(res, 'BAD_USER_INPUT', /2024-02-30/);
    });

    it('accepts 29 February of a leap year', async () => {
      const { createMeeting: meeting } = await t.gqlOk(CREATE_MEETING, valid({ heldOn: '2024-02-29' }));
      expect(meeting.heldOn).toBe('2024-02-29');
    });

    it.each([['javascript:alert(1)'], ['ftp://x'], ['ftp://example.org/report.pdf'], ['not a url'], ['file:///etc/passwd']])(
      'refuses sourceUrl %p with BAD_USER_INPUT naming the field',
      async (sourceUrl) => {
        const before = await meetingCount();
        const res = await t.gql(CREATE_MEETING, valid({ sourceUrl }));
        expectError(res, 'BAD_USER_INPUT', /^sourceUrl: /);
        expect(await meetingCount()).toBe(before);
      },
    );

    it.each([['https://example.org/a?b=c'], ['http://kenesh.kg/news/1']])('accepts sourceUrl %p', async (sourceUrl) => {
      const { createMeeting: meeting } = await t.gqlOk(CREATE_MEETING, valid({ sourceUrl }));
      expect(meeting.sourceUrl).toBe(sourceUrl);
    });

    it('refuses a participant with neither personId nor organizationId', async () => {
      const before = await meetingCount();
      const res = await t.gql(CREATE_MEETING, valid({ participants: [{ role: 'SPEAKER' }] }));
      expectError(res, 'BAD_USER_INPUT', /participants\.0\.personId/);
      expect(await meetingCount()).toBe(before);
    });

    it('refuses a participant with a non-UUID id', async () => {
      const res = await t.gql(CREATE_MEETING, valid({ participants: [{ organizationId: 'abc', role: 'SPEAKER' }] }));
      expectError(res, 'BAD_USER_INPUT', /organizationId/);
    });

    it('refuses an unknown personId with NOT_FOUND and writes neither meeting nor participants', async () => {
      const org = await createOrganization(t);
      const before = await meetingCount();
      const participantsBefore = (await t.sql('SELECT count(*)::int AS n FROM participant'))[0].n;
      const res = await t.gql(
        CREATE_MEETING,
        valid({
          participants: [
            { organizationId: org.id, role: 'ORGANIZER' },
            { personId: UNKNOWN_ID, role: 'SPEAKER' },
          ],
        }),
      );
      const error = expectError(res, 'NOT_FOUND', /personId/);
      expect(error.message).toContain(UNKNOWN_ID);
      expect(await meetingCount()).toBe(before);
      expect((await t.sql('SELECT count(*)::int AS n FROM participant'))[0].n).toBe(participantsBefore);
    });

    it('refuses an unknown organizationId of a participant with NOT_FOUND and writes nothing', async () => {
      const person = await createPerson(t);
      const before = await meetingCount();
      const res = await t.gql(
        CREATE_MEETING,
        valid({ participants: [{ personId: person.id, organizationId: UNKNOWN_ID, role: 'SPEAKER' }] }),
      );
      expectError(res, 'NOT_FOUND', /organizationId/);
      expect(await meetingCount()).toBe(before);
    });

    it('refuses a blank title naming the field', async () => {
      const res = await t.gql(CREATE_MEETING, valid({ title: ' ' }));
      expectError(res, 'BAD_USER_INPUT', /^title: /);
    });
  });

  describe('meeting(id)', () => {
    it('returns the meeting with its barriers', async () => {
      const created = await createMeeting(t, { title: 'Budget hearing', heldOn: '2025-03-01', format: 'HEARING' });
      const barrier = await createBarrier(t, { title: 'No campaign funds', meetingIds: [created.id] });
      const { meeting } = await t.gqlOk(MEETING, { id: created.id });
      expect(meeting).toMatchObject({
        id: created.id,
        title: 'Budget hearing',
        heldOn: '2025-03-01',
        format: 'HEARING',
        participants: [],
        barriers: [{ id: barrier.id, title: 'No campaign funds' }],
      });
    });

    it('returns null for an unknown UUID', async () => {
      const res = await t.gql(MEETING, { id: UNKNOWN_ID });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ meeting: null });
    });

    it('returns null for an id that is not a UUID', async () => {
      const res = await t.gql(MEETING, { id: 'not-a-uuid' });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ meeting: null });
    });
  });

  describe('meetings (pagination)', () => {
    /** Every meeting in the database, newest first, ties broken by id descending. */
    let expected: string[];

    beforeAll(async () => {
      const dates = [
        '2023-01-10', '2023-05-05', '2023-09-09', '2024-01-15', '2024-03-03', '2024-04-04', '2024-07-07',
        '2024-10-10', '2025-02-02', '2025-06-06', '2025-09-19', '2025-12-12', '2026-01-20', '2026-05-05',
        '2026-06-30', '2026-10-01',
      ];
      // Nine meetings on the same day exercise the tie-break on id.
      for (let i = 0; i < 9; i++) dates.splice(7, 0, '2024-06-15');
      for (const heldOn of dates) await createMeeting(t, { heldOn });

      const rows = await t.sql<{ id: string; held_on: string }>('SELECT id::text AS id, held_on::text AS held_on FROM meeting');
      expected = rows
        .sort((a, b) => (a.held_on === b.held_on ? (a.id < b.id ? 1 : -1) : a.held_on < b.held_on ? 1 : -1))
        .map((r) => r.id);
    });

    it('pages through every meeting, newest first, without duplicates or gaps', async () => {
      expect(expected.length).toBeGreaterThanOrEqual(25);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page = await listMeetings({ first: 7, after });
        pages += 1;
        expect(page.totalCount).toBe(expected.length);
        expect(page.edges.length).toBe(Math.min(7, expected.length - seen.length));
        seen.push(...page.edges.map((e) => e.node.id));
        expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
        expect(page.pageInfo.hasNextPage).toBe(seen.length < expected.length);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(Math.ceil(expected.length / 7));
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('orders meetings of the same day by id, descending, across a page boundary', async () => {
      const sameDay = (await t.sql<{ id: string }>(
        `SELECT id::text AS id FROM meeting WHERE held_on = '2024-06-15' ORDER BY id DESC`,
      )).map((r) => r.id);
      expect(sameDay.length).toBe(9);
      const all = (await listMeetings({ first: 100 })).edges;
      const ofThatDay = all.filter((e) => e.node.heldOn === '2024-06-15').map((e) => e.node.id);
      expect(ofThatDay).toEqual(sameDay);

      // Start a page in the middle of that day: the rest of the day follows.
      const start = all.findIndex((e) => e.node.id === sameDay[3]);
      const next = await listMeetings({ first: 4, after: all[start].cursor });
      expect(next.edges.map((e) => e.node.id)).toEqual(sameDay.slice(4, 8));
    });

    it('gives 20 meetings when first is absent', async () => {
      const page = await listMeetings();
      expect(page.edges.map((e) => e.node.id)).toEqual(expected.slice(0, 20));
      expect(page.pageInfo.hasNextPage).toBe(true);
      expect(page.totalCount).toBe(expected.length);
    });

    it('accepts first: 100 and then has no next page', async () => {
      const page = await listMeetings({ first: 100 });
      expect(page.edges).toHaveLength(expected.length);
      expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: page.edges[expected.length - 1].cursor });
    });

    it('answers an empty page after the last meeting', async () => {
      const last = (await listMeetings({ first: 100 })).pageInfo.endCursor;
      const page = await listMeetings({ first: 5, after: last });
      expect(page).toEqual({ totalCount: expected.length, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    });

    it.each([[-1], [-2147483648], [101]])('refuses first: %p with BAD_USER_INPUT naming first', async (first) => {
      expectError(await t.gql(MEETINGS, { first }), 'BAD_USER_INPUT', /^first: /);
    });

    describe('refuses a malformed cursor with BAD_USER_INPUT naming after', () => {
      const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
      it.each([
        ['abc', 'abc'],
        ['punctuation', '!!!'],
        ['base64 of junk', base64url('junk that is not JSON')],
        ['base64 of a JSON object', base64url('{"key":"2024-01-01","id":"x"}')],
        ['base64 of a tuple with a bad id', base64url('["2024-01-01","not-a-uuid"]')],
        ['base64 of a tuple with a bad date', base64url(`["2024-02-30","${UNKNOWN_ID}"]`)],
        ['a very long string', 'a'.repeat(600)],
      ])('%s', async (_, after) => {
        expectError(await t.gql(MEETINGS, { after }), 'BAD_USER_INPUT', /^after: /);
      });

      it('a cursor of another list (indicators), even when its key looks like a date', async () => {
        await createIndicator(t, { code: '2024-06-15' });
        const { indicators } = await t.gqlOk('{ indicators(first: 1) { pageInfo { endCursor } } }');
        const after = indicators.pageInfo.endCursor as string;
        expect(after).toEqual(expect.any(String));
        expectError(await t.gql(MEETINGS, { after }), 'BAD_USER_INPUT', /^after: /);
      });
    });
  });
});
