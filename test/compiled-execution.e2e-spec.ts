import { Client } from 'pg';
import { BENCH_YEAR, DASHBOARD_QUERY, INDICATORS_QUERY, OPEN_STATUSES, SUMMARY_WITH_INDICATORS_QUERY } from '../bench/operations';
import { loadSyntheticData } from '../bench/synthetic/load-synthetic-data';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Operations run compiled by graphql-jit (GRAPHQL_EXECUTION=compiled, the default). The
 * reference is graphql-js: a second instance with GRAPHQL_EXECUTION=interpreted, on the same
 * database, must answer every request byte for byte the same: data, nulls, errors, paths.
 */
const REQUESTS: [string, string, Record<string, unknown>][] = [
  ['dashboard', DASHBOARD_QUERY, { status: OPEN_STATUSES, year: BENCH_YEAR, first: 50 }],
  ['indicators', INDICATORS_QUERY, { year: BENCH_YEAR, first: 30 }],
  ['summary with indicators', SUMMARY_WITH_INDICATORS_QUERY, { year: BENCH_YEAR }],
  [
    'fragments, aliases, directives, __typename',
    `query ($withBarriers: Boolean!, $first: Int) {
      meetings(first: $first) { totalCount edges { cursor node { ...M } } }
      plans: actionPlans { __typename code startYear indicators { code direction baselineValue } }
    }
    fragment M on Meeting {
      __typename id title heldOn
      barriers @include(if: $withBarriers) { category title }
      recommendations @skip(if: $withBarriers) { code status dueDate isOverdue }
      participants { role organization { name } person { fullName } }
    }`,
    { withBarriers: true, first: 20 },
  ],
  [
    'the same with the other branch of the directives',
    `query ($withBarriers: Boolean!) { meetings(first: 5) { edges { node {
      barriers @include(if: $withBarriers) { title } recommendations @skip(if: $withBarriers) { code }
    } } } }`,
    { withBarriers: false },
  ],
  [
    'a field resolver failing: its error, path and the null that bubbles up',
    `{ indicators(first: 3) { edges { node { code progress(year: 3000) { status } } } } }`,
    {},
  ],
  ['a variable of the wrong type', `query ($year: Int!) { progressSummary(year: $year) { year } }`, { year: 'this year' }],
  ['a missing variable', `query ($first: Int!) { meetings(first: $first) { totalCount } }`, {}],
  ['a root field failing', `{ progressSummary(year: 2025, actionPlanId: "1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9") { year } }`, {}],
];

describe('compiled execution (graphql-jit) answers as graphql-js does', () => {
  let compiled: TestApp;
  let interpreted: TestApp;
  let client: Client | null = null;

  beforeAll(async () => {
    compiled = await createTestApp({ GRAPHQL_EXECUTION: 'compiled' });
    // Both instances on one database: the synthetic data set at scale 0.01 (loaded with COPY).
    const databaseUrl = compiled.databaseUrl;
    client = new Client({ connectionString: databaseUrl });
    await client.connect();
    await loadSyntheticData(client, 0.01, { reset: true });
    interpreted = await createTestApp({ GRAPHQL_EXECUTION: 'interpreted' }, { databaseUrl });
  });
  afterAll(async () => {
    await client?.end();
    await interpreted?.close();
    await compiled?.close();
  });

  it.each(REQUESTS)('%s', async (_name, query, variables) => {
    const [fromCompiled, fromInterpreted] = [await compiled.gql(query, variables), await interpreted.gql(query, variables)];
    expect(fromCompiled.status).toBe(fromInterpreted.status);
    // Every error names its own request: the ids differ by nature, their presence is compared.
    const withoutRequestIds = (errors: typeof fromCompiled.errors) =>
      errors?.map((e) => {
        const { requestId, ...extensions } = (e.extensions ?? {}) as Record<string, unknown>;
        expect(typeof requestId).toBe('string');
        return { ...e, extensions };
      });
    expect(JSON.stringify({ data: fromCompiled.data, errors: withoutRequestIds(fromCompiled.errors) })).toBe(
      JSON.stringify({ data: fromInterpreted.data, errors: withoutRequestIds(fromInterpreted.errors) }),
    );
    // Not vacuous: every request answers data or errors.
    expect(fromCompiled.data ?? fromCompiled.errors).toBeTruthy();
  });

  it('answers non-trivially: the dashboard has a full page', async () => {
    const { recommendations } = await compiled.gqlOk(DASHBOARD_QUERY, { status: OPEN_STATUSES, year: BENCH_YEAR, first: 50 });
    expect(recommendations.edges).toHaveLength(50);
  });
});
