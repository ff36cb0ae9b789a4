import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { createDatabaseFromTemplate, dropDatabase, ENV, serverUrl, withAdminClient } from './support/test-database';
import { ServiceProcess, startService, stopAllServices } from './support/service-process';

/**
 * Faults a machine produces, on the PostgreSQL server, loopback only and bounded:
 * kill -9 in the middle of a write burst, every connection terminated (and refused)
 * in the middle of one, a migration that fails half way.
 */
const server = serverUrl();
const template = process.env[ENV.template];
const WORKERS = 6;

interface Fixture {
  recommendationIds: string[];
  indicatorIds: string[];
  period: string;
}

/** What one worker had acknowledged (and last attempted) when the burst ended. */
interface WorkerLog {
  recommendationId: string;
  indicatorId: string;
  ackedVersion: number;
  ackedValues: number[];
  attemptedValue: number | null;
}

async function sql<R = Record<string, any>>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as R[];
  } finally {
    await client.end();
  }
}

async function createFixture(service: ServiceProcess): Promise<Fixture> {
  const year = new Date().getUTCFullYear();
  const ok = async <T,>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const res = await service.graphql<T>(query, variables);
    if (res.errors?.length || !res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const { createMeeting } = await ok<{ createMeeting: { id: string } }>(
    'mutation { createMeeting(input: { title: "Recovery", heldOn: "2024-08-13", format: ROUNDTABLE }) { id } }',
  );
  const { createActionPlan } = await ok<{ createActionPlan: { id: string } }>(
    `mutation ($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }`,
    { input: { code: `REC-${Date.now()}`, title: 'Recovery plan', startYear: year - 2, endYear: year + 1 } },
  );
  const recommendationIds: string[] = [];
  const indicatorIds: string[] = [];
  for (let i = 0; i < WORKERS; i++) {
    const { createRecommendation } = await ok<{ createRecommendation: { id: string } }>(
      'mutation ($input: CreateRecommendationInput!) { createRecommendation(input: $input) { id } }',
      { input: { meetingId: createMeeting.id, title: `Recommendation ${i}`, kind: 'AWARENESS', dueDate: `${year}-0${(i % 9) + 1}-15` } },
    );
    recommendationIds.push(createRecommendation.id);
    const { createIndicator } = await ok<{ createIndicator: { id: string } }>(
      'mutation ($input: CreateIndicatorInput!) { createIndicator(input: $input) { id } }',
      { input: { actionPlanId: createActionPlan.id, code: `IND-${i}`, name: `Indicator ${i}`, unit: '%', direction: 'INCREASE' } },
    );
    indicatorIds.push(createIndicator.id);
  }
  return { recommendationIds, indicatorIds, period: String(year - 1) };
}

/**
 * WORKERS loops, each on its own recommendation and indicator: a transition
 * (UNDER_REVIEW and REJECTED in turn), then a value write (1, 2, 3, ...). Each
 * records what was acknowledged. A loop ends at its first failed request when
 * `stopOnFailure`, or when `stop()` says so; at most `maxRounds` rounds either way.
 */
function burst(service: ServiceProcess, fixture: Fixture, options: { stopOnFailure: boolean; maxRounds: number }) {
  let stopped = false;
  let acknowledged = 0;
  let failures = 0;
  const logs: WorkerLog[] = fixture.recommendationIds.map((recommendationId, i) => ({
    recommendationId,
    indicatorId: fixture.indicatorIds[i],
    ackedVersion: 1,
    ackedValues: [],
    attemptedValue: null,
  }));
  const call = async (query: string, variables: Record<string, unknown>) => {
    try {
      const res = await service.graphql(query, variables);
      return res.errors?.length ? null : res.data;
    } catch {
      return null; // the connection was cut
    }
  };
  const worker = async (log: WorkerLog) => {
    for (let round = 1; round <= options.maxRounds && !stopped; round++) {
      const to = round % 2 ? 'UNDER_REVIEW' : 'REJECTED';
      const transitioned = await call(
        'mutation ($input: TransitionRecommendationInput!) { transitionRecommendation(input: $input) { version } }',
        { input: { id: log.recommendationId, to, note: `round ${round}` } },
      );
      if (transitioned) {
        log.ackedVersion = (transitioned as { transitionRecommendation: { version: number } }).transitionRecommendation.version;
        acknowledged++;
      } else {
        failures++;
        if (options.stopOnFailure) return;
        // The transition may or may not have committed: read where the recommendation is before going on.
        const current = await call('query ($id: ID!) { recommendation(id: $id) { status version } }', { id: log.recommendationId });
        const rec = (current as { recommendation: { status: string; version: number } } | null)?.recommendation;
        if (rec && rec.status !== to) round--;
        if (rec) log.ackedVersion = Math.max(log.ackedVersion, rec.version);
        else await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      log.attemptedValue = round;
      const recorded = await call(
        'mutation ($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { value } }',
        // Each write after the first corrects the period: it says why (every write is a version of its own).
        { input: { indicatorId: log.indicatorId, period: fixture.period, value: round, correctionReason: 'recovery burst' } },
      );
      if (recorded) {
        log.ackedValues.push(round);
        acknowledged++;
      } else {
        failures++;
        if (options.stopOnFailure) return;
      }
    }
  };
  const done = Promise.all(logs.map(worker));
  return {
    logs,
    done,
    acknowledged: () => acknowledged,
    failures: () => failures,
    stop: () => {
      stopped = true;
    },
  };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The probe's consistency checks, on what the database holds now. */
async function expectConsistent(url: string, logs: WorkerLog[]): Promise<void> {
  for (const log of logs) {
    const [rec] = await sql<{ status: string; version: number; history: number; last_status: string; versions: number[]; audits: number }>(
      url,
      `SELECT r.status::text AS status, r.version,
              (SELECT count(*)::int FROM status_change s WHERE s.recommendation_id = r.id) AS history,
              (SELECT s.to_status::text FROM status_change s WHERE s.recommendation_id = r.id ORDER BY s.version DESC LIMIT 1) AS last_status,
              (SELECT array_agg(s.version ORDER BY s.version) FROM status_change s WHERE s.recommendation_id = r.id) AS versions,
              (SELECT count(*)::int FROM audit_entry a WHERE a.entity_id = r.id) AS audits
         FROM recommendation r WHERE r.id = $1`,
      [log.recommendationId],
    );
    // Every acknowledged transition is there; the version counts the history, whose last entry is the status.
    expect(rec.version).toBeGreaterThanOrEqual(log.ackedVersion);
    expect(rec.history).toBe(rec.version);
    expect(rec.versions).toEqual(Array.from({ length: rec.version }, (_, i) => i + 1));
    expect(rec.last_status).toBe(rec.status);
    // One audit entry per committed mutation: the creation and each transition.
    expect(rec.audits).toBe(rec.history);

    // The period's value as last submitted (its latest version).
    const values = await sql<{ id: string; value: number }>(
      url,
      `SELECT v.id, w.value FROM indicator_value v
         JOIN LATERAL (SELECT value FROM indicator_value_version w WHERE w.indicator_value_id = v.id ORDER BY w.number DESC LIMIT 1) w ON true
        WHERE v.indicator_id = $1`,
      [log.indicatorId],
    );
    if (log.ackedValues.length === 0) {
      expect(values.length).toBeLessThanOrEqual(1);
      continue;
    }
    expect(values).toHaveLength(1);
    const lastAcked = log.ackedValues[log.ackedValues.length - 1];
    expect([lastAcked, log.attemptedValue]).toContain(values[0].value);
    // The audit chain of the value: one creation, then each replacement of the previous value, ending at the value held.
    const audits = await sql<{ before: { value: number } | null; after: { value: number } }>(
      url,
      'SELECT before, after FROM audit_entry WHERE entity_id = $1 ORDER BY at, (after->>\'value\')::float8',
      [values[0].id],
    );
    expect(audits[0].before).toBeNull();
    for (let i = 1; i < audits.length; i++) expect(audits[i].before?.value).toBe(audits[i - 1].after.value);
    expect(audits[audits.length - 1].after.value).toBe(values[0].value);
    const written = new Set(audits.map((a) => a.after.value));
    for (const value of log.ackedValues) expect(written.has(value)).toBe(true);
  }
  // The status tallies are exact.
  const tallyDrift = await sql(
    url,
    `WITH truth AS (
       SELECT status, COALESCE(date_trunc('month', due_date)::date, 'infinity'::date) AS due_month, count(*)::int AS n FROM recommendation GROUP BY 1, 2
     ), tally AS (SELECT status, due_month, recommendations AS n FROM recommendation_tally_by_month WHERE recommendations <> 0)
     (SELECT * FROM truth EXCEPT SELECT * FROM tally) UNION ALL (SELECT * FROM tally EXCEPT SELECT * FROM truth)`,
  );
  expect(tallyDrift).toEqual([]);
  const dayDrift = await sql(
    url,
    `WITH truth AS (
       SELECT status, COALESCE(due_date, 'infinity'::date) AS due_date, count(*)::int AS n FROM recommendation GROUP BY 1, 2
     ), tally AS (SELECT status, due_date, recommendations AS n FROM recommendation_tally_by_day WHERE recommendations <> 0)
     (SELECT * FROM truth EXCEPT SELECT * FROM tally) UNION ALL (SELECT * FROM tally EXCEPT SELECT * FROM truth)`,
  );
  expect(dayDrift).toEqual([]);
}

async function healthStatus(service: ServiceProcess): Promise<number> {
  try {
    const res = await fetch(`${service.url}/health`, { signal: AbortSignal.timeout(5_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

(server && template ? describe : describe.skip)('recovery (PostgreSQL server)', () => {
  let databaseName: string;
  let url: string;

  beforeEach(async () => {
    const db = await createDatabaseFromTemplate(server!, template!);
    databaseName = db.name;
    url = db.url;
  });
  afterEach(async () => {
    await stopAllServices();
    if (databaseName) {
      await withAdminClient(server!, (c) => c.query(`ALTER DATABASE "${databaseName}" WITH ALLOW_CONNECTIONS true`));
      await dropDatabase(server!, databaseName);
    }
  });

  const env = () => ({ DATABASE_URL: url, SEED_DEMO: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' });

  it('kill -9 during a write burst, then restart: every acknowledged write is there, histories, audit and tallies agree', async () => {
    const first = await startService(env());
    const fixture = await createFixture(first);
    const run = burst(first, fixture, { stopOnFailure: true, maxRounds: 200 });
    await until(() => run.acknowledged() >= 120, '120 acknowledged writes', 60_000);
    const ended = await first.stop('SIGKILL');
    expect(ended.signal).toBe('SIGKILL');
    await run.done;
    expect(run.failures()).toBeGreaterThan(0); // writes were in flight when it died

    const second = await startService(env());
    await expectConsistent(url, run.logs);
    // And the service goes on from there.
    const after = await second.graphql<{ recommendation: { version: number } }>('query ($id: ID!) { recommendation(id: $id) { version } }', {
      id: fixture.recommendationIds[0],
    });
    expect(after.data?.recommendation.version).toBeGreaterThanOrEqual(run.logs[0].ackedVersion);
  });

  it('every connection terminated and refused mid-burst: /health reports the outage while it lasts, the service recovers by itself', async () => {
    const service = await startService(env());
    const fixture = await createFixture(service);
    const run = burst(service, fixture, { stopOnFailure: false, maxRounds: 10_000 });
    try {
      await until(() => run.acknowledged() >= 40, '40 acknowledged writes', 60_000);
      expect(await healthStatus(service)).toBe(200);
      const before = run.acknowledged();
      // The outage: no new connection is accepted, and every open one is cut.
      await withAdminClient(server!, async (c) => {
        await c.query(`ALTER DATABASE "${databaseName}" WITH ALLOW_CONNECTIONS false`);
        await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [databaseName]);
      });
      // Polled as a load balancer would (often, from one address): never rate limited, 503 until it is back.
      await until(async () => (await healthStatus(service)) === 503, '/health to report the outage');
      const health = await fetch(`${service.url}/health`);
      expect(health.status).toBe(503);
      expect(JSON.stringify(await health.json())).toMatch(/database/);
      const failuresDuringOutage = run.failures();
      await until(() => run.failures() > failuresDuringOutage, 'writes to fail during the outage');
      // Still out: every poll says so.
      const statusesDuringOutage: number[] = [];
      for (let i = 0; i < 200; i++) statusesDuringOutage.push(await healthStatus(service));
      expect(new Set(statusesDuringOutage)).toEqual(new Set([503]));

      await withAdminClient(server!, (c) => c.query(`ALTER DATABASE "${databaseName}" WITH ALLOW_CONNECTIONS true`));
      await until(async () => (await healthStatus(service)) === 200, '/health to recover');
      const resumed = run.acknowledged();
      await until(() => run.acknowledged() >= resumed + 30, 'writes to be acknowledged again');
      expect(run.acknowledged()).toBeGreaterThan(before);
    } finally {
      run.stop();
      await run.done;
    }
    expect(service.output()).not.toMatch(/exited|uncaught/i);
    await expectConsistent(url, run.logs);
  });

  it('a migration that fails half way leaves the database as it was', async () => {
    const fingerprint = async () =>
      sql(
        url,
        `SELECT (SELECT json_agg(c ORDER BY c.table_name, c.column_name) FROM (
                  SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public') c) AS columns,
                (SELECT json_agg(i ORDER BY i.indexname) FROM (SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public') i) AS indexes,
                (SELECT json_agg(m ORDER BY m.id) FROM typeorm_migrations m) AS migrations,
                (SELECT json_agg(o ORDER BY o.name->>'en') FROM organization o) AS organizations`,
      );
    await sql(url, `INSERT INTO organization (name, kind) VALUES ('{"en": "Before the migration"}', 'NGO')`);
    const before = await fingerprint();

    class FailsHalfWay9999999999999 implements MigrationInterface {
      name = 'FailsHalfWay9999999999999';
      async up(runner: QueryRunner): Promise<void> {
        await runner.query(`CREATE TABLE half_way (id int PRIMARY KEY)`);
        await runner.query(`ALTER TABLE organization ADD COLUMN half_way text`);
        await runner.query(`CREATE INDEX "IDX_half_way" ON organization (half_way)`);
        await runner.query(`UPDATE organization SET name = jsonb_build_object('en', (name->>'en') || ' (changed)')`);
        await runner.query(`SELECT 1 / 0`); // fails here, after changing schema and data
      }
      async down(): Promise<void> {}
    }
    const dataSource = new DataSource({
      ...buildDataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 }),
      migrations: [FailsHalfWay9999999999999],
      logging: false,
    });
    await dataSource.initialize();
    try {
      await expect(dataSource.runMigrations()).rejects.toThrow(/division by zero/);
    } finally {
      await dataSource.destroy();
    }
    expect(await fingerprint()).toEqual(before);
  });
});
