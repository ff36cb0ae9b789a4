import request from 'supertest';
import { todayIn } from '../src/common/scalars/calendar-date';
import { expectError } from './support/expect-error';
import { createActionPlan, createIndicator, createMeeting, createOrganization, createPerson, unique } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

const year = Number(todayIn('Asia/Bishkek').slice(0, 4));
const HEADER = 'action_plan,indicator_code,period,value,source,note';

/** base64url of a cursor as the API writes them: [list, key, id]. */
const forgedCursor = (list: string, key: unknown, id: string) => Buffer.from(JSON.stringify([list, key, id]), 'utf8').toString('base64url');

describe('hostile input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ GRAPHQL_MAX_COMPLEXITY: '5000', GRAPHQL_MAX_ROOT_FIELDS: '6', REQUEST_BODY_LIMIT: '1mb' });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function upload(content: string, dryRun: boolean) {
    const res = await request(t.app.getHttpServer())
      .post(`/imports/indicator-values?correctionReason=concurrent%20writer${dryRun ? '&dryRun=true' : ''}`)
      .set('authorization', bearer(t.adminToken))
      .attach('file', Buffer.from(content, 'utf8'), 'values.csv');
    return { status: res.status, body: res.body as Record<string, any> };
  }

  describe('1. a negative or oversized `first` cannot lower the estimated cost', () => {
    // 60 fields a node: over the limit of 5,000 at first: 100 whatever the data (nested unpaginated lists are
    // costed by what the data holds, so an empty database would let a nested shape through).
    const deep = `edges { node { ${Array.from({ length: 60 }, (_, i) => `f${i}: code`).join(' ')} } }`;

    it('refuses the whole operation when another alias is too costly, whatever `first` the others give', async () => {
      const costly = `a: recommendations(first: 100) { ${deep} }`;
      const alone = await t.gql(`{ ${costly} }`);
      expect(alone.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxComplexity' });
      for (const first of ['-2147483648', '-1', '0']) {
        const res = await t.gql(`{ ${costly} b: recommendations(first: ${first}) { totalCount } }`);
        expect(res.errors).toHaveLength(1);
        expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxComplexity' });
        expect(res.data).toBeNull();
        expect(res.statements).toBe(0);
      }
    });

    it('the same through a variable', async () => {
      const query = `query ($n: Int) { a: recommendations(first: 100) { ${deep} } b: recommendations(first: $n) { totalCount } }`;
      const res = await t.gql(query, { n: -2147483648 });
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'maxComplexity' });
      expect(res.statements).toBe(0);
    });

    it('a negative `first` alone is still refused by validation', async () => {
      const res = await t.gql('{ recommendations(first: -5) { totalCount } }');
      expectError(res, 'BAD_USER_INPUT', /first/);
    });
  });

  describe('4. concurrent value writes keep an exact audit chain', () => {
    interface Entry { action: string; before: { value: number } | null; after: { value: number }; at: Date }

    /** The entries of one value, linked before -> after from the creation: every write appears once, in commit order. */
    async function expectOneChain(valueId: string, writes: number[]) {
      const entries = await t.sql<Entry>(`SELECT action, before, after, at FROM audit_entry WHERE entity_id = $1`, [valueId]);
      expect(entries).toHaveLength(writes.length);
      const creations = entries.filter((e) => e.before === null);
      expect(creations).toHaveLength(1);
      expect(creations[0].action).toBe('indicatorValue.record');
      const byBefore = new Map(entries.filter((e) => e.before).map((e) => [e.before!.value, e]));
      const chain = [creations[0]];
      while (chain.length < entries.length) {
        const next = byBefore.get(chain[chain.length - 1].after.value);
        if (!next) break;
        chain.push(next);
      }
      expect(chain).toHaveLength(writes.length);
      expect(chain.slice(1).every((e) => e.action === 'indicatorValue.replace')).toBe(true);
      expect(chain.map((e) => e.after.value).sort((a, b) => a - b)).toEqual([...writes].sort((a, b) => a - b));
      for (let i = 1; i < chain.length; i++) expect(new Date(chain[i].at).getTime()).toBeGreaterThanOrEqual(new Date(chain[i - 1].at).getTime());
      return chain;
    }

    it('20 parallel recordIndicatorValue for one indicator and period', async () => {
      const plan = await createActionPlan(t, { startYear: year - 2, endYear: year + 1 });
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      const writes = Array.from({ length: 20 }, (_, i) => i + 1);
      const results = await Promise.all(
        writes.map((value) =>
          t.gql('mutation ($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id value } }', {
            input: { indicatorId: indicator.id, period: String(year - 1), value, correctionReason: 'concurrent writer' },
          }),
        ),
      );
      expect(results.map((r) => r.errors)).toEqual(writes.map(() => undefined));
      const rows = await t.sql<{ id: string }>('SELECT id FROM indicator_value WHERE indicator_id = $1', [indicator.id]);
      expect(rows).toHaveLength(1);
      const chain = await expectOneChain(rows[0].id, writes);
      // Every write is its own version, numbered 1…20 in commit order: the last one audited is the latest.
      const versions = await t.sql<{ number: number; value: number }>('SELECT number, value FROM indicator_value_version WHERE indicator_value_id = $1 ORDER BY number', [rows[0].id]);
      expect(versions.map((v) => v.number)).toEqual(writes);
      expect(chain.map((e) => e.after.value)).toEqual(versions.map((v) => v.value));
    });

    it('parallel imports and single writes of the same value', async () => {
      const plan = await createActionPlan(t, { startYear: year - 2, endYear: year + 1 });
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      const writes = Array.from({ length: 12 }, (_, i) => i + 1);
      const results = await Promise.all(
        writes.map((value) =>
          value % 2
            ? upload(`${HEADER}\r\n${plan.code},${indicator.code},${year - 1},${value},,\r\n`, false).then((r) => r.body.imported === 1 || r.body.updated === 1)
            : t
                .gql('mutation ($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id } }', {
                  input: { indicatorId: indicator.id, period: String(year - 1), value, correctionReason: 'concurrent writer' },
                })
                .then((r) => r.errors === undefined),
        ),
      );
      expect(results.every(Boolean)).toBe(true);
      const rows = await t.sql<{ id: string }>('SELECT id FROM indicator_value WHERE indicator_id = $1', [indicator.id]);
      expect(rows).toHaveLength(1);
      await expectOneChain(rows[0].id, writes);
    });
  });

  describe('5. NUL bytes and lone surrogates are refused at the edge', () => {
    it.each([
      ['a NUL byte', 'abc\u0000def'],
      ['a lone high surrogate', 'abc\ud800def'],
      ['a lone low surrogate', 'abc\udc00'],
    ])('in a text input (%s), as a variable and as a literal', async (_name, text) => {
      const before = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM organization');
      const asVariable = await t.gql('mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', {
        input: { name: text, kind: 'NGO' },
      });
      expectError(asVariable, 'BAD_USER_INPUT', /input\.name/);
      // eslint-disable-next-line no-control-regex -- written as GraphQL escapes, as a hostile client would
      const literal = JSON.stringify(text).replace(/[\u0000\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      // GraphQL's parser itself refuses an escaped lone surrogate; a NUL it lets through to the check.
      const asLiteral = await t.gql(`mutation { createOrganization(input: { name: ${literal}, kind: NGO }) { id } }`);
      expectError(asLiteral, 'BAD_USER_INPUT', text.includes('\u0000') ? /input\.name/ : undefined);
      expect(await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM organization')).toEqual(before);
    });

    it('in a search', async () => {
      const res = await t.gql('query ($s: String) { recommendations(filter: { search: $s }) { totalCount } }', { s: 'a\u0000b' });
      expectError(res, 'BAD_USER_INPUT', /search/);
    });

    it('in an export query parameter: 400 before anything is sent', async () => {
      const res = await request(t.app.getHttpServer()).get('/exports/recommendations.csv?search=a%00b').set('authorization', bearer(t.adminToken));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BAD_USER_INPUT');
      expect(res.body.error.message).toMatch(/search/);
    });

    it('in an import note: the dry run and the real run agree', async () => {
      const plan = await createActionPlan(t, { startYear: year - 2, endYear: year + 1 });
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      const file = `${HEADER}\r\n${plan.code},${indicator.code},${year - 1},5,,abc\u0000def\r\n`;
      const dry = await upload(file, true);
      const real = await upload(file, false);
      for (const res of [dry, real]) {
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ imported: 0, rejected: 1 });
        expect(res.body.errors).toEqual([expect.objectContaining({ row: 2, column: 'note' })]);
      }
      expect(await t.sql('SELECT * FROM indicator_value WHERE indicator_id = $1', [indicator.id])).toEqual([]);
    });
  });

  describe('6. deep bodies and forged cursors are client errors', () => {
    it('refuses 45,000-level nested variables with a coded 400', async () => {
      const depth = 45_000;
      const body = `{"query":"query ($f: RecommendationFilter) { recommendations(filter: $f) { totalCount } }","variables":{"f":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`;
      const res = await request(t.app.getHttpServer())
        .post('/graphql')
        .set('authorization', bearer(t.adminToken))
        .set('content-type', 'application/json')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(/nested/);
    });

    it('refuses an UPDATED_AT cursor whose timestamp is not one', async () => {
      const list = 'recommendations:UPDATED_AT:DESC';
      for (const key of ['1', '2024', 'now', '2024-13-40T00:00:00Z']) {
        const res = await t.gql(
          'query ($after: String) { recommendations(after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount } }',
          { after: forgedCursor(list, key, '6f1c1f8e-6f6a-4f1e-9a55-0d7d7f0c0a11') },
        );
        expectError(res, 'BAD_USER_INPUT', /after/);
      }
    });
  });

  describe('6b. a cursor PostgreSQL could not compare is a client error', () => {
    it('refuses an indicators cursor whose key holds NUL (the probe), or a lone surrogate, with BAD_USER_INPUT', async () => {
      for (const key of ['a\u0000', '\u0000', 'a\ud800b']) {
        const res = await t.gql('query ($after: String) { indicators(after: $after) { totalCount } }', {
          after: forgedCursor('indicators', key, '6f1c1f8e-6f6a-4f1e-9a55-0d7d7f0c0a11'),
        });
        expectError(res, 'BAD_USER_INPUT', /after/);
      }
    });
  });

  describe('7. decimal comma', () => {
    it('accepts 12,5 in a semicolon-separated file, and refuses it in a comma-separated one', async () => {
      const plan = await createActionPlan(t, { startYear: year - 2, endYear: year + 1 });
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      const semicolons = `${HEADER.replace(/,/g, ';')}\r\n${plan.code};${indicator.code};${year - 1};12,5;;\r\n${plan.code};${indicator.code};${year - 2};-0,25;;\r\n`;
      const res = await upload(semicolons, false);
      expect(res.body).toMatchObject({ imported: 2, rejected: 0 });
      const rows = await t.sql<{ period: string; value: number }>(
        'SELECT v.period, w.value FROM indicator_value v JOIN indicator_value_version w ON w.indicator_value_id = v.id WHERE v.indicator_id = $1 ORDER BY v.period',
        [indicator.id],
      );
      expect(rows).toEqual([
        { period: String(year - 2), value: -0.25 },
        { period: String(year - 1), value: 12.5 },
      ]);
      // With commas as the delimiter, "12,5" would be two fields: quoted, it is still not a number.
      const commas = `${HEADER}\r\n${plan.code},${indicator.code},${year - 1},"12,5",,\r\n`;
      const refused = await upload(commas, true);
      expect(refused.body.errors).toEqual([expect.objectContaining({ column: 'value' })]);
      // Thousands separators stay refused with semicolons too.
      const thousands = `${HEADER.replace(/,/g, ';')}\r\n${plan.code};${indicator.code};${year - 1};1.234,5;;\r\n`;
      expect((await upload(thousands, true)).body.errors).toEqual([expect.objectContaining({ column: 'value' })]);
    });
  });

  describe('8. smaller ones', () => {
    it('text made only of zero-width or white-space characters is blank', async () => {
      for (const name of ['\u200b\u200b', ' \u00a0\u2060 ', '\ufeff\u200d']) {
        const res = await t.gql('mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', {
          input: { name, kind: 'NGO' },
        });
        expectError(res, 'BAD_USER_INPUT', /name: must not be blank/);
      }
    });

    it('reopening a REJECTED recommendation with a zero-width note is refused', async () => {
      const meeting = await createMeeting(t);
      const { createRecommendation: rec } = await t.gqlOk<{ createRecommendation: { id: string } }>(
        'mutation ($input: CreateRecommendationInput!) { createRecommendation(input: $input) { id } }',
        { input: { meetingId: meeting.id, title: unique('Recommendation'), kind: 'AWARENESS' } },
      );
      const transition = (to: string, note?: string) =>
        t.gql('mutation ($input: TransitionRecommendationInput!) { transitionRecommendation(input: $input) { status } }', {
          input: { id: rec.id, to, note },
        });
      expect((await transition('REJECTED')).errors).toBeUndefined();
      const res = await transition('UNDER_REVIEW', '\u200b \u200c');
      expect(res.errors?.[0].extensions?.code).toMatch(/INVALID_TRANSITION|BAD_USER_INPUT/);
      expect((await t.sql('SELECT status FROM recommendation WHERE id = $1', [rec.id]))[0].status).toBe('REJECTED');
    });

    it('organisation names are unique regardless of case, surrounding space and Unicode normalisation', async () => {
      const name = unique('Министерство Экономики é');
      await createOrganization(t, { name: name.normalize('NFC') });
      for (const variant of [name.toUpperCase(), `  ${name.toLowerCase()} `, name.normalize('NFD')]) {
        const res = await t.gql('mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', {
          input: { name: variant, kind: 'NGO' },
        });
        expectError(res, 'CONFLICT', /already exists/);
      }
    });

    it('the same participant listed twice is stored once', async () => {
      const person = await createPerson(t);
      const organization = await createOrganization(t);
      const meeting = await createMeeting(t, {
        participants: [
          { personId: person.id, role: 'SPEAKER' },
          { personId: person.id, role: 'SPEAKER' },
          { organizationId: organization.id, role: 'ORGANIZER' },
          { organizationId: organization.id, role: 'ORGANIZER' },
        ],
      });
      const stored = await t.sql('SELECT person_id, organization_id, role FROM participant WHERE meeting_id = $1 ORDER BY position', [meeting.id]);
      expect(stored).toEqual([
        { person_id: person.id, organization_id: null, role: 'SPEAKER' },
        { person_id: null, organization_id: organization.id, role: 'ORGANIZER' },
      ]);
    });

    it('an anonymous request gets UNAUTHENTICATED whatever the order of its fields', async () => {
      const open = await createTestApp({ PUBLIC_READ: 'true' });
      try {
        for (const query of [
          '{ organizations { id } apiTokens { id } }',
          '{ apiTokens { id } organizations { id } }',
        ]) {
          const res = await open.gql(query, undefined, { authorization: '' });
          const codes = (res.errors ?? []).map((e) => e.extensions?.code);
          expect(codes).toEqual(['UNAUTHENTICATED']);
        }
      } finally {
        await open.close();
      }
    });
  });
});

describe('8. GraphQL TOO_MANY_REQUESTS is answered with HTTP 429', () => {
  it('like the exports', async () => {
    const limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const statuses: number[] = [];
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await limited.gql('{ organizations { id } }');
        statuses.push(res.status);
        codes.push(res.errors?.[0].extensions?.code ?? 'OK');
      }
      expect(codes).toEqual(['OK', 'OK', 'TOO_MANY_REQUESTS']);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
