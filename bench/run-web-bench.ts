import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { describeMachine, Machine } from './machine';
import { ChildServer, ROOT, scriptNodeFlags, startChild } from './processes';

const USAGE = `usage: DATABASE_URL=postgres://… npm run bench:web -- [--scales 1,10] [--duration S] [--warmup S]
                                     [--connections 1,32] [--no-write] [--output docs/benchmarks.md]
  Loads the synthetic data set of each scale (it REPLACES the database's data), runs the built
  service (npm run build first) and measures each public page: requests per second, p50/p99
  latency, the 304 path, and the page's HTML + CSS bytes compressed.`;

interface Options {
  scales: number[];
  duration: number;
  warmup: number;
  connections: number[];
  write: boolean;
  output: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { scales: [1, 10], duration: 5, warmup: 1, connections: [1, 32], write: true, output: join(ROOT, 'docs', 'benchmarks.md') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (argv[i + 1] === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (arg === '--scales') options.scales = value().split(',').map(Number);
    else if (arg === '--duration') options.duration = Number(value());
    else if (arg === '--warmup') options.warmup = Number(value());
    else if (arg === '--connections') options.connections = value().split(',').map(Number);
    else if (arg === '--output') options.output = value();
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (options.scales.some((s) => !(s > 0))) throw new Error(`--scales takes positive numbers\n${USAGE}`);
  if (!(options.duration > 0) || !(options.warmup >= 0)) throw new Error(`--duration and --warmup must be positive\n${USAGE}`);
  if (options.connections.some((c) => !Number.isInteger(c) || c < 1)) throw new Error(`--connections takes positive integers\n${USAGE}`);
  return options;
}

interface PageCell {
  page: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

interface PageWeight {
  page: string;
  html: number;
  gzip: number;
  brotli: number;
}

/** One page of each kind, picked from the data (the busiest meeting, a recommendation with history, …). */
async function pickPages(databaseUrl: string): Promise<{ pages: string[]; data: string }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (sql: string) => String(Object.values((await client.query<Record<string, unknown>>(sql)).rows[0] ?? {})[0]);
    const rec = await one(`SELECT r.code FROM recommendation r JOIN status_change s ON s.recommendation_id = r.id GROUP BY r.code ORDER BY count(*) DESC, r.code LIMIT 1`);
    const meeting = await one(`SELECT meeting_id FROM recommendation GROUP BY meeting_id ORDER BY count(*) DESC, meeting_id LIMIT 1`);
    const indicator = await one(`SELECT i.code || '?plan=' || p.code FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id ORDER BY i.code LIMIT 1`);
    const org = await one(`SELECT organization_id FROM recommendation_organization GROUP BY organization_id ORDER BY count(*) DESC, organization_id LIMIT 1`);
    const counts = (await client.query<Record<string, string>>(`SELECT (SELECT count(*) FROM recommendation) AS r, (SELECT count(*) FROM status_change) AS s,
      (SELECT count(*) FROM meeting) AS m, (SELECT count(*) FROM organization) AS o, (SELECT count(*) FROM indicator) AS i`)).rows[0];
    const n = (k: string) => Number(counts[k]).toLocaleString('en-US');
    return {
      pages: [
        '/',
        '/recommendations',
        '/recommendations?status=IN_PROGRESS&status=STALLED&overdue=true',
        `/recommendations/${encodeURIComponent(rec)}`,
        '/meetings',
        `/meetings/${meeting}`,
        `/indicators/${indicator}`,
        `/organisations/${org}`,
        '/changes.atom',
      ],
      data: `${n('r')} recommendations, ${n('s')} status changes, ${n('m')} meetings, ${n('o')} organisations, ${n('i')} indicators`,
    };
  } finally {
    await client.end();
  }
}

const HEADERS = { 'accept-language': 'en', 'accept-encoding': 'gzip' };

async function drive(url: string, path: string, connections: number, seconds: number, headers: Record<string, string>, expected: number): Promise<PageCell> {
  let errors = 0;
  const result = await autocannon({
    url: `${url}${path}`,
    headers,
    connections,
    duration: seconds,
    timeout: 60,
    requests: [{ onResponse: (status: number) => void (status !== expected && errors++) }],
  });
  return { page: path, connections, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: errors + result.errors + result.timeouts };
}

async function weigh(url: string, path: string): Promise<PageWeight> {
  const res = await fetch(`${url}${path}`, { headers: { 'accept-language': 'en', 'accept-encoding': 'identity' } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  return { page: path, html: body.length, gzip: gzipSync(body).length, brotli: brotliCompressSync(body).length };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} kB`;

function render(label: string, command: string, data: string, machine: Machine, cells: PageCell[], weights: PageWeight[], css: { raw: number; brotli: number }): string {
  const lines = [
    `<!-- web-bench:${label} -->`,
    `#### ${label} (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Data: ${data}. Requests as an English-speaking browser (Accept-Language: en, gzip).`,
    '',
    `Machine: ${machine.os}; ${machine.cpus}; ${machine.memory} memory; Node ${machine.node}; ${machine.postgres}; load average ${machine.load} at the start. Code: ${machine.commit}.`,
    '',
    '```sh',
    command,
    '```',
    '',
    '| page | connections | req/s | p50 ms | p99 ms | errors |',
    '|---|---:|---:|---:|---:|---:|',
    ...cells.map((c) => `| \`${c.page}\` | ${c.connections} | ${fmt(c.rps, 1)} | ${fmt(c.p50, 1)} | ${fmt(c.p99, 1)} | ${c.errors} |`),
    '',
    `Page weight (the stylesheet: ${kb(css.raw)}, ${kb(css.brotli)} brotli, cached for a year):`,
    '',
    '| page | HTML | HTML gzip | HTML brotli | HTML + CSS brotli |',
    '|---|---:|---:|---:|---:|',
    ...weights.map((w) => `| \`${w.page}\` | ${kb(w.html)} | ${kb(w.gzip)} | ${kb(w.brotli)} | ${kb(w.brotli + css.brotli)} |`),
    `<!-- /web-bench:${label} -->`,
  ];
  return lines.join('\n');
}

const SECTION = '## Public pages';

function writeBlock(path: string, label: string, block: string): void {
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = `<!-- web-bench:${label} -->`;
  const end = `<!-- /web-bench:${label} -->`;
  const at = text.indexOf(start);
  if (at >= 0) text = text.slice(0, at) + block + text.slice(text.indexOf(end, at) + end.length);
  else {
    if (!text.includes(`\n${SECTION}\n`)) text = `${text.trimEnd()}\n\n${SECTION}\n\n\`npm run bench:web\` (bench/run-web-bench.ts): each public page of the built service, scale by scale.\n`;
    const sectionAt = text.indexOf(`\n${SECTION}\n`);
    const next = text.indexOf('\n## ', sectionAt + SECTION.length + 2);
    const insertAt = next < 0 ? text.length : next;
    text = `${text.slice(0, insertAt).trimEnd()}\n\n${block}\n${next < 0 ? '' : '\n'}${text.slice(insertAt).replace(/^\n+/, '')}`;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error(`DATABASE_URL is not set\n${USAGE}`);
  if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('run npm run build first');
  const css = readFileSync(join(ROOT, 'src', 'web', 'assets', 'dist', 'app.css'));
  const cssWeight = { raw: css.length, brotli: brotliCompressSync(css).length };
  for (const scale of options.scales) {
    console.log(`scale ${scale}: loading the synthetic data set …`);
    const seedStart = Date.now();
    execFileSync('npm', ['run', '--silent', 'seed:synthetic', '--', '--scale', String(scale), '--reset'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    console.log(`  loaded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    const machine = await describeMachine(databaseUrl);
    const { pages, data } = await pickPages(databaseUrl);
    let server: ChildServer | null = null;
    try {
      server = await startChild([...scriptNodeFlags('start:prod'), 'dist/src/main.js'], {
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        MIGRATIONS_RUN: 'true',
        PUBLIC_SITE: 'true',
        SEED_DEMO: 'false',
        // The pages count against the per-IP anonymous budget; one load generator would exhaust it.
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
      });
      const cells: PageCell[] = [];
      for (const page of pages) {
        await drive(server.url, page, 4, options.warmup, HEADERS, 200);
        for (const connections of options.connections) {
          const cell = await drive(server.url, page, connections, options.duration, HEADERS, 200);
          console.log(`  ${page} ×${connections}: ${fmt(cell.rps, 1)} req/s, p50 ${cell.p50} ms, p99 ${cell.p99} ms, errors ${cell.errors}`);
          cells.push(cell);
        }
      }
      const etag = (await fetch(`${server.url}/`, { headers: HEADERS })).headers.get('etag')!;
      for (const connections of options.connections) {
        const cell = await drive(server.url, '/', connections, options.duration, { ...HEADERS, 'if-none-match': etag }, 304);
        cell.page = '/ (304, If-None-Match)';
        console.log(`  ${cell.page} ×${connections}: ${fmt(cell.rps, 1)} req/s, p50 ${cell.p50} ms, p99 ${cell.p99} ms`);
        cells.push(cell);
      }
      const weights = await Promise.all(pages.map((page) => weigh(server!.url, page)));
      const label = `web N=${scale}`;
      const block = render(label, `npm run build && DATABASE_URL=… npm run bench:web -- ${process.argv.slice(2).join(' ')}`.trim(), data, machine, cells, weights, cssWeight);
      console.log(block);
      if (options.write) writeBlock(options.output, label, block);
    } finally {
      await server?.stop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
