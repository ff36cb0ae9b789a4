import { Client } from 'pg';
import { BENCH_YEAR, DASHBOARD_QUERY, INDICATORS_QUERY, OPEN_STATUSES, SUMMARY_QUERY, SUMMARY_WITH_INDICATORS_QUERY } from '../bench/operations';
import { loadSyntheticData } from '../bench/synthetic/load-synthetic-data';
import { createTestApp, TestApp } from './support/test-app';

/**
 * SQL statements per request do not depend on the page size or on how much data
 * there is: the benchmark's read operations, on the synthetic data set at scale
 * 0.01 and 0.1 (200 and 2,000 recommendations), with pages of 10 and 100.
 */
const PAGE_SIZES = [10, 100] as const;

const OPERATIONS = {
  dashboard: (first: number) => ({ query: DASHBOARD_QUERY, variables: { status: OPEN_STATUSES, year: BENCH_YEAR, first } }),
  indicators: (first: number) => ({ query: INDICATORS_QUERY, variables: { year: BENCH_YEAR, first } }),
  progressSummary: () => ({ query: SUMMARY_QUERY, variables: { year: BENCH_YEAR } }),
  progressSummaryWithIndicators: () => ({ query: SUMMARY_WITH_INDICATORS_QUERY, variables: { year: BENCH_YEAR } }),
  meetings: (first: number) => ({
    // Left out: participants' people and organisations (whether a page has any depends on the data, not its
    // size), and the history of every recommendation of every meeting (an unpaginated list: past 1,000 keys
    // the loader splits its batch, see LoaderRegistry's maxBatchSize).
    query: `query ($first: Int) { meetings(first: $first) { totalCount edges { node {
      title participants { role } barriers { title } recommendations { code }
    } } } }`,
    variables: { first },
  }),
};

type Counts = Record<string, number>;

describe('SQL statements per request at scale (synthetic data)', () => {
  let t: TestApp;
  let client: Client | null = null;

  /**
   * Statement counts of every operation at every page size, checking each answer is complete. Each
   * operation runs once unmeasured first: what is read once per data version (the plans' facts)
   * is then read, and the counts are those of every later request.
   */
  const measure = async (): Promise<Counts> => {
    const counts: Counts = {};
    for (const [name, build] of Object.entries(OPERATIONS)) {
      const warm = build(PAGE_SIZES[0]);
      expect((await t.gql(warm.query, warm.variables)).errors).toBeUndefined();
      for (const first of PAGE_SIZES) {
        const { query, variables } = build(first);
        const res = await t.gql(query, variables);
        expect(res.errors).toBeUndefined();
        counts[`${name}@${first}`] = res.statements;
      }
    }
    return counts;
  };

  beforeAll(async () => {
    t = await createTestApp();
    client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await t?.close();
  });

  it('is the same for pages of 10 and 100 and for 200 and 2,000 recommendations', async () => {
    const started = Date.now();
    await loadSyntheticData(client!, 0.01, { reset: true });
    const small = await measure();
    await loadSyntheticData(client!, 0.1, { reset: true });
    const dashboard = await t.gqlOk(DASHBOARD_QUERY, { status: OPEN_STATUSES, year: BENCH_YEAR, first: 100 });
    expect(dashboard.recommendations.edges).toHaveLength(100);
    expect(dashboard.recommendations.totalCount).toBeGreaterThan(500);
    const large = await measure();
    console.log(`[scale] statements per request: ${JSON.stringify(large)} (${Date.now() - started} ms)`);

    expect(large).toEqual(small);
    for (const name of Object.keys(OPERATIONS)) {
      expect(large[`${name}@100`]).toBe(large[`${name}@10`]);
    }
    // One statement per relation, whatever the size: small, fixed numbers.
    for (const count of Object.values(large)) {
      expect(Number.isInteger(count)).toBe(true);
      expect(count).toBeLessThanOrEqual(12);
    }
  });
});
