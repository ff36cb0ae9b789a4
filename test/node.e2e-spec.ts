import { createMeeting, createRecommendation } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

/** The Relay global object identification specification (issue 27). */
describe.each(['compiled', 'interpreted'])('node(id:) and nodes(ids:) (%s execution)', (execution) => {
  let t: TestApp;
  let viewer: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ GRAPHQL_EXECUTION: execution });
    const { createApiToken } = await t.gqlOk<{ createApiToken: { token: string } }>(
      'mutation { createApiToken(input: { name: "dashboard", role: VIEWER }) { token } }',
    );
    viewer = { authorization: bearer(createApiToken.token) };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('fetches any object again by the id it already has, with its type', async () => {
    const meeting = await createMeeting(t, { title: 'Sokuluk roundtable' });
    const recommendation = await createRecommendation(t, { meetingId: meeting.id });
    const res = await t.gqlOk<{ node: Record<string, unknown> }>(
      `query ($id: ID!) { node(id: $id) { __typename id ... on Meeting { title recommendations { id } } } }`,
      { id: meeting.id },
    );
    expect(res.node).toEqual({ __typename: 'Meeting', id: meeting.id, title: 'Sokuluk roundtable', recommendations: [{ id: recommendation.id }] });
  });

  it('answers nodes(ids:) in the order asked, null where nothing has the id', async () => {
    const meeting = await createMeeting(t);
    const recommendation = await createRecommendation(t, { meetingId: meeting.id });
    const missing = '00000000-0000-4000-8000-000000000000';
    const unknownIds = () => t.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [missing] }, viewer);
    // The token's first use also records its last use: measured after it.
    await unknownIds();
    const res = await t.gql<{ nodes: ({ __typename: string; id: string } | null)[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Recommendation { code } } }`,
      { ids: [recommendation.id, missing, meeting.id, 'not-a-uuid'] },
      viewer,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes).toEqual([
      { __typename: 'Recommendation', id: recommendation.id, code: recommendation.code },
      null,
      { __typename: 'Meeting', id: meeting.id },
      null,
    ]);
    // One statement finds the types (all that `nodes` of an unknown id costs beyond authenticating the token),
    // then one per type present. Measured after the token's first use, which also records its last use.
    const unknown = await unknownIds();
    expect(Number(res.headers['x-sql-statements']) - Number(unknown.headers['x-sql-statements'])).toBe(2);
  });

  it('keeps the typed queries\' access rules: a VIEWER may not read an audit entry through node', async () => {
    await createMeeting(t);
    const { auditLog } = await t.gqlOk<{ auditLog: { edges: { node: { id: string } }[] } }>('{ auditLog(first: 1) { edges { node { id } } } }');
    const entryId = auditLog.edges[0].node.id;
    const asAdmin = await t.gqlOk<{ node: { __typename: string } }>(`query ($id: ID!) { node(id: $id) { __typename } }`, { id: entryId });
    expect(asAdmin.node.__typename).toBe('AuditEntry');
    const asViewer = await t.gql(`query ($id: ID!) { node(id: $id) { __typename } }`, { id: entryId }, viewer);
    expect(asViewer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses more than 100 ids with BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const res = await t.gql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
