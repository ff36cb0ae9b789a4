import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays } from '../src/action-plan/progress-cut';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/common/clock';
import { RemindersService } from '../src/reminders/reminders.service';
import { BENCH_YEAR, DASHBOARD_QUERY, graphqlBody, OPEN_STATUSES } from './operations';
import { scriptNodeFlags, startChild } from './processes';

const USAGE =
  'usage: DATABASE_URL=postgres://…/a_database npm run bench:sweep-throughput -- [--scale N] [--duration S] [--connections C] [--today YYYY-MM-DD]\n' +
  '  (the database holds the synthetic data: npm run seed:synthetic -- --scale N; --scale only labels the figures)';

/** Every sweep of the loop is the first of its day: it writes that day's notifications (the costly case). */
interface SweepLoop {
  stop(): Promise<{ sweeps: number; seconds: number[]; written: number }>;
}

/**
 * "API throughput while the daily sweep runs" (issue 25): operation 1 of `npm run bench` (the NGO
 * dashboard, POST /graphql) driven for --duration seconds at --connections, first alone, then while
 * reminder sweeps run back to back against the same database (each one a new day's, so each writes
 * that day's notifications: the sweep is never idle during the measurement). Prints both req/s and
 * their ratio (the bound: the sweep costs the API less than 10 %, ratio ≥ 0.90).
 *
 * The service under load is a child process as `npm run bench` starts it (JOBS_WORKER=false, so its
 * own schedule sweeps nothing); the sweeps run in this process, a second instance's worker in effect.
 * As in bench/reminders.ts the synthetic data has no people: one MINISTRY user per organisation
 * with work and one EDITOR are added (bench-*@example.kg, kept), and no mail is sent.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const scale = option('--scale') ?? '?';
  const duration = Number(option('--duration') ?? 20);
  const connections = Number(option('--connections') ?? 32);
  const today = option('--today') ?? null;
  if (!Number.isInteger(duration) || duration < 1) throw new Error(`--duration must be whole seconds\n${USAGE}`);
  if (!Number.isInteger(connections) || connections < 1) throw new Error(`--connections must be a whole number\n${USAGE}`);
  if (today !== null && !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`--today must be a date YYYY-MM-DD\n${USAGE}`);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error(`DATABASE_URL is not set\n${USAGE}`);

  const adminToken = randomBytes(32).toString('hex');
  const auth = { authorization: `Bearer ${adminToken}` };
  const service = await startChild([...scriptNodeFlags('start:prod'), '-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10',
    EXPOSE_SQL_STATEMENT_COUNT: 'false',
    LOG_LEVEL: 'warn',
    MIGRATIONS_RUN: 'true',
    ADMIN_TOKEN: adminToken,
    RATE_LIMIT_PER_MINUTE: '100000000',
    RESPONSE_CACHE: 'false',
    JOBS_WORKER: 'false',
    SEED_DEMO: 'false',
    SMTP_URL: '',
  });
  Object.assign(process.env, { NODE_ENV: 'production', LOG_LEVEL: 'warn', SEED_DEMO: 'false', MIGRATIONS_RUN: 'false', JOBS_WORKER: 'false', SMTP_URL: '' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger: ['error', 'warn'] });
  try {
    const db = app.get(DataSource);
    const [{ n: recommendations }] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM recommendation WHERE status NOT IN ('IMPLEMENTED', 'REJECTED') AND due_date IS NOT NULL`,
    );
    if (!recommendations) throw new Error(`no open recommendations with a due date: seed the database first\n${USAGE}`);
    await db.query(
      `INSERT INTO app_user (email, display_name, role, organization_id, preferred_language)
       SELECT 'bench-' || o.id || '@example.kg', 'Bench officer', 'MINISTRY'::role, o.id, 'ru' FROM organization o
        WHERE EXISTS (SELECT 1 FROM recommendation_organization ro WHERE ro.organization_id = o.id)
           OR EXISTS (SELECT 1 FROM indicator i WHERE i.responsible_organization_id = o.id)
       UNION ALL SELECT 'bench-editor@example.kg', 'Bench editor', 'EDITOR'::role, NULL::uuid, 'en'
       ON CONFLICT DO NOTHING`,
    );

    const body = graphqlBody(DASHBOARD_QUERY, { status: OPEN_STATUSES, year: BENCH_YEAR });
    const drive = async (seconds: number) => {
      let errors = 0;
      const result = await autocannon({
        url: `${service.url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body,
        connections,
        duration: seconds,
        timeout: 60,
        requests: [{ onResponse: (status: number, text: string) => void (status !== 200 || text.includes('"errors"') ? errors++ : 0) }],
      });
      return { rps: result.requests.average, p99: result.latency.p99, errors: errors + result.errors + result.timeouts + result.non2xx };
    };

    // Each sweep a day later than the one before, from --today (or a day after the real today).
    const clock = app.get(Clock);
    let day = today ?? addDays(clock.today(), 1);
    const reminders = app.get(RemindersService);
    const sweepLoop = (): SweepLoop => {
      let running = true;
      const seconds: number[] = [];
      let written = 0;
      const loop = (async () => {
        while (running) {
          const noon = new Date(`${day}T06:00:00Z`);
          clock.now = () => noon;
          const started = process.hrtime.bigint();
          const result = await reminders.sweep();
          seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
          written += Object.values(result).reduce((a, b) => a + b, 0);
          day = addDays(day, 1);
        }
      })();
      return {
        stop: async () => {
          running = false;
          await loop;
          return { sweeps: seconds.length, seconds, written };
        },
      };
    };

    console.log(`warming up (5 s) …`);
    await drive(5);
    console.log(`dashboard alone (${duration} s, ${connections} connections) …`);
    const alone = await drive(duration);
    console.log(`dashboard while sweeps run (${duration} s, ${connections} connections) …`);
    const sweeps = sweepLoop();
    const during = await drive(duration);
    const swept = await sweeps.stop();

    const ratio = during.rps / alone.rps;
    console.log('');
    console.log(`| scale | open recommendations with a due date | connections | dashboard alone | dashboard during sweeps | ratio | sweeps (s each) | notifications written |`);
    console.log(`|---|---|---|---|---|---|---|---|`);
    console.log(
      `| ${scale} | ${recommendations} | ${connections} | ${alone.rps.toFixed(1)} req/s (p99 ${alone.p99} ms) | ${during.rps.toFixed(1)} req/s (p99 ${during.p99} ms) | ${ratio.toFixed(3)} | ${swept.sweeps} (${swept.seconds.map((s) => s.toFixed(1)).join(', ')}) | ${swept.written} |`,
    );
    if (alone.errors || during.errors) console.warn(`errors: ${alone.errors} alone, ${during.errors} during sweeps`);
    if (swept.sweeps === 0) console.warn('no sweep finished during the measurement: lengthen --duration');
  } finally {
    await app.close();
    await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
