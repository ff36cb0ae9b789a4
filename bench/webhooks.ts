import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { Role } from '../src/auth/role.enum';
import { IndicatorValuesImportService } from '../src/imports/indicator-values-import.service';
import { PublicEventType } from '../src/public-events/public-event';
import { WebhooksService } from '../src/webhooks/webhooks.service';

const USAGE =
  'usage: DATABASE_URL=postgres://…/a_database npm run bench:webhooks -- [--rows 1000] [--concurrency 4]\n' +
  '  (any database: migrations run at start; the bench adds an action plan, its indicators and one endpoint per run)';

const ADMIN = { tokenId: null, name: 'bench-webhooks', role: Role.ADMIN, organizationId: null, requestId: null };

/** Names the bench's endpoints (deleted at the end of a run, and at the start of the next). */
const BENCH_ENDPOINT = 'bench:webhooks receiver';

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number\n${USAGE}`);
  return value;
}

/**
 * Issue 26's figure: one import commit that reports `--rows` values (a yearly indicator per five
 * rows, 2021–2025) makes as many `indicator_value.submitted` events; a secretariat endpoint on a
 * local receiver wants them. Measured: from the import's commit until the receiver has every
 * delivery (each signature verified with standardwebhooks), with this process working the queue.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rows = option(args, '--rows', 1000);
  const concurrency = option(args, '--concurrency', 4);
  if (!process.env.DATABASE_URL) throw new Error(`DATABASE_URL is not set\n${USAGE}`);
  Object.assign(process.env, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    MIGRATIONS_RUN: 'true',
    JOBS_WORKER: 'true',
    JOBS_CONCURRENCY: String(concurrency),
    JOBS_POLL_INTERVAL_MS: '1000',
    WEBHOOKS_ALLOW_PRIVATE_ADDRESSES: 'true',
    SMTP_URL: '',
  });

  const received = new Set<string>();
  let secret = '';
  let badSignatures = 0;
  let allDelivered: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allDelivered = resolve));
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        new Webhook(secret).verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
        received.add(String(req.headers['webhook-id']));
      } catch {
        badSignatures++;
      }
      res.writeHead(204).end();
      if (received.size >= rows) allDelivered();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));

  const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger: ['error', 'warn'] });
  try {
    const db = app.get(DataSource);
    const run = Date.now().toString(36).toUpperCase();
    const indicators = Math.ceil(rows / 5);
    const [{ code: plan }] = await db.query<{ code: string }[]>(
      `WITH plan AS (
         INSERT INTO action_plan (code, title, start_year, end_year) VALUES ($1, '{"en": "Webhook bench"}', 2021, 2025) RETURNING id, code
       ), indicators AS (
         INSERT INTO indicator (action_plan_id, code, name, unit, direction)
         SELECT plan.id, 'WH-' || n, jsonb_build_object('en', 'Bench indicator ' || n), 'count', 'INCREASE' FROM plan, generate_series(1, $2::int) n
       )
       SELECT code FROM plan`,
      [`WH${run}`, indicators],
    );
    const webhooks = app.get(WebhooksService);
    // Endpoints of earlier runs point at receivers that are gone: delete them (their waiting jobs then find nothing to do).
    for (const old of await webhooks.list(ADMIN)) if (old.description === BENCH_ENDPOINT) await webhooks.delete(old.id, ADMIN);
    const { secret: created, endpoint } = await webhooks.create(
      { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, description: BENCH_ENDPOINT, eventTypes: [PublicEventType.INDICATOR_VALUE_SUBMITTED] },
      ADMIN,
    );
    secret = created;
    const endpointId = endpoint.id;

    const lines = ['action_plan,indicator_code,period,value,source,note'];
    for (let i = 0; i < rows; i++) lines.push(`${plan},WH-${Math.floor(i / 5) + 1},${2021 + (i % 5)},${i},,`);
    const imports = app.get(IndicatorValuesImportService);
    const file = await imports.readFile(Buffer.from(lines.join('\r\n') + '\r\n'), { maxRows: rows + 1, maxUnpackedBytes: 50_000_000 });
    const started = process.hrtime.bigint();
    const summary = await imports.importFile(file, { dryRun: false, actor: ADMIN, locale: 'en', correctionReason: null });
    const committed = process.hrtime.bigint();
    if (summary.imported !== rows) throw new Error(`the import wrote ${summary.imported} values, not ${rows}: ${JSON.stringify(summary.errors.slice(0, 3))}`);
    const timeout = setTimeout(() => allDelivered(), 120_000);
    await done;
    clearTimeout(timeout);
    const finished = process.hrtime.bigint();
    const seconds = (from: bigint, to: bigint) => (Number(to - from) / 1e9).toFixed(2);
    // The receiver answers before each attempt's row commits: wait (briefly) for the last ones.
    const attemptsLogged = async () =>
      (
        await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.endpoint_id = $1`,
          [endpointId],
        )
      )[0].n;
    let attempts = await attemptsLogged();
    for (let i = 0; i < 50 && attempts < received.size; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      attempts = await attemptsLogged();
    }
    console.log(`| rows (events) | import commit | commit → all delivered | delivered | attempts | bad signatures | JOBS_CONCURRENCY |`);
    console.log(`|---|---|---|---|---|---|---|`);
    console.log(`| ${rows} | ${seconds(started, committed)} s | ${seconds(committed, finished)} s | ${received.size} | ${attempts} | ${badSignatures} | ${concurrency} |`);
    if (received.size < rows) process.exitCode = 1;
    await webhooks.delete(endpointId, ADMIN);
  } finally {
    await app.close();
    receiver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
