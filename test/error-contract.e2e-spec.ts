import request from 'supertest';
import { ErrorCode, ErrorSubcode } from '../src/common/errors/error-codes';
import { bearer, createTestApp, GraphqlResponse, TestApp } from './support/test-app';

/**
 * Walks the error table of docs/api.md ("The error contract"): for every ErrorCode one request
 * that produces it, with the code, the HTTP status, the request id in `extensions` and a message
 * that names no class, table or constraint, the same in compiled and interpreted execution.
 */

/** What the table in docs/api.md promises for an error met while executing a GraphQL operation. */
const GRAPHQL_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 200,
  [ErrorCode.UNAUTHENTICATED]: 200,
  [ErrorCode.FORBIDDEN]: 200,
  [ErrorCode.NOT_FOUND]: 200,
  [ErrorCode.CONFLICT]: 200,
  [ErrorCode.INVALID_TRANSITION]: 200,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 200,
};

/** Internal names a client must never read in a message: classes, tables, constraints, SQL, source files. */
const INTERNAL_NAMES =
  /\b\w+(Error|Exception|Repository|Service|Resolver|Entity|Filter|Guard|Pipe)\b|\b(UQ|FK|PK|IDX|CHK|REL)_\w+|\b[a-z]+_[a-z_]+\b|\b(SELECT|INSERT|UPDATE|DELETE)\b|relation "|\.ts\b|stacktrace/;

const MODES = ['compiled', 'interpreted'] as const;

describe.each(MODES)('the error contract, %s execution (issue 27)', (mode) => {
  let t: TestApp;
  let viewerToken: string;
  let meetingId: string;
  let recommendationId: string;
  let requestCounter = 0;

  beforeAll(async () => {
    t = await createTestApp({ GRAPHQL_EXECUTION: mode, PUBLIC_READ: 'true', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5' });
    const created = await t.gqlOk<{ createApiToken: { token: string } }>(
      'mutation { createApiToken(input: { name: "contract viewer", role: VIEWER }) { token } }',
    );
    viewerToken = created.createApiToken.token;
    const meeting = await t.gqlOk<{ createMeeting: { id: string } }>(
      'mutation { createMeeting(input: { title: "Contract roundtable", heldOn: "2024-08-13", format: ROUNDTABLE }) { id } }',
    );
    meetingId = meeting.createMeeting.id;
    const recommendation = await t.gqlOk<{ createRecommendation: { id: string } }>(
      `mutation { createRecommendation(input: { title: "A quota", kind: QUOTA, meetingId: "${meetingId}" }) { id } }`,
    );
    recommendationId = recommendation.createRecommendation.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Sends an operation with its own request id and checks one error against the table. */
  async function expectError(code: ErrorCode, query: string, headers: Record<string, string> = {}): Promise<GraphqlResponse> {
    const requestId = `contract-${mode}-${++requestCounter}`;
    const res = await t.gql(query, undefined, { 'x-request-id': requestId, ...headers });
    expect(res.errors).toBeDefined();
    const [error] = res.errors!;
    expect({ code: error.extensions?.code, status: res.status }).toEqual({ code, status: GRAPHQL_STATUS[code] });
    expect(error.extensions?.requestId).toBe(requestId);
    expect(res.headers['x-request-id']).toBe(requestId);
    expect(error.message).not.toMatch(INTERNAL_NAMES);
    return res;
  }

  it('BAD_USER_INPUT: an invalid argument, named in the message', async () => {
    const res = await expectError(
      ErrorCode.BAD_USER_INPUT,
      'mutation { createMeeting(input: { title: " ", heldOn: "2024-08-13", format: ROUNDTABLE }) { id } }',
    );
    expect(res.errors![0].message).toContain('title');
    expect(await t.sql('SELECT count(*)::int AS n FROM meeting')).toEqual([{ n: 1 }]);
  });

  it('BAD_USER_INPUT: a document that does not parse is refused before execution with 400', async () => {
    const requestId = `contract-${mode}-syntax`;
    const res = await t.gql('{ meetings { totalCount ', undefined, { 'x-request-id': requestId });
    expect(res.status).toBe(400);
    expect(res.errors![0].extensions).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, requestId });
  });

  it('UNAUTHENTICATED: an unknown token', async () => {
    await expectError(ErrorCode.UNAUTHENTICATED, '{ meetings { totalCount } }', { authorization: bearer('not-a-token-0123456789abcdefghijklmnop') });
  });

  it('FORBIDDEN: a VIEWER asking for the audit trail', async () => {
    await expectError(ErrorCode.FORBIDDEN, '{ auditLog { totalCount } }', { authorization: bearer(viewerToken) });
  });

  it('NOT_FOUND: an id that does not exist', async () => {
    await expectError(
      ErrorCode.NOT_FOUND,
      'mutation { updateMeeting(id: "00000000-0000-4000-8000-000000000000", input: { summary: "x" }) { id } }',
    );
  });

  it('CONFLICT: a stale expectedVersion, and nothing changes', async () => {
    const res = await expectError(
      ErrorCode.CONFLICT,
      `mutation { updateMeeting(id: "${meetingId}", expectedVersion: 99, input: { summary: "stale" }) { id } }`,
    );
    expect(res.errors![0].extensions).toMatchObject({ subcode: ErrorSubcode.STALE_VERSION, currentVersion: 1 });
    expect(await t.sql('SELECT version FROM meeting WHERE id = $1', [meetingId])).toEqual([{ version: 1 }]);
  });

  it('CONFLICT: a code already taken, without the constraint name', async () => {
    const create = `mutation { createRecommendation(input: { code: "DUP-1", title: "Twice", kind: QUOTA, meetingId: "${meetingId}" }) { id } }`;
    await t.gqlOk(create);
    const res = await expectError(ErrorCode.CONFLICT, create);
    expect(res.errors![0].extensions).toMatchObject({ subcode: ErrorSubcode.DUPLICATE, field: 'code' });
    expect(res.errors![0].extensions).not.toHaveProperty('constraint');
    expect(await t.sql("SELECT count(*)::int AS n FROM recommendation WHERE code = 'DUP-1'")).toEqual([{ n: 1 }]);
  });

  it('INVALID_TRANSITION: a step the lifecycle does not allow', async () => {
    await expectError(
      ErrorCode.INVALID_TRANSITION,
      `mutation { transitionRecommendation(input: { id: "${recommendationId}", to: IMPLEMENTED }) { status } }`,
    );
  });

  it('TOO_MANY_REQUESTS: over the rate limit, with Retry-After', async () => {
    let last: GraphqlResponse | undefined;
    for (let i = 0; i < 10; i++) {
      last = await t.gql('{ meetings { totalCount } }', undefined, { authorization: '', 'x-request-id': `contract-${mode}-rate-${i}` });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(last!.headers['retry-after']).toMatch(/^\d+$/);
    const res = await expectError(ErrorCode.TOO_MANY_REQUESTS, '{ meetings { totalCount } }', { authorization: '' });
    expect(res.data).toBeNull();
  });

  it('the HTTP routes carry the code and the request id in their error bodies', async () => {
    const res = await request(t.app.getHttpServer())
      .get('/exports/recommendations.csv')
      .set('authorization', bearer('not-a-token-0123456789abcdefghijklmnop'))
      .set('x-request-id', `contract-${mode}-http`);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: expect.objectContaining({ code: ErrorCode.UNAUTHENTICATED, requestId: `contract-${mode}-http` }) });
    expect((res.body as { error: { message: string } }).error.message).not.toMatch(INTERNAL_NAMES);
  });

  it('INTERNAL_SERVER_ERROR: an unexpected failure, with the request id and no internals', async () => {
    // Break the schema under the running service (last: the app is closed after this).
    await t.sql('DROP TABLE barrier_meeting CASCADE');
    const res = await expectError(ErrorCode.INTERNAL_SERVER_ERROR, '{ meetings { edges { node { barriers { id } } } } }');
    expect(res.errors![0].message).toMatch(/request id contract-/);
  });
});
