import { createActionPlan, createBarrier, createIndicator, createMeeting, createOrganization, createPerson } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * The lists that were answered whole (barriers, organisations, people) as Relay connections: the
 * same rows in the same order as the old lists, in pages that neither skip nor repeat a row, in
 * each request language's own order, with cursors that belong to that order.
 */
interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null };
}

/** A query's data in a request language; any error fails the test. */
async function read<T>(t: TestApp, query: string, variables: Record<string, unknown>, language: string): Promise<T> {
  const res = await t.gql<T>(query, variables, { 'accept-language': language });
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

const PAGE_FIELDS = 'totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

describe('barriers, organisations and people as connections', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const meeting = await createMeeting(t);
    // Names whose order differs between languages, one with no Kyrgyz text (falls back).
    const names: [string, string, string][] = [
      ['Б министрлик', 'А министерство', 'Z ministry'],
      ['А министрлик', 'В министерство', 'Y ministry'],
      ['В министрлик', 'Б министерство', 'X ministry'],
      ['Г министрлик', 'Г министерство', 'W ministry'],
      ['Д министрлик', 'Д министерство', 'V ministry'],
    ];
    for (const [ky, ru, en] of names) {
      await createOrganization(t, { kind: 'MINISTRY', name: undefined, nameTranslations: [{ locale: 'KY', text: ky }, { locale: 'RU', text: ru }, { locale: 'EN', text: en }] } as never);
    }
    for (let i = 0; i < 7; i++) {
      await createBarrier(t, { meetingIds: [meeting.id], title: `Barrier ${String.fromCharCode(71 - i)}`, category: i % 2 ? 'FINANCIAL' : 'CONFIDENCE' } as never);
      await createPerson(t, { fullName: `Person ${String.fromCharCode(65 + ((i * 3) % 7))}` });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every page of `field` with `size` per page, forward, as ids. */
  async function walk(field: string, size: number, language: string, args = ''): Promise<{ ids: string[]; totals: number[] }> {
    const ids: string[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    for (;;) {
      const data = await read<Record<string, Page>>(t, `query ($after: String) { ${field}(first: ${size}, after: $after${args}) { ${PAGE_FIELDS} } }`, { after }, language);
      const page: Page = data[field];
      ids.push(...page.edges.map((e) => e.node.id));
      totals.push(page.totalCount);
      if (!page.pageInfo.hasNextPage) return { ids, totals };
      after = page.pageInfo.endCursor;
    }
  }

  it.each([
    ['organizationsConnection', 'organizations', ''],
    ['barriersConnection', 'barriers', ''],
    ['barriersConnection', 'barriers', ', category: FINANCIAL'],
    ['peopleConnection', 'people', ''],
  ])('%s%s pages through the old list\'s rows in its order, in every language', async (connection, list, args) => {
    for (const language of ['ky', 'ru', 'en']) {
      const whole = await read<Record<string, { id: string }[]>>(t, `{ ${list}${args ? `(${args.slice(2)})` : ''} { id } }`, {}, language);
      const expected = whole[list].map((row) => row.id);
      const { ids, totals } = await walk(connection, 2, language, args);
      expect(ids).toEqual(expected);
      expect(new Set(totals)).toEqual(new Set([expected.length]));
    }
  });

  it('orders organisations by the request language: Russian and Kyrgyz differ', async () => {
    const ky = (await walk('organizationsConnection', 100, 'ky')).ids;
    const ru = (await walk('organizationsConnection', 100, 'ru')).ids;
    expect(ky).not.toEqual(ru);
    expect([...ky].sort()).toEqual([...ru].sort());
  });

  it('refuses a cursor of the Russian order in the Kyrgyz one, and a cursor of another list', async () => {
    const ru = await read<{ organizationsConnection: Page }>(t, `{ organizationsConnection(first: 2) { ${PAGE_FIELDS} } }`, {}, 'ru');
    const cursor = ru.organizationsConnection.pageInfo.endCursor;
    const ky = await t.gql(`query ($after: String) { organizationsConnection(first: 2, after: $after) { totalCount } }`, { after: cursor }, { 'accept-language': 'ky' });
    expect(ky.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const other = await t.gql(`query ($after: String) { peopleConnection(first: 2, after: $after) { totalCount } }`, { after: cursor });
    expect(other.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('reads back from the end with last and before, and counts with first: 0', async () => {
    const forward = (await walk('peopleConnection', 100, 'en')).ids;
    const last = await t.gqlOk<{ peopleConnection: Page }>(`{ peopleConnection(last: 3) { ${PAGE_FIELDS} } }`);
    expect(last.peopleConnection.edges.map((e) => e.node.id)).toEqual(forward.slice(-3));
    expect(last.peopleConnection.pageInfo.hasPreviousPage).toBe(true);
    const count = await t.gqlOk<{ peopleConnection: Page }>(`{ peopleConnection(first: 0) { ${PAGE_FIELDS} } }`);
    expect(count.peopleConnection).toMatchObject({ totalCount: forward.length, edges: [] });
  });
});

describe("an indicator's recommendations, by pages", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('selects with filter.indicatorId exactly what Indicator.recommendations lists', async () => {
    const meeting = await createMeeting(t);
    const plan = await createActionPlan(t);
    const [measured, other] = [await createIndicator(t, { actionPlanId: plan.id }), await createIndicator(t, { actionPlanId: plan.id })];
    for (let i = 0; i < 5; i++) {
      await t.gqlOk(`mutation ($input: CreateRecommendationInput!) { createRecommendation(input: $input) { id } }`, {
        input: { title: `Measured ${i}`, kind: 'MONITORING', meetingId: meeting.id, indicatorIds: i < 3 ? [measured.id] : [other.id] },
      });
    }
    const nested = await t.gqlOk<{ indicator: { recommendations: { code: string }[] } }>(`query ($id: ID!) { indicator(id: $id) { recommendations { code } } }`, { id: measured.id });
    const paged = await t.gqlOk<{ recommendations: { totalCount: number; edges: { node: { code: string } }[] } }>(
      `query ($id: ID!) { recommendations(first: 2, filter: { indicatorId: $id }) { totalCount edges { node { code } } } }`,
      { id: measured.id },
    );
    expect(paged.recommendations.totalCount).toBe(3);
    expect(nested.indicator.recommendations).toHaveLength(3);
    expect(paged.recommendations.edges.map((e) => e.node.code)).toEqual(nested.indicator.recommendations.map((r) => r.code).sort().slice(0, 2));
  });
});
