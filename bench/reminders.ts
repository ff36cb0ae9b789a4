import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { Clock } from '../src/common/clock';
import { RemindersService } from '../src/reminders/reminders.service';

const USAGE =
  'usage: DATABASE_URL=postgres://…/a_database npm run bench:reminders -- [--scale N] [--today YYYY-MM-DD]\n' +
  '  (the database holds the synthetic data: npm run seed:synthetic -- --scale N; --scale only labels the figures)';

/**
 * The cost of the daily reminder sweep (RemindersService.sweep: one statement per rule over every
 * open recommendation and expected indicator period): seconds of the first sweep of a day (it
 * writes the day's notifications) and of a second one (it finds them written). The synthetic data
 * has no people: the bench adds one MINISTRY user per organisation with recommendations or
 * indicators and one EDITOR (bench-*@example.kg, kept for the next run), and no mail is sent.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const scaleAt = args.indexOf('--scale');
  const scale = scaleAt >= 0 ? args[scaleAt + 1] : '?';
  const todayAt = args.indexOf('--today');
  const today = todayAt >= 0 ? args[todayAt + 1] : null;
  if (today !== null && !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`--today must be a date YYYY-MM-DD\n${USAGE}`);
  if (!process.env.DATABASE_URL) throw new Error(`DATABASE_URL is not set\n${USAGE}`);
  Object.assign(process.env, { NODE_ENV: 'production', LOG_LEVEL: 'warn', SEED_DEMO: 'false', MIGRATIONS_RUN: 'true', JOBS_WORKER: 'false', SMTP_URL: '' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger: ['error', 'warn'] });
  try {
    // The sweep's "today" (noon in Bishkek on that day), or the real one.
    if (today) app.get(Clock).now = () => new Date(`${today}T06:00:00Z`);
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
    const [{ n: people }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM app_user WHERE deactivated_at IS NULL`);
    const reminders = app.get(RemindersService);
    const time = async () => {
      const started = process.hrtime.bigint();
      const result = await reminders.sweep();
      return { seconds: Number(process.hrtime.bigint() - started) / 1e9, written: Object.values(result).reduce((a, b) => a + b, 0), result };
    };
    const first = await time();
    const second = await time();
    console.log(`today: ${app.get(Clock).today()}`);
    console.log(`| scale | open recommendations with a due date | active people | sweep (first of the day) | notifications written | sweep again (same day) |`);
    console.log(`|---|---|---|---|---|---|`);
    console.log(`| ${scale} | ${recommendations} | ${people} | ${first.seconds.toFixed(2)} s | ${first.written} | ${second.seconds.toFixed(2)} s |`);
    console.log(JSON.stringify(first.result));
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
