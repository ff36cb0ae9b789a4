import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_YEAR, DASHBOARD_QUERY, graphqlBody, HISTORY_PAGE_QUERY, OPEN_STATUSES } from './operations';
import { benchNodeFlags, measuredServiceEnv, numberOption, startChild, type ChildServer } from './processes';

const USAGE = `usage: npm run build && DATABASE_URL=… npm run bench:allocation -- [--requests 1000] [--connections 8] [--survivors]
  Bytes the built service allocates per request (issue 28: what the young generation must hold), with the response
  cache off: any GraphQL request (\`{ __typename }\`), the NGO dashboard (operation 1), a page of 100 with full history (operation 5), \`/\` and
  \`/recommendations\`. V8's sampling heap profiler (bench/allocation-sampler.cjs, preloaded into the service) counts
  every allocation while --requests requests are answered, collected objects included, after 200 to warm up; the
  functions that allocate most are listed by name. Unlike req/s, the figures do not depend on how busy the machine
  is: compare them across commits. The node flags are start:prod's (BENCH_NODE_FLAGS replaces them). --survivors counts
  only what outlived a young-generation collection (what is copied, and promoted at its second): what fills the old
  generation, by the function that allocated it; it grows with --connections, as requests in flight overlap.`;

interface AllocationReport {
  totalBytes: number;
  byFunction: { name: string; bytes: number }[];
  byPackage: { name: string; bytes: number }[];
}

interface Target {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

const TARGETS: Target[] = [
  // What any GraphQL request costs before its fields: the middleware, guards, parsing and the answer.
  { name: 'any request: `{ __typename }`', method: 'POST', path: '/graphql', body: graphqlBody('{ __typename }', {}) },
  { name: 'dashboard (operation 1)', method: 'POST', path: '/graphql', body: graphqlBody(DASHBOARD_QUERY, { status: OPEN_STATUSES, year: BENCH_YEAR }) },
  { name: 'recommendations(first: 100) with history (operation 5)', method: 'POST', path: '/graphql', body: graphqlBody(HISTORY_PAGE_QUERY, {}) },
  { name: '`/`', method: 'GET', path: '/' },
  { name: '`/recommendations`', method: 'GET', path: '/recommendations' },
];

async function drive(service: ChildServer, target: Target, headers: Record<string, string>, amount: number, connections: number): Promise<void> {
  let failed = 0;
  const result = await autocannon({
    url: `${service.url}${target.path}`,
    method: target.method,
    headers: target.body ? headers : { 'accept-language': 'en' },
    body: target.body,
    amount,
    connections,
    timeout: 60,
    requests: [{ onResponse: (status: number) => void (status === 200 || failed++) }],
  });
  if (failed || result.errors || result.timeouts) throw new Error(`${target.name}: ${failed} answers other than 200, ${result.errors} errors`);
}

/** Toggles the preloaded sampler (SIGUSR2) and waits for what it writes. */
async function toggleSampler(service: ChildServer, report: string): Promise<unknown> {
  rmSync(report, { force: true });
  service.child.kill('SIGUSR2');
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!existsSync(report)) continue;
    try {
      const answer = JSON.parse(readFileSync(report, 'utf8')) as { error?: string };
      if (answer.error) throw new Error(`the sampler failed: ${answer.error}`);
      return answer;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error; // still being written
    }
  }
  throw new Error(`no answer from the sampler within 60 s:\n${service.output().slice(-2000)}`);
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(2);
const kb = (bytes: number) => Math.round(bytes / 1024).toLocaleString('en-US');

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error(USAGE);
  const argv = process.argv.slice(2);
  const requests = numberOption(argv, '--requests', 1000);
  const connections = numberOption(argv, '--connections', 8);
  const survivors = argv.includes('--survivors');
  if (!(requests > 0) || !(connections > 0)) throw new Error(USAGE);
  const flags = benchNodeFlags('start:prod');
  const work = mkdtempSync(join(tmpdir(), 'tracker-allocation-'));
  const report = join(work, 'allocation.json');
  const token = randomBytes(24).toString('hex');
  const service = await startChild([...flags, '-r', './bench/allocation-sampler.cjs', 'dist/src/main.js'], {
    ...measuredServiceEnv(databaseUrl, token),
    PUBLIC_READ: 'true',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
    ALLOCATION_REPORT: report,
    ALLOCATION_SURVIVORS: String(survivors),
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  try {
    const counted = survivors ? 'surviving a young-generation collection' : 'allocated';
    console.log(`node ${process.version}, flags ${flags.join(' ')}; ${requests} requests per target at ${connections} connections, response cache off; kB ${counted}\n`);
    const rows: string[] = [];
    for (const target of TARGETS) {
      await drive(service, target, headers, 200, connections);
      await toggleSampler(service, report);
      await drive(service, target, headers, requests, connections);
      const sampled = (await toggleSampler(service, report)) as AllocationReport;
      rows.push(`| ${target.name} | ${kb(sampled.totalBytes / requests)} |`);
      console.log(`${target.name}: ${kb(sampled.totalBytes / requests)} kB ${counted} per request (${mb(sampled.totalBytes)} MB for ${requests})`);
      console.log(`  by package: ${sampled.byPackage.slice(0, 6).map((p) => `${p.name} ${kb(p.bytes / requests)}`).join(', ')} (kB per request)`);
      for (const f of sampled.byFunction.slice(0, 8)) console.log(`  ${kb(f.bytes / requests).padStart(6)} kB  ${f.name}`);
      console.log('');
    }
    console.log([`| request | kB ${counted} per request |`, '|---|---:|', ...rows].join('\n'));
  } finally {
    await service.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
