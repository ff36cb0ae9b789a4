import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { describeMachine } from './machine';
import { startChild } from './processes';

/**
 * How responsive GET /health stays while the service reads a large XLSX import:
 * /health latencies (p50, p99, max) while idle, then while a workbook of ROWS rows
 * is uploaded (dry run) again and again; prints the figures, asserts nothing.
 *
 *   PG_ADMIN_URL=postgres://postgres@127.0.0.1:5432/postgres npx ts-node -T bench/health-during-import.ts [ROWS]
 *
 * Creates and drops a database of its own on that server.
 */
const ROWS = Number(process.argv[2] ?? 50_000);
const ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`;
const POLL_MS = 50;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function summary(label: string, latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `${label}: ${sorted.length} polls, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}

async function pollHealth(url: string, until: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (!until()) {
    const started = performance.now();
    const res = await fetch(`${url}/health`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`/health answered ${res.status}`);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return latencies;
}

async function main(): Promise<void> {
  const database = `bench_health_${Date.now().toString(36)}`;
  await admin(`CREATE DATABASE "${database}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const service = await startChild(['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    NODE_ENV: 'production',
    DATABASE_URL: url.toString(),
    ADMIN_TOKEN: TOKEN,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
    IMPORT_MAX_ROWS: String(ROWS),
    IMPORT_MAX_BYTES: String(64 * 1024 * 1024),
  });
  try {
    const graphql = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    const year = new Date().getUTCFullYear();
    const plan = await graphql('mutation ($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }', {
      input: { code: 'BENCH', title: 'Bench', startYear: year - 2, endYear: year + 1 },
    });
    // Eight quarters per indicator (the two years before this one), so every row is a new value.
    const indicators = Math.ceil(ROWS / 8);
    const db = new Client({ connectionString: url.toString() });
    await db.connect();
    await db.query(
      `INSERT INTO indicator (action_plan_id, code, name, unit, direction)
       SELECT $1, 'IND-' || g, jsonb_build_object('en', 'Indicator ' || g), '%', 'INCREASE' FROM generate_series(0, $2::int - 1) g`,
      [plan.createActionPlan.id, indicators],
    );
    await db.end();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('values');
    sheet.addRow(['action_plan', 'indicator_code', 'period', 'value', 'source', 'note']);
    for (let row = 0; row < ROWS; row++) {
      const quarter = (row % 4) + 1;
      const yearOffset = Math.floor(row / 4) % 2;
      const indicator = Math.floor(row / 8);
      sheet.addRow(['BENCH', `IND-${indicator}`, `${year - 2 + yearOffset}-Q${quarter}`, row / 10, `source ${row % 50}`, `note ${row}`]);
    }
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    console.log(JSON.stringify(await describeMachine(url.toString())));
    console.log(`workbook: ${ROWS} rows, ${(file.length / 1024 / 1024).toFixed(1)} MiB`);

    let idleDone = false;
    setTimeout(() => (idleDone = true), 5_000);
    console.log(summary('idle', await pollHealth(service.url, () => idleDone)));

    let importing = true;
    const imports: number[] = [];
    const uploads = (async () => {
      for (let i = 0; i < 3; i++) {
        const form = new FormData();
        form.append('file', new Blob([file]), 'values.xlsx');
        const started = performance.now();
        const res = await fetch(`${service.url}/imports/indicator-values?dryRun=true`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}` },
          body: form,
        });
        const body = (await res.json()) as { rejected?: number; imported?: number };
        imports.push(performance.now() - started);
        if (!res.ok || body.imported !== ROWS) throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      }
      importing = false;
    })();
    const during = await pollHealth(service.url, () => !importing);
    await uploads;
    console.log(`imports (dry run): ${imports.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`);
    console.log(summary('during imports', during));
  } catch (error) {
    console.error(`service output (last 3000 characters):\n${service.output().slice(-3000)}`);
    throw error;
  } finally {
    await service.stop();
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
