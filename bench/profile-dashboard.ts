import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_YEAR, DASHBOARD_QUERY, graphqlBody, HISTORY_PAGE_QUERY, INDICATORS_QUERY, OPEN_STATUSES } from './operations';
import { cpuReading, cpuUsed, freePort, measuredServiceEnv, numberOption, ROOT, scriptNodeFlags } from './processes';

const USAGE = `usage: DATABASE_URL=postgres://… npm run bench:profile -- [--seconds S] [--connections C] [--dir BUILD_DIR] [--functions N] [--history | --indicators]
  Where the uncached dashboard's time goes (issue 28): the built service (npm run build, run as
  npm run start:prod runs it) under
  operation 1 of npm run bench (RESPONSE_CACHE=false) with --cpu-prof, its CPU time by part
  (SQL driver, ORM, GraphQL execution, DataLoader, Nest, logging, the application's own code by
  folder, GC, idle), the CPU per request of the service's process and of its PostgreSQL backends
  (from /proc: what each really used, where the profile counts a thread's time off the core too) and the
  SQL statements per request. --dir profiles another build (e.g. a git worktree
  of an older commit, built); --functions N also lists the N functions with the most self time; --history
  profiles operation 5 (recommendations(first: 100) with their status history) instead, --indicators
  operation 3 (a page of 50 indicators with targets, values and progress).`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

/** The part of the stack a sampled function belongs to: a package, a folder of src, Node itself, or V8's own. */
function partOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const app = /\/dist\/src\/([^/]+)/.exec(url);
  if (app) return `app: ${app[1]}`;
  if (url.startsWith('node:')) return 'node core';
  return url;
}

/** The samples taken between start and end (microseconds on the profile's clock), with their time deltas. */
function duringLoad<T extends { samples: number[]; timeDeltas: number[]; startTime: number }>(profile: T, start: number, end: number): T {
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < start || at > end) return;
    samples.push(id);
    timeDeltas.push(profile.timeDeltas[i] ?? 0);
  });
  return { ...profile, samples, timeDeltas };
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error(`DATABASE_URL is not set\n${USAGE}`);
  const args = process.argv.slice(2);
  const seconds = numberOption(args, '--seconds', 20);
  const connections = numberOption(args, '--connections', 32);
  const functions = numberOption(args, '--functions', 0);
  const buildDir = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : ROOT;
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-profile-'));
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, [...scriptNodeFlags('start:prod'), '--cpu-prof', `--cpu-prof-dir=${dir}`, 'dist/src/main.js'], {
    cwd: buildDir,
    stdio: 'ignore',
    env: { ...process.env, ...measuredServiceEnv(databaseUrl, token), EXPOSE_SQL_STATEMENT_COUNT: 'true', PORT: String(port) },
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (i > 480) throw new Error('the service did not become healthy');
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const { what, body } = args.includes('--history')
    ? { what: 'operation 5 (recommendations(first: 100) with their status history)', body: graphqlBody(HISTORY_PAGE_QUERY, {}) }
    : args.includes('--indicators')
      ? { what: 'operation 3 (indicators, 50 per page)', body: graphqlBody(INDICATORS_QUERY, { year: BENCH_YEAR }) }
      : { what: 'operation 1 (dashboard, 50 per page)', body: graphqlBody(DASHBOARD_QUERY, { status: OPEN_STATUSES, year: BENCH_YEAR }) };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const probe = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
  const statements = probe.headers.get('x-sql-statements');
  await probe.arrayBuffer();
  // The window of the load on the monotonic clock V8 stamps its samples with (both are CLOCK_MONOTONIC,
  // in microseconds), so that start-up and shutdown are left out of the figures.
  const cpuBefore = await cpuReading(child.pid!, databaseUrl);
  const loadStart = Number(process.hrtime.bigint() / 1000n);
  const result = await autocannon({ url: `${url}/graphql`, method: 'POST', body, headers, connections, duration: seconds });
  const loadEnd = Number(process.hrtime.bigint() / 1000n);
  const cpuAfter = await cpuReading(child.pid!, databaseUrl);
  child.kill('SIGTERM');
  await exited;
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no CPU profile was written in ${dir}`);
  const whole = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
  const profile = duringLoad(whole, loadStart, loadEnd);
  const partById = new Map(profile.nodes.map((node) => [node.id, partOf(node)]));
  const micros = new Map<string, number>();
  profile.samples.forEach((id, i) => micros.set(partById.get(id)!, (micros.get(partById.get(id)!) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const busy = [...micros.entries()].filter(([part]) => part !== '(idle)').reduce((sum, [, us]) => sum + us, 0);
  console.log(`${what}, RESPONSE_CACHE=false, ${connections} connections, ${seconds} s: ${result.requests.average.toFixed(1)} req/s, p50 ${result.latency.p50} ms, ${statements} SQL statements per request`);
  const used = cpuUsed(cpuBefore, cpuAfter);
  const perRequest = (ms: number) => (ms / result.requests.total).toFixed(2);
  console.log('CPU per request by process (/proc, the load only):\n\n| process | ms per request | of which in the kernel |\n|---|---:|---:|');
  for (const [name, cpu] of [['the service (its threads; the profiler included)', used.service], ['PostgreSQL (its backends)', used.postgres]] as const) {
    console.log(`| ${name} | ${perRequest(cpu.user + cpu.system)} | ${perRequest(cpu.system)} |`);
  }
  console.log(`\nCPU busy ${(busy / 1e6).toFixed(1)} s of ${((busy + (micros.get('(idle)') ?? 0)) / 1e6).toFixed(1)} s profiled; self time by part (of the busy time), per request:\n`);
  console.log('| part | share | ms per request |\n|---|---:|---:|');
  const requests = result.requests.total;
  for (const [part, us] of [...micros.entries()].filter(([p]) => p !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`| ${part} | ${((100 * us) / busy).toFixed(1)} % | ${(us / 1000 / requests).toFixed(2)} |`);
  }
  if (functions > 0) {
    const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
    const byFunction = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const { functionName, url } = nodeById.get(id)!.callFrame;
      const name = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist)\//, '')}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    console.log('\n| function | share | ms per request |\n|---|---:|---:|');
    for (const [name, us] of [...byFunction.entries()].filter(([n]) => !n.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, functions)) {
      console.log(`| ${name} | ${((100 * us) / busy).toFixed(1)} % | ${(us / 1000 / requests).toFixed(2)} |`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
