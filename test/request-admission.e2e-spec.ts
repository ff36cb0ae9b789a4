import { setTimeout as pause } from 'node:timers/promises';
import { Client } from 'pg';
import pino from 'pino';
import request from 'supertest';
import { RequestAdmission } from '../src/common/http/request-admission';
import { PinoLoggerService } from '../src/logging/pino-logger.service';
import { createMeeting, createRecommendation } from './support/factories';
import { until } from './support/subscriptions';
import { createTestApp, TestApp } from './support/test-app';

const TRANSITION = `mutation ($input: TransitionRecommendationInput!) { transitionRecommendation(input: $input) { id status } }`;

/**
 * MAX_CONCURRENT_REQUESTS (src/common/http/request-admission.ts): with one slot, a request held
 * in the database keeps the next one waiting, not failing; /health and uploads are answered meanwhile; both are
 * answered once the first goes on, and the wait is in the waiting request's logged responseTime.
 */
describe('request admission', () => {
  let t: TestApp;
  let admission: RequestAdmission;

  beforeAll(async () => {
    t = await createTestApp({ MAX_CONCURRENT_REQUESTS: '1' });
    admission = t.app.get(RequestAdmission);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('works on one request at a time with a limit of 1; the next waits its turn, probes do not', async () => {
    expect(admission.limit).toBe(1);
    const pinoLogger = t.app.get(PinoLoggerService).pino;
    const logger = pinoLogger as unknown as Record<symbol, unknown>;
    const [originalStream, originalLevel] = [logger[pino.symbols.streamSym], pinoLogger.level];
    const lines: string[] = [];
    logger[pino.symbols.streamSym] = { write: (line: string) => lines.push(line) };
    pinoLogger.level = 'info';
    const recommendation = await createRecommendation(t, { meetingId: (await createMeeting(t)).id });
    const locker = new Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      // The transition will wait for this row lock, holding the only slot.
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM recommendation WHERE id = $1 FOR UPDATE', [recommendation.id]);
      const held = t.gql(TRANSITION, { input: { id: recommendation.id, to: 'UNDER_REVIEW' } });
      await until(async () => (await waitingForLock(t)) && admission.inProgress === 1);

      const next = t.gql('{ __typename }', undefined, { 'x-request-id': 'the-waiting-one' });
      await until(() => admission.queued === 1);
      const waitedAtLeast = 300;
      await pause(waitedAtLeast);
      const health = await request(t.app.getHttpServer()).get('/health');
      expect(health.status).toBe(200);
      // An upload goes straight on too (its body is read by its handler): refused for its missing file, not held.
      const upload = await request(t.app.getHttpServer())
        .post('/imports/indicator-values')
        .set('authorization', `Bearer ${t.adminToken}`)
        .field('note', 'no file');
      expect(upload.status).toBe(400);
      expect([admission.inProgress, admission.queued]).toEqual([1, 1]);

      await locker.query('COMMIT');
      const [first, second] = await Promise.all([held, next]);
      expect(first.errors).toBeUndefined();
      expect(first.data).toEqual({ transitionRecommendation: { id: recommendation.id, status: 'UNDER_REVIEW' } });
      expect(second.data).toEqual({ __typename: 'Query' });
      expect([admission.inProgress, admission.queued]).toEqual([0, 0]);
      // Its log line counts from its arrival (markArrival), the wait for the slot included.
      await until(() => lines.some((line) => line.includes('"the-waiting-one"')));
      const logged = JSON.parse(lines.find((line) => line.includes('"the-waiting-one"'))!) as { responseTime: number };
      expect(logged.responseTime).toBeGreaterThanOrEqual(waitedAtLeast);
    } finally {
      logger[pino.symbols.streamSym] = originalStream;
      pinoLogger.level = originalLevel;
      await locker.end();
    }
  });

  it('answers a burst of many more requests than slots, every one of them', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => t.gql('{ __typename }')));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 40 }, () => 200));
    expect([admission.inProgress, admission.queued]).toEqual([0, 0]);
  });

  it('refuses a limit outside 1–1000 at boot', async () => {
    await expect(createTestApp({ MAX_CONCURRENT_REQUESTS: '0' })).rejects.toThrow(/MAX_CONCURRENT_REQUESTS/);
  });
});

/** Whether a statement of the service waits for a lock (the transition's, on the locked row). */
async function waitingForLock(t: TestApp): Promise<boolean> {
  const rows = await t.sql(
    `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return rows.length > 0;
}
