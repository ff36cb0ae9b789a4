import { DataSource } from 'typeorm';
import { BENCH_YEAR, DASHBOARD_QUERY, HISTORY_PAGE_QUERY, OPEN_STATUSES } from '../bench/operations';
import { Clock } from '../src/common/clock';
import { jsonFloatSql, MISSING_IN_TEXT } from '../src/database/sql/json-object';
import { seedSokulukRoundtable } from '../src/seed/sokuluk-roundtable.seed';
import { createIndicator, createMeeting, createOrganization, createRecommendation, recordValue } from './support/factories';
import { bearer, createTestApp, GraphqlResponse, TestApp } from './support/test-app';

/**
 * The page assembler (src/graphql/page-assembler) against the usual execution: one app assembles
 * pages, a second on the same database does not (GRAPHQL_PAGE_ASSEMBLY=false); every query must
 * get the same answer, errors included, from both. Assembled pages cost fewer statements, which
 * tells that the assembler answered (it answers null, and the usual execution runs, for what it
 * cannot answer exactly).
 */
describe('page assembler: the same answers as the resolvers, with fewer statements', () => {
  let assembled: TestApp;
  let usual: TestApp;
  let viewerToken: string;

  beforeAll(async () => {
    assembled = await createTestApp({ PUBLIC_READ: 'true' });
    usual = await createTestApp({ PUBLIC_READ: 'true', GRAPHQL_PAGE_ASSEMBLY: 'false' }, { databaseUrl: assembled.databaseUrl });
    await seedSokulukRoundtable(assembled.app.get(DataSource));
    // Rows the sample lacks: a second meeting without settlement or region, an organisation named
    // only in Russian, due dates past (overdue), absent and future, notes and evidence on status
    // changes, an empty English title (a missing translation).
    const meeting = await createMeeting(assembled);
    await assembled.sql(`UPDATE meeting SET settlement = NULL, region = '{"ru": "Чуйская область"}' WHERE id = $1`, [meeting.id]);
    const ruOnly = await createOrganization(assembled);
    await assembled.sql(`UPDATE organization SET name = '{"ru": "Только по-русски"}' WHERE id = $1`, [ruOnly.id]);
    // An indicator with a baseline, targets and approved values, measuring every fourth recommendation.
    const indicator = await createIndicator(assembled, {
      baselineYear: 2023,
      baselineValue: 10,
      targets: [
        { year: 2025, value: 40 },
        { year: 2026, value: 50 },
      ],
    });
    await recordValue(assembled, { indicatorId: indicator.id, period: '2025', value: 31.5 });
    await recordValue(assembled, { indicatorId: indicator.id, period: '2026-Q1', value: 33 });
    for (let i = 0; i < 12; i++) {
      const { id } = await createRecommendation(assembled, {
        meetingId: meeting.id,
        dueDate: i % 3 === 0 ? '2024-01-31' : i % 3 === 1 ? undefined : '2030-12-31',
        responsibleOrganizationIds: i % 2 ? [ruOnly.id] : [],
        indicatorIds: i % 4 === 0 ? [indicator.id] : [],
      });
      await assembled.gqlOk(
        `mutation ($id: ID!, $url: String) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW, note: "Reviewed at the meeting", evidenceUrl: $url }) { id } }`,
        { id, url: i % 2 ? `https://example.org/evidence/${i}` : null },
      );
    }
    await assembled.sql(`UPDATE recommendation SET title = '{"en": "", "ru": "Только по-русски"}'::jsonb WHERE code = (SELECT min(code) FROM recommendation)`);
    const token = await assembled.gqlOk<{ createApiToken: { token: string } }>(
      `mutation { createApiToken(input: { name: "viewer", role: VIEWER }) { token } }`,
    );
    viewerToken = token.createApiToken.token;
  });

  afterAll(async () => {
    await usual?.close();
    await assembled?.close();
  });

  /** Both apps' answers to the same request: the same status, data and errors (each error's request id aside). */
  async function both(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const a: GraphqlResponse = await assembled.gql(query, variables, headers);
    const b: GraphqlResponse = await usual.gql(query, variables, headers);
    const body = (res: GraphqlResponse) => ({
      data: res.data,
      errors: res.errors?.map((error) => ({ ...error, extensions: { ...error.extensions, requestId: undefined } })),
    });
    expect(a.status).toBe(b.status);
    expect(body(a)).toEqual(body(b));
    // The same bytes, too (PostgreSQL's JSON written as JSON.stringify writes it), when there is no error to differ by its request id.
    if (!a.errors && !b.errors) expect(a.text).toBe(b.text);
    return { assembled: a, usual: b };
  }

  it("answers the benchmark's dashboard as the resolvers do, with 4 statements instead of 7", async () => {
    for (const first of [1, 5, 50]) {
      const { assembled: a, usual: b } = await both(DASHBOARD_QUERY, { status: OPEN_STATUSES, year: BENCH_YEAR, first });
      expect(a.errors).toBeUndefined();
      expect(a.data!.recommendations.edges.length).toBeGreaterThan(0);
      // The page and its count, the relations as JSON, the indicators, their progress and latest values
      // (a page without indicators needs neither of the last).
      expect(a.statements).toBeLessThanOrEqual(4);
      expect(a.statements).toBeLessThan(b.statements);
    }
  });

  it("answers the benchmark's page of 100 with status histories with the same two statements, whatever the page size", async () => {
    for (const first of [1, 100]) {
      const { assembled: a, usual: b } = await both(HISTORY_PAGE_QUERY, { first });
      expect(a.errors).toBeUndefined();
      // The page, and the histories: as JSON (assembled) or as rows (a loader).
      expect(a.statements).toBe(2);
      expect(b.statements).toBe(2);
    }
  });

  it('answers every field it assembles, in every language, with locale arguments, aliases, fragments and __typename', async () => {
    const query = `query ($first: Int, $withHistory: Boolean!) {
      __typename
      page: recommendations(first: $first, orderBy: { field: DUE_DATE, direction: DESC }) {
        __typename totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename }
        edges { cursor node { ...Rec } }
        more: edges { node { id kyTitle: title(locale: KY) enTitle: title(locale: EN) titleLocale(locale: EN) } }
      }
    }
    fragment Rec on Recommendation {
      __typename id code title titleLocale description descriptionLocale titleTranslations { locale text }
      kind priority status dueDate isOverdue version createdAt updatedAt
      meeting { __typename id title titleLocale heldOn format settlement region regionLocale(locale: KY) sourceUrl version }
      barriers { id title category description version }
      responsibleOrganizations { id name nameLocale kind }
      statusHistory @include(if: $withHistory) { from to changedAt changedBy note noteLocale evidenceUrl }
      indicators { __typename id code name nameLocale unit unitCode direction measure reportingFrequency valueKind totalSource baselineYear baselineValue version
        latestValue { id period value source recordedAt recordedBy }
        progress(year: 2025) { year baseline target actual percentOfTarget status actualPeriod periodTarget targetBasis asOf valuesKnownBy valueStatus }
        p2026: progress(year: 2026) { percentOfTarget status }
      }
    }`;
    // unitCode (an enum over a varchar column) is one PostgreSQL does not write: with it, the indicators
    // are answered by their resolvers; without it, written in the relations' statement.
    const written = query.replace(' unitCode', '');
    const statements: number[] = [];
    for (const selection of [query, written, written.replace(/progress\(year: 2025\).*\n.*p2026.*\n/, '')]) {
      for (const language of ['en', 'ru', 'ky', 'ru;q=0.9, en;q=0.8', '*']) {
        for (const withHistory of [true, false]) {
          const { assembled: a, usual: b } = await both(selection, { first: 100, withHistory }, { 'accept-language': language });
          expect(a.errors).toBeUndefined();
          expect(a.statements).toBeLessThan(b.statements);
          statements.push(a.statements);
        }
      }
    }
    // Written: without progress, the page and the relations' statement, the indicators' latest values in it.
    expect(statements.at(-1)).toBe(2);
  });

  it("writes the indicators, their latest values and their progress at a past year's cut in the relations' statement", async () => {
    const node = 'code indicators { id code name unit latestValue { period value } }';
    const query = (fields: string) => `{ recommendations(first: 50, orderBy: { field: CODE, direction: ASC }) { edges { node { ${fields} } } } }`;
    for (const language of ['ru', 'ky']) {
      // The page, and the indicators with their latest values as JSON; as usual, the indicators and their values are two more.
      const plain = await both(query(node), {}, { 'accept-language': language });
      expect(plain.assembled.errors).toBeUndefined();
      expect(plain.assembled.text).toContain('"latestValue":{"period":"2026-Q1","value":33}');
      expect(plain.assembled.statements).toBe(2);
      expect(plain.usual.statements).toBe(3);
      // Progress for a past year, read with each indicator's plan's reporting lag, and for this year: in the same statement.
      const withProgress = await both(query(`${node.slice(0, -2)} progress(year: 2025) { actual status } p: progress(year: 2026) { percentOfTarget } } meeting { title }`), {}, {
        'accept-language': language,
      });
      expect(withProgress.assembled.errors).toBeUndefined();
      expect(withProgress.assembled.text).toContain('"progress":{"actual":31.5,"status":"AT_RISK"},"p":{"percentOfTarget":');
      expect(withProgress.assembled.statements).toBe(2);
      expect(withProgress.usual.statements).toBeGreaterThan(2);
    }
  });

  it('computes progress at the current cut from the figures PostgreSQL writes with the page, and other cuts through the resolvers', async () => {
    // The programme's clock on a day of 2026 (a plan year, no reporting lag for it), in both apps.
    const clocks = [assembled, usual].map((t) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2026-06-15T06:00:00Z')));
    try {
      const query = (progress: string) =>
        `{ recommendations(first: 50, orderBy: { field: CODE, direction: ASC }) { edges { node { code indicators { code latestValue { value } ${progress} } } } } }`;
      const fields = 'year baseline target actual percentOfTarget status actualPeriod periodTarget targetBasis asOf valuesKnownBy valueStatus';
      for (const language of ['en', 'ky']) {
        const current = await both(query(`progress(year: 2026) { ${fields} } again: progress(year: 2026, valueStatus: APPROVED) { status __typename }`), {}, {
          'accept-language': language,
        });
        expect(current.assembled.errors).toBeUndefined();
        expect(current.assembled.text).toContain('"actual":33,');
        // The page, and the relations with every indicator's latest value and progress figures.
        expect(current.assembled.statements).toBe(2);
        expect(current.usual.statements).toBeGreaterThan(2);
      }
      // Other cuts (asOf; values as known on a day): through the resolvers, with their statements, the same answers.
      for (const progress of ['progress(year: 2026, asOf: "2026-03-31") { actual }', 'progress(year: 2026, asOf: "2026-03-31", valuesKnownBy: "2026-04-30") { actual }']) {
        const other = await both(query(progress));
        expect(other.assembled.errors).toBeUndefined();
        expect(other.assembled.statements).toBeGreaterThan(2);
      }
    } finally {
      clocks.forEach((clock) => clock.mockRestore());
    }
  });

  it("reads a past year's progress as known at the end of each indicator's own plan's reporting lag, or now while that day has not come", async () => {
    // An indicator of a plan with a 60-day lag (the sample's plans have 45): 2025's value was 60 when
    // reported on time (the versions dated 2026-01-31) and corrected to 80 today.
    const lagged = await createIndicator(assembled, { baselineYear: 2024, baselineValue: 20, targets: [{ year: 2025, value: 100 }] });
    await assembled.sql(`UPDATE action_plan SET reporting_lag_days = 60 WHERE id = $1`, [lagged.actionPlan.id]);
    await recordValue(assembled, { indicatorId: lagged.id, period: '2025', value: 60 });
    await recordValue(assembled, { indicatorId: lagged.id, period: '2025', value: 80 }, { reportedOnTime: false });
    const [{ id: meetingId }] = await assembled.sql<{ id: string }>(`SELECT id FROM meeting ORDER BY held_on LIMIT 1`);
    const { code } = await createRecommendation(assembled, { meetingId, indicatorIds: [lagged.id], barrierIds: [], responsibleOrganizationIds: [] });
    const fields = 'year baseline target actual percentOfTarget status actualPeriod periodTarget targetBasis asOf valuesKnownBy valueStatus';
    const query = `{ recommendations(first: 50, orderBy: { field: CODE, direction: ASC }) { edges { node { code indicators { code progress(year: 2025) { ${fields} } } } } } }`;
    const progressOn = (answer: GraphqlResponse) =>
      answer.data!.recommendations.edges.find((edge: { node: { code: string } }) => edge.node.code === code).node.indicators[0].progress;
    // The day the clock reads, and what the 60-day plan's indicator shows on it:
    const days: [string, { actual: number; valuesKnownBy: string }][] = [
      // both lags over (2026-02-14 and 2026-03-01): the versions approved by then, 60 here;
      ['2026-06-15T06:00:00Z', { actual: 60, valuesKnownBy: '2026-03-01' }],
      // the sample plans' lag over, this plan's not: the two cuts in one page, 80 (approved now) here;
      ['2026-02-20T06:00:00Z', { actual: 80, valuesKnownBy: '2026-02-20' }],
      // neither over: every value as it is now.
      ['2026-01-20T06:00:00Z', { actual: 80, valuesKnownBy: '2026-01-20' }],
    ];
    for (const [now, expected] of days) {
      const clocks = [assembled, usual].map((t) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(now)));
      try {
        const answer = await both(query, {}, { 'accept-language': 'ru' });
        expect(answer.assembled.errors).toBeUndefined();
        expect(progressOn(answer.assembled)).toMatchObject({ asOf: '2025-12-31', ...expected });
        // The page, and the relations with every indicator's progress figures at its own plan's cut.
        expect(answer.assembled.statements).toBe(2);
        expect(answer.usual.statements).toBeGreaterThan(2);
      } finally {
        clocks.forEach((clock) => clock.mockRestore());
      }
    }
  });

  it('writes a Float as JSON.stringify does, and leaves a number PostgreSQL writes otherwise to the usual execution', async () => {
    const query = `{ recommendations(first: 50) { edges { node { code indicators { code baselineValue latestValue { value } } } } } }`;
    const [{ id }] = await assembled.sql<{ id: string }>(`SELECT indicator_id AS id FROM recommendation_indicator LIMIT 1`);
    const [{ baseline }] = await assembled.sql<{ baseline: number | null }>(`SELECT baseline_value AS baseline FROM indicator WHERE id = $1`, [id]);
    try {
      // Alike in both: the shortest digits that read back as the same double, in plain notation; zero without its sign.
      for (const value of ['1/3', '0.1 + 0.2', '-2.5', '0', '-0', '0.0001', '123456789012345.6', '2.0 / 3 * 100', 'NULL']) {
        await assembled.sql(`UPDATE indicator SET baseline_value = ${value} WHERE id = $1`, [id]);
        const { assembled: a, usual: b } = await both(query);
        expect(a.statements).toBeLessThan(b.statements);
      }
      // Written otherwise by PostgreSQL (1e-05, 1e+15): found in the assembled text, then answered by the
      // usual execution (its statements after the assembly's two).
      for (const value of ['0.00001', '1e15', '-1e300']) {
        await assembled.sql(`UPDATE indicator SET baseline_value = ${value} WHERE id = $1`, [id]);
        const { assembled: a, usual: b } = await both(query);
        expect(a.statements).toBe(b.statements + 2);
      }
    } finally {
      await assembled.sql('UPDATE indicator SET baseline_value = $2 WHERE id = $1', [id, baseline]);
    }
  });

  it('writes 5,000 doubles of every magnitude as JSON.stringify does, or as the marker where the notations differ', async () => {
    // Deterministic: a linear congruential generator's mantissas at exponents from 1e-9 to 1e18, both signs.
    let seed = 28;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: 5000 }, (_, i) => (i % 2 ? -1 : 1) * next() * 10 ** ((i % 28) - 9));
    values.push(0, -0, 1e-4, -1e-4, 1e15, 1e15 - 0.125, 0.1 + 0.2, 1 / 3, Number.MAX_VALUE, Number.MIN_VALUE);
    const rows = await assembled.sql<{ text: string }>(
      `SELECT ${jsonFloatSql('t.x')} AS text FROM unnest($1::float8[]) WITH ORDINALITY AS t(x, n) ORDER BY t.n`,
      [values],
    );
    const wrong = values.filter((value, i) => {
      const plain = value === 0 || (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e15);
      return rows[i].text !== (plain ? JSON.stringify(value) : MISSING_IN_TEXT);
    });
    expect(wrong).toEqual([]);
    expect(rows.filter((row) => row.text !== MISSING_IN_TEXT).length).toBeGreaterThan(3000);
  });

  it('pages forward and backward, with filters, the same way', async () => {
    const query = `query ($first: Int, $last: Int, $after: String, $before: String, $filter: RecommendationFilter) {
      recommendations(first: $first, last: $last, after: $after, before: $before, filter: $filter, orderBy: { field: CODE, direction: ASC }) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { code status isOverdue meeting { title } statusHistory { to changedAt } } }
      }
    }`;
    const first = await both(query, { first: 4 });
    const after = first.assembled.data!.recommendations.pageInfo.endCursor as string;
    await both(query, { first: 4, after });
    await both(query, { last: 3, before: after });
    await both(query, { last: 2 });
    await both(query, { first: 0 });
    await both(query, { first: 10, filter: { overdue: true } });
    await both(query, { first: 10, filter: { status: ['UNDER_REVIEW'], search: 'a' } });
    await both(query, { first: 10, filter: { status: ['IMPLEMENTED', 'REJECTED'] } });
  });

  it('gives anonymous readers and VIEWER tokens the same answers, and the same refusals', async () => {
    const query = `{ recommendations(first: 20) { edges { node { code meeting { title } indicators { code progress(year: 2025) { actual status } } } } } }`;
    const anonymous = await both(query, {}, { authorization: '' });
    expect(anonymous.assembled.errors).toBeUndefined();
    await both(query, {}, { authorization: bearer(viewerToken) });
    // Values not yet reviewed are for staff: VIEWER is refused, with the usual error.
    const submitted = query.replace('progress(year: 2025)', 'progress(year: 2025, valueStatus: SUBMITTED)');
    const refused = await both(submitted, {}, { authorization: bearer(viewerToken) });
    expect(refused.assembled.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await both(query, {}, { authorization: 'Bearer not-a-token' });
  });

  it('leaves bad arguments and what it does not assemble to the usual execution, which answers them', async () => {
    const page = (args: string, node = 'code') => `{ recommendations(${args}) { edges { node { ${node} } } } }`;
    const badCursor = await both(page('first: 2, after: "bm90LWEtY3Vyc29y"'));
    expect(badCursor.assembled.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await both(page('first: 101'));
    expect(tooMany.assembled.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const both2 = await both(page('first: 2, last: 2'));
    expect(both2.assembled.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badYear = await both(page('first: 50', 'code indicators { progress(year: 1899) { status } }'));
    expect(badYear.assembled.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // Fields it does not assemble: the whole operation is executed as usual, with the usual statements.
    for (const node of ['code factHistory { version }', 'code meeting { participants { role } }', 'code meeting { titleTranslations { text } }']) {
      const { assembled: a, usual: b } = await both(page('first: 5', node));
      expect(a.errors).toBeUndefined();
      expect(a.statements).toBe(b.statements);
    }
    const mixed = await both(`{ recommendations(first: 3) { edges { node { code } } } meetings(first: 1) { totalCount } }`);
    expect(mixed.assembled.statements).toBe(mixed.usual.statements);
  });

  it('answers a null where the schema allows none as the usual execution does: with its error', async () => {
    const query = `{ recommendations(first: 100, orderBy: { field: CODE, direction: ASC }) { edges { node { code title barriers { title } } } } }`;
    // A barrier of the first recommendation in code order, so that the page shows it.
    const [{ id, title }] = await assembled.sql<{ id: string; title: unknown }>(
      `SELECT b.id, b.title FROM barrier b
         JOIN recommendation_barrier rb ON rb.barrier_id = b.id JOIN recommendation r ON r.id = rb.recommendation_id
        ORDER BY r.code LIMIT 1`,
    );
    await assembled.sql(`UPDATE barrier SET title = '{}' WHERE id = $1`, [id]);
    try {
      const { assembled: a } = await both(query);
      expect(a.errors?.[0].message).toMatch(/non-nullable field Barrier.title/);
    } finally {
      await assembled.sql('UPDATE barrier SET title = $2 WHERE id = $1', [id, title]);
    }
  });

  it('stores and serves assembled answers from the response cache as they were sent', async () => {
    const cached = await createTestApp({ PUBLIC_READ: 'true', RESPONSE_CACHE: 'true' }, { databaseUrl: assembled.databaseUrl });
    try {
      const variables = { status: OPEN_STATUSES, year: BENCH_YEAR, first: 50 };
      const expected = await usual.gql(DASHBOARD_QUERY, variables);
      // Executed (assembled) and stored, then answered from the cache: by the plugin, then before Apollo.
      for (let i = 0; i < 3; i++) {
        const res = await cached.gql(DASHBOARD_QUERY, variables);
        expect(res.errors).toBeUndefined();
        expect(res.data).toEqual(expected.data);
      }
    } finally {
      await cached.close();
    }
  });
});
