import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH_YEAR, DASHBOARD_QUERY, graphqlBody, OPEN_STATUSES } from './operations';
import { benchNodeFlags, freePort, ROOT, treeMemory } from './processes';

const USAGE = `usage: npm run bench:embedded -- [--main dist/src/main.js] [--requests 1000] [--duration 10]
Measures the service on the embedded database (no DATABASE_URL), as \`npm start\` runs it, with the sample:
time to first answer on a first run (empty DATA_DIR) and on a warm restart, resident memory of the
service plus its database processes (RSS and PSS summed over the process tree) at idle and after
N dashboard requests, and the dashboard at 1 and 32 connections. Build first (npm run build). BENCH_NODE_FLAGS replaces npm start's node flags.`;

const ADMIN_TOKEN = 'embedded-footprint-admin-token-0123456789abcdef';
const DASHBOARD_BODY = graphqlBody(DASHBOARD_QUERY, { status: OPEN_STATUSES, year: BENCH_YEAR });

interface Options {
  main: string;
  requests: number;
  duration: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { main: join(ROOT, 'dist', 'src', 'main.js'), requests: 1000, duration: 10 };
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i + 1];
    if (argv[i] === '--main' && value) options.main = resolve(value);
    else if (argv[i] === '--requests' && value) options.requests = Number(value);
    else if (argv[i] === '--duration' && value) options.duration = Number(value);
    else throw new Error(USAGE);
    i += 1;
  }
  return options;
}

function describeMemory(m: ReturnType<typeof treeMemory>): string {
  return `${m.processes} processes, RSS ${m.rssMb} MB, PSS ${m.pssMb} MB (the Node process ${m.servicePssMb} MB, the rest ${m.pssMb - m.servicePssMb} MB)`;
}

interface Started {
  child: ChildProcess;
  url: string;
  firstAnswerMs: number;
  output(): string;
}

/** The node flags of `npm start` (package.json); BENCH_NODE_FLAGS tries others, e.g. `--max-semi-space-size=64`. */
const nodeFlags = benchNodeFlags('start');

/** Starts the built service and measures until the dashboard query is answered (not just /health). */

async function start(main: string, dataDir: string): Promise<Started> {
  const port = await freePort();
  const began = performance.now();
  const child = spawn(process.execPath, [...nodeFlags, main], {
    cwd: ROOT,
    env: { ...withoutDatabaseUrl(process.env), NODE_ENV: 'production', PORT: String(port), DATA_DIR: dataDir, ADMIN_TOKEN, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await dashboard(url);
      if (res.ok) {
        const body = (await res.json()) as { data?: { recommendations?: { totalCount: number } } };
        if (body.data?.recommendations) return { child, url, firstAnswerMs: performance.now() - began, output: () => output };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`no answer within 180 s:\n${output}`);
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.DATABASE_URL;
  delete copy.DATABASE_REPLICA_URLS;
  return copy;
}

function dashboard(url: string): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: DASHBOARD_BODY,
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('close', () => {
      clearTimeout(killer);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function throughput(url: string, connections: number, seconds: number): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  let errors = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: DASHBOARD_BODY,
    connections,
    duration: seconds,
    timeout: 60,
    requests: [{ onResponse: (status: number) => void (status === 200 || (errors += 1)) }],
  });
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: errors + result.non2xx };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const dataDir = mkdtempSync(join(tmpdir(), 'tracker-footprint-'));
  // Run as root, the embedded server's own user must be able to enter it (mkdtemp makes it 0700).
  chmodSync(dataDir, 0o755);
  try {
    const first = await start(options.main, dataDir);
    console.log(`first run (empty DATA_DIR, sample loaded): first answer after ${(first.firstAnswerMs / 1000).toFixed(2)} s`);
    await new Promise((r) => setTimeout(r, 5000));
    const idle = treeMemory(first.child.pid!);
    console.log(`idle: ${describeMemory(idle)}`);
    for (let i = 0; i < options.requests; i += 1) {
      const res = await dashboard(first.url);
      if (!res.ok) throw new Error(`dashboard answered ${res.status}`);
      await res.arrayBuffer();
    }
    const after = treeMemory(first.child.pid!);
    console.log(`after ${options.requests} dashboard requests: ${describeMemory(after)}`);
    await stop(first.child);

    const warm = await start(options.main, dataDir);
    console.log(`warm restart: first answer after ${(warm.firstAnswerMs / 1000).toFixed(2)} s`);
    for (const connections of [1, 32]) {
      const cell = await throughput(warm.url, connections, options.duration);
      console.log(`dashboard, ${connections} connection(s), ${options.duration} s: ${cell.rps} req/s, p50 ${cell.p50} ms, p99 ${cell.p99} ms, errors ${cell.errors}`);
    }
    const loaded = treeMemory(warm.child.pid!);
    console.log(`after the throughput runs: ${describeMemory(loaded)}`);
    await stop(warm.child);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
