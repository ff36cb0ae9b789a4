import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';
import { createHash } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { createRecommendation } from '../support/factories';
import { bearer, createTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

/**
 * Apollo Client 4 as a dashboard would run it (issue 27): relayStylePagination over three pages,
 * automatic persisted queries over GET, ETags revalidated (304) by an HTTP cache, and two languages
 * in one normalised cache. The recipe (docs/clients.md): ask translated fields with `locale:`, so
 * the cache keys each language's text apart.
 */
const PAGE = gql`
  query DashboardPage($first: Int!, $after: String, $locale: Locale!) {
    recommendations(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          code
          title(locale: $locale)
          titleLocale(locale: $locale)
        }
      }
    }
  }
`;

interface PageData {
  recommendations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; code: string; title: string; titleLocale: string } }[];
  };
}

/** What a browser's HTTP cache does for Apollo Client: keeps each GET's ETag and revalidates with If-None-Match. */
function revalidatingFetch(): { fetch: typeof fetch; requests: { method: string; status: number }[] } {
  const stored = new Map<string, { etag: string; body: string }>();
  const requests: { method: string; status: number }[] = [];
  const revalidating: typeof fetch = async (input, init) => {
    const method = init?.method ?? 'GET';
    const key = input instanceof Request ? input.url : input.toString();
    const headers = new Headers(init?.headers);
    const cached = method === 'GET' ? stored.get(key) : undefined;
    if (cached) headers.set('if-none-match', cached.etag);
    const response = await fetch(input, { ...init, headers });
    requests.push({ method, status: response.status });
    if (response.status === 304 && cached) return new Response(cached.body, { status: 200, headers: { 'content-type': 'application/json' } });
    // Read whole, as a browser's cache would store it, and handed on with only the headers Apollo reads.
    const body = await response.text();
    const etag = response.headers.get('etag');
    if (method === 'GET' && etag && response.ok) stored.set(key, { etag, body });
    return new Response(body, { status: response.status, headers: { 'content-type': response.headers.get('content-type') ?? 'application/json' } });
  };
  return { fetch: revalidating, requests };
}

describe('Apollo Client 4 against the running service', () => {
  let t: TestApp;
  let uri: string;
  beforeAll(async () => {
    t = await createTestApp({ RESPONSE_CACHE: 'true' });
    await t.app.listen(0, '127.0.0.1');
    uri = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/graphql`;
    for (let n = 1; n <= 7; n++) {
      await createRecommendation(t, {
        title: `Mentorship programme ${n}`,
        titleTranslations: [{ locale: 'RU', text: `Программа наставничества ${n}` }],
      });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  function client(httpFetch: typeof fetch): ApolloClient {
    const http = new HttpLink({ uri, fetch: httpFetch, headers: { authorization: bearer(TEST_ADMIN_TOKEN) } });
    const persisted = createPersistedQueryLink({
      sha256: (text: string) => createHash('sha256').update(text).digest('hex'),
      useGETForHashedQueries: true,
    });
    return new ApolloClient({
      link: persisted.concat(http),
      cache: new InMemoryCache({ typePolicies: { Query: { fields: { recommendations: relayStylePagination() } } } }),
    });
  }

  it('merges three pages with relayStylePagination, in two languages, without mixing them', async () => {
    const http = revalidatingFetch();
    const apollo = client(http.fetch);
    for (const locale of ['EN', 'RU'] as const) {
      // Each page from the network (a later page read from the cache would be the merged list so far).
      let after: string | null = null;
      for (let page = 0; page < 3; page++) {
        const result: { data?: PageData } = await apollo.query<PageData>({ query: PAGE, variables: { first: 3, after, locale }, fetchPolicy: 'network-only' });
        after = result.data!.recommendations.pageInfo.endCursor;
      }
    }
    // relayStylePagination merged each language's pages into one list, kept apart by the locale argument.
    const en = apollo.readQuery<PageData>({ query: PAGE, variables: { first: 3, locale: 'EN' } })!;
    const ru = apollo.readQuery<PageData>({ query: PAGE, variables: { first: 3, locale: 'RU' } })!;
    expect(en.recommendations.edges).toHaveLength(7);
    expect(ru.recommendations.edges).toHaveLength(7);
    expect(en.recommendations.edges.every((e) => /^Mentorship programme \d$/.test(e.node.title) && e.node.titleLocale === 'EN')).toBe(true);
    expect(ru.recommendations.edges.every((e) => /^Программа наставничества \d$/.test(e.node.title) && e.node.titleLocale === 'RU')).toBe(true);
    expect(ru.recommendations.edges.map((e) => e.node.id)).toEqual(en.recommendations.edges.map((e) => e.node.id));
    // Persisted queries over GET: after the first miss (a GET answered PERSISTED_QUERY_NOT_FOUND, then a POST
    // registering it), every page is a GET.
    expect(http.requests.filter((r) => r.method === 'GET').length).toBeGreaterThanOrEqual(6);
    expect(http.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('revalidates the same pages with their ETags: 304 while nothing changed', async () => {
    const http = revalidatingFetch();
    for (let round = 0; round < 2; round++) {
      // A new client each round (a reloaded dashboard): its HTTP cache, not its normalised cache, answers.
      const apollo = client(http.fetch);
      let after: string | null = null;
      for (let page = 0; page < 3; page++) {
        const result: { data?: PageData } = await apollo.query<PageData>({ query: PAGE, variables: { first: 3, after, locale: 'RU' }, fetchPolicy: 'network-only' });
        after = result.data!.recommendations.pageInfo.endCursor;
      }
    }
    const gets = http.requests.filter((r) => r.method === 'GET');
    expect(gets.slice(-3).map((r) => r.status)).toEqual([304, 304, 304]);
  });
});
