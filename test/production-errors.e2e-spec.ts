import { createTestApp, TestApp } from './support/test-app';

describe('errors in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers an unexpected failure with INTERNAL_SERVER_ERROR and a request id, without internals', async () => {
    await t.gqlOk(`mutation { createMeeting(input: { title: "Roundtable", heldOn: "2024-08-13", format: ROUNDTABLE }) { id } }`);
    // Break the schema under the running service: the next query fails inside PostgreSQL.
    await t.sql('DROP TABLE barrier_meeting CASCADE');
    const res = await t.gql('{ meetings { edges { node { title barriers { title } } } } }', undefined, {
      'x-request-id': 'req-42',
    });
    expect(res.errors).toHaveLength(1);
    const [error] = res.errors!;
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' });
    expect(error.message).toBe('Internal server error (request id req-42)');
    expect(res.headers['x-request-id']).toBe('req-42');
    const body = JSON.stringify(res);
    for (const leak of ['barrier_meeting', 'relation', 'SELECT', 'stacktrace', 'QueryFailedError', '.ts:']) {
      expect(body).not.toContain(leak);
    }
  });

  it('still gives coded, helpful errors for bad input', async () => {
    const res = await t.gql(`mutation { createMeeting(input: { title: " ", heldOn: "2024-08-13", format: ROUNDTABLE }) { id } }`);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(res.errors?.[0].message).toContain('title');
    expect(JSON.stringify(res)).not.toContain('stacktrace');
  });
});
