import pino from 'pino';
import request from 'supertest';
import { PinoLoggerService } from '../src/logging/pino-logger.service';
import { createTestApp, TestApp } from './support/test-app';

describe('errors in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'info' });
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

  it('gives no "did you mean" hints in variable errors either (they would advertise the schema)', async () => {
    const res = await t.gql(
      'mutation ($format: MeetingFormat!) { createMeeting(input: { title: "Typo", heldOn: "2024-08-13", format: $format }) { id } }',
      { format: 'ROUNDTABL' },
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toContain('$format');
    expect(JSON.stringify(res)).not.toMatch(/did you mean|ROUNDTABLE/i);
    const field = await t.gql('mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }', {
      input: { title: 'Typo', heldOn: '2024-08-13', format: 'ROUNDTABLE', setlement: 'Kant' },
    });
    expect(field.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(field)).not.toMatch(/did you mean|settlement/i);
  });

  it('does not log requests to /health, and logs the others', async () => {
    const logger = t.app.get(PinoLoggerService).pino as unknown as Record<symbol, unknown>;
    const original = logger[pino.symbols.streamSym];
    const lines: string[] = [];
    logger[pino.symbols.streamSym] = { write: (line: string) => lines.push(line) };
    try {
      expect((await request(t.app.getHttpServer()).get('/health')).status).toBe(200);
      expect((await request(t.app.getHttpServer()).get('/health?probe=1')).status).toBe(200);
      expect(lines.filter((line) => line.includes('/health'))).toEqual([]);
      await request(t.app.getHttpServer()).get('/graphql?query=%7B__typename%7D').set('apollo-require-preflight', 'true');
      expect(lines.some((line) => line.includes('"url":"/graphql'))).toBe(true);
    } finally {
      logger[pino.symbols.streamSym] = original;
    }
  });

  it('reports the database unable to write on /health while writes fail for a full disk, and recovers after a write', async () => {
    const health = () => request(t.app.getHttpServer()).get('/health');
    expect((await health()).status).toBe(200);
    // The fault: every insert into organization fails as PostgreSQL fails on a full disk (SQLSTATE 53100).
    await t.sql(`CREATE FUNCTION disk_is_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file "base/1/2": No space left on device' USING ERRCODE = 'disk_full'; END $$`);
    await t.sql('CREATE TRIGGER disk_is_full BEFORE INSERT ON organization FOR EACH ROW EXECUTE FUNCTION disk_is_full()');
    try {
      const refused = await t.gql('mutation { createOrganization(input: { name: "On a full disk", kind: MINISTRY }) { id } }');
      expect(refused.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const down = await health();
      expect(down.status).toBe(503);
      expect(down.body.error.databaseWrites.message).toMatch(/the database refuses writes: disk full \(SQLSTATE 53100\)/);
      // The ping alone still answers.
      expect(down.body.info.database.status).toBe('up');
    } finally {
      await t.sql('DROP TRIGGER disk_is_full ON organization');
      await t.sql('DROP FUNCTION disk_is_full()');
    }
    await t.gqlOk('mutation { createOrganization(input: { name: "After the disk was freed", kind: MINISTRY }) { id } }');
    expect((await health()).status).toBe(200);
  });
});
