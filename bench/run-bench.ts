import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { describeMachine } from './machine';
import {
  BENCH_YEAR,
  DASHBOARD_QUERY,
  graphqlBody,
  INDICATORS_QUERY,
  OPEN_STATUSES,
  SUMMARY_QUERY,
  SUMMARY_WITH_INDICATORS_QUERY,
  TRANSITION_MUTATION,
  TransitionTarget,
  transitionInput,
} from './operations';
import { ChildServer, ROOT, scriptNodeFlags, startChild } from './processes';
import { Cell, table, writeReport } from './report';

const USAGE = `usage: DATABASE_URL=postgres://… npm run bench -- [--scale N] [--label TEXT] [--duration S] [--warmup S]
                                 [--connections 1,32] [--dist] [--no-write] [--output docs/benchmarks.md]
  --scale N     first replace the data with the synthetic data set of scale N (npm run seed:synthetic -- --scale N --reset)
  --label TEXT  names the result block in docs/benchmarks.md (default "N=<scale>")
  --dist        run the built service (node dist/src/main.js; run npm run build first) instead of ts-node
  --instances N run N instances of the service, and of the baseline, on one port (node:cluster, see bench/instances.ts)`;

interface Options {
  scale: number | null;
  label: string | null;
  duration: number;
  warmup: number;
  connections: number[];
  dist: boolean;
  instances: number;
  write: boolean;
  output: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    scale: null,
    label: null,
    duration: 10,
    warmup: 3,
    connections: [1, 32],
    dist: false,
    instances: 1,
    write: true,
    output: join(ROOT, 'docs', 'benchmarks.md'),
  };
  const value = (i: number) => {
    if (argv[i + 1] === undefined) throw new Error(`${argv[i]} needs a value\n${USAGE}`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--scale') options.scale = Number(value(i++));
    else if (arg === '--label') options.label = value(i++);
    else if (arg === '--duration') options.duration = Number(value(i++));
    else if (arg === '--warmup') options.warmup = Number(value(i++));
    else if (arg === '--connections') options.connections = value(i++).split(',').map(Number);
    else if (arg === '--output') options.output = value(i++);
    else if (arg === '--dist') options.dist = true;
    else if (arg === '--instances') options.instances = Number(value(i++));
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (options.scale !== null && !(options.scale > 0)) throw new Error(`--scale must be a positive number\n${USAGE}`);
  if (!(options.duration > 0) || !(options.warmup >= 0)) throw new Error(`--duration and --warmup must be positive\n${USAGE}`);
  if (options.connections.some((c) => !Number.isInteger(c) || c < 1)) throw new Error(`--connections takes positive integers\n${USAGE}`);
  if (!Number.isInteger(options.instances) || options.instances < 1) throw new Error(`--instances takes a positive integer\n${USAGE}`);
  return options;
}

/** One measured operation: a fixed request, or a request built per call (distinct bodies). */
interface Operation {
  name: string;
  /** `cached`: the service with RESPONSE_CACHE=true (the others run it with the cache off: today's path). */
  target: 'service' | 'baseline' | 'cached';
  body?: string;
  nextBody?: () => string;
  /** GET with this query string (persisted queries) instead of POST with a body. */
  query?: string;
  headers?: Record<string, string>;
  /** The status every answer must have (304 for the If-None-Match path). */
  status?: number;
  /** Runs a write every second while the cell is measured. */
  writeEverySecond?: boolean;
}

interface Tally {
  errors: number;
  firstError: string | null;
}

async function drive(url: string, op: Operation, connections: number, seconds: number, headers: Record<string, string>): Promise<Cell> {
  const tally: Tally = { errors: 0, firstError: null };
  const expected = op.status ?? 200;
  const onResponse = (status: number, body: string) => {
    if (status !== expected || body.includes('"errors"')) {
      tally.errors += 1;
      tally.firstError ??= `${status} ${body.slice(0, 300)}`;
    }
  };
  const result = await autocannon({
    url: `${url}/graphql${op.query ? `?${op.query}` : ''}`,
    method: op.query ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...headers, ...op.headers },
    ...(op.query ? {} : { body: op.body }),
    connections,
    duration: seconds,
    // Slow cells are measured, not dropped: a request waits up to a minute.
    timeout: 60,
    requests: [
      {
        ...(op.nextBody ? { setupRequest: (request: autocannon.Request) => ({ ...request, body: op.nextBody!() }) } : {}),
        onResponse,
      },
    ],
  });
  if (tally.firstError) console.warn(`  ${op.name} (${connections}): ${tally.errors} errors, first: ${tally.firstError}`);
  return {
    operation: op.name,
    connections,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statements: null,
    requests: result.requests.total,
    // autocannon counts a 304 as non-2xx: the expected status was checked in onResponse.
    errors: tally.errors + result.errors + result.timeouts + (expected === 200 ? result.non2xx : 0),
  };
}

/**
 * The counting pass: each operation answered without errors, and the SQL statements it cost
 * (the service's x-sql-statements header, the same for every request of an operation).
 */
async function countStatements(url: string, operations: Operation[], headers: Record<string, string>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const op of operations) {
    const seen = new Set<number>();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/graphql${op.query ? `?${op.query}` : ''}`, {
        method: op.query ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', ...headers, ...op.headers },
        ...(op.query ? {} : { body: op.body ?? op.nextBody!() }),
      });
      const text = await res.text();
      if (res.status !== (op.status ?? 200) || text.includes('"errors"')) throw new Error(`${op.name}: ${res.status} ${text.slice(0, 500)}`);
      const statements = res.headers.get('x-sql-statements');
      if (statements !== null) seen.add(Number(statements));
    }
    if (seen.size > 1) console.warn(`  ${op.name}: statement counts differ between requests: ${[...seen].join(', ')}`);
    if (seen.size) counts.set(op.name, Math.max(...seen));
  }
  return counts;
}

async function dataSummary(url: string): Promise<{ text: string; targets: TransitionTarget[] }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [counts] = (
      await client.query<Record<string, string>>(`SELECT
        (SELECT count(*) FROM recommendation) AS recommendations,
        (SELECT count(*) FROM status_change) AS status_changes,
        (SELECT count(*) FROM meeting) AS meetings,
        (SELECT count(*) FROM barrier) AS barriers,
        (SELECT count(*) FROM organization) AS organizations,
        (SELECT count(*) FROM indicator) AS indicators,
        (SELECT count(*) FROM indicator_value) AS indicator_values,
        (SELECT count(*) FROM recommendation WHERE status = ANY($1::recommendation_status[])) AS open`, [OPEN_STATUSES])
    ).rows;
    const n = (key: string) => Number(counts[key]).toLocaleString('en-US');
    const text =
      `${n('recommendations')} recommendations (${n('open')} open), ${n('status_changes')} status changes, ` +
      `${n('meetings')} meetings, ${n('barriers')} barriers, ${n('organizations')} organisations, ` +
      `${n('indicators')} indicators with ${n('indicator_values')} values`;
    // Operation 4 walks these in code order, one distinct recommendation per request.
    const targets = (
      await client.query<TransitionTarget>(
        `SELECT id, status::text AS status, version FROM recommendation WHERE status <> 'IMPLEMENTED' ORDER BY code`,
      )
    ).rows;
    return { text, targets };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error(`DATABASE_URL is not set\n${USAGE}`);
  const label = options.label ?? (options.scale !== null ? `N=${options.scale}` : 'current data');

  if (options.scale !== null) {
    console.log(`loading the synthetic data set, scale ${options.scale} …`);
    execFileSync('npm', ['run', '--silent', 'seed:synthetic', '--', '--scale', String(options.scale), '--reset'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  const machine = await describeMachine(databaseUrl);
  const data = await dataSummary(databaseUrl);
  if (data.targets.length === 0) throw new Error('no recommendation can be transitioned: load data with --scale N');
  let nextTarget = 0;
  const nextTransition = () => {
    // Wraps around only when the data set is too small for the run; those requests then fail and are counted as errors.
    const target = data.targets[nextTarget++ % data.targets.length];
    return graphqlBody(TRANSITION_MUTATION, { input: transitionInput(target) });
  };

  /** One transition, as operation 4 makes them (the mixed cell's write every second). */
  const write = async (url: string) => {
    try {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: nextTransition() });
      await res.arrayBuffer();
    } catch (error) {
      console.warn(`  a background write failed: ${String(error)}`);
    }
  };

  // The access-control guard (when present) admits this token as ADMIN; harmless before it exists.
  const adminToken = randomBytes(32).toString('hex');
  const auth = { authorization: `Bearer ${adminToken}` };
  const poolSize = process.env.DATABASE_POOL_SIZE ?? '10';
  const serviceEnv = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: poolSize,
    EXPOSE_SQL_STATEMENT_COUNT: 'false',
    LOG_LEVEL: 'warn',
    MIGRATIONS_RUN: 'true',
    ADMIN_TOKEN: adminToken,
    // The per-token rate limit (when present) would otherwise answer most benchmark requests with TOO_MANY_REQUESTS.
    RATE_LIMIT_PER_MINUTE: '100000000',
    // Operations 1–4 measure today's path, every answer computed; 5–7 run a second instance with the cache.
    RESPONSE_CACHE: 'false',
  };
  const cachedEnv = { RESPONSE_CACHE: 'true' };
  // As `npm start` runs it: a 64 MB young generation, so requests in flight survive fewer
  // scavenges (+10–20 % on the dashboard at 32 connections, see docs/benchmarks.md).
  const nodeFlags = scriptNodeFlags('start:prod');
  const tsNode = ['-r', 'ts-node/register/transpile-only'];
  const serviceProgram = { flags: [...nodeFlags, ...(options.dist ? [] : tsNode)], script: options.dist ? 'dist/src/main.js' : 'src/main.ts' };
  const baselineProgram = { flags: tsNode, script: 'bench/baseline-server.ts' };
  /** The `node` arguments running a program once, or as --instances N on one port. */
  const nodeArgs = (program: { flags: string[]; script: string }, instances = options.instances) =>
    instances === 1
      ? [...program.flags, program.script]
      : [...tsNode, 'bench/instances.ts', String(instances), ...program.flags, '--', program.script];
  const dashboardVariables = { status: OPEN_STATUSES, year: BENCH_YEAR };
  const dashboardBody = graphqlBody(DASHBOARD_QUERY, dashboardVariables);
  const persistedQuery = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(DASHBOARD_QUERY).digest('hex') } };
  const dashboardGet = new URLSearchParams({ variables: JSON.stringify(dashboardVariables), extensions: JSON.stringify(persistedQuery) }).toString();
  // Apollo's CSRF prevention: a GET must carry a header a simple cross-site request cannot.
  // One locale for every client: the locale is part of the key (fetch sends Accept-Language: *, autocannon none).
  const locale = { 'accept-language': 'ru' };
  const preflight = { 'apollo-require-preflight': 'true', ...locale };
  /** Registers the persisted query and learns the current ETag, as a polling client would. */
  const prepareCached = async (url: string, op: Operation) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth, ...locale },
      body: JSON.stringify({ query: DASHBOARD_QUERY, variables: dashboardVariables, extensions: persistedQuery }),
    });
    await res.arrayBuffer();
    const etag = res.headers.get('etag');
    if (!etag) throw new Error(`the cached service sent no ETag (${res.status})`);
    if (op.status === 304) op.headers = { 'if-none-match': etag, ...locale };
  };
  const operations: Operation[] = [
    { name: '1. NGO dashboard (50 recommendations)', target: 'service', body: dashboardBody },
    { name: '1b. baseline: one SQL statement, bare http', target: 'baseline', body: '{}' },
    { name: `2. progressSummary(${BENCH_YEAR})`, target: 'service', body: graphqlBody(SUMMARY_QUERY, { year: BENCH_YEAR }) },
    {
      name: '2b. progressSummary with every indicator',
      target: 'service',
      body: graphqlBody(SUMMARY_WITH_INDICATORS_QUERY, { year: BENCH_YEAR }),
    },
    { name: '3. indicators (50)', target: 'service', body: graphqlBody(INDICATORS_QUERY, { year: BENCH_YEAR }) },
    { name: '4. transitionRecommendation', target: 'service', nextBody: nextTransition },
    // The same dashboard with RESPONSE_CACHE=true: revalidated (304), and through GET + APQ with the cache warm.
    { name: '5. dashboard, If-None-Match (304)', target: 'cached', body: dashboardBody, headers: {}, status: 304 },
    { name: '6. dashboard, GET + APQ, cache warm', target: 'cached', query: dashboardGet, headers: preflight },
    { name: '7. dashboard, GET + APQ, a write every second', target: 'cached', query: dashboardGet, headers: preflight, writeEverySecond: true },
  ];
  const servers: ChildServer[] = [];
  try {
    // Statements are counted by a separate instance: the counter follows each request with an
    // AsyncLocalStorage, whose async hooks would slow the measured one down.
    console.log('counting SQL statements per request …');
    const counter = await startChild(nodeArgs(serviceProgram, 1), { ...serviceEnv, EXPOSE_SQL_STATEMENT_COUNT: 'true' }, auth);
    servers.push(counter);
    const statements = await countStatements(counter.url, operations.filter((op) => op.target === 'service'), auth);
    statements.set(operations[1].name, 1);
    await servers.pop()!.stop();
    const cachedCounter = await startChild(
      nodeArgs(serviceProgram, 1),
      { ...serviceEnv, ...cachedEnv, EXPOSE_SQL_STATEMENT_COUNT: 'true' },
      auth,
    );
    servers.push(cachedCounter);
    const cachedOps = operations.filter((op) => op.target === 'cached');
    for (const op of cachedOps) await prepareCached(cachedCounter.url, op);
    for (const [name, count] of await countStatements(cachedCounter.url, cachedOps, auth)) statements.set(name, count);
    await servers.pop()!.stop();

    console.log('starting the service and the baseline …');
    const service = await startChild(nodeArgs(serviceProgram), serviceEnv, auth);
    servers.push(service);
    const cached = await startChild(nodeArgs(serviceProgram), { ...serviceEnv, ...cachedEnv }, auth);
    servers.push(cached);
    for (const op of cachedOps) await prepareCached(cached.url, op);
    const baseline = await startChild(nodeArgs(baselineProgram), {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: poolSize,
    });
    servers.push(baseline);
    await countStatements(baseline.url, operations.filter((op) => op.target === 'baseline'), auth);

    const cells: Cell[] = [];
    for (const op of operations) {
      const url = op.target === 'service' ? service.url : op.target === 'cached' ? cached.url : baseline.url;
      // Operation 4's writes changed the data version: learn the current ETag (and warm the cache) again.
      if (op.target === 'cached') await prepareCached(url, op);
      if (options.warmup > 0) await drive(url, op, 8, options.warmup, auth);
      for (const connections of options.connections) {
        if (op.target === 'cached') await prepareCached(url, op);
        const writer = op.writeEverySecond ? setInterval(() => void write(cached.url), 1000) : null;
        let measured: Cell;
        try {
          measured = await drive(url, op, connections, options.duration, auth);
        } finally {
          if (writer) clearInterval(writer);
        }
        const cell = { ...measured, statements: statements.get(op.name) ?? null };
        console.log(`  ${op.name} @${connections}: ${cell.rps.toFixed(1)} req/s, p50 ${cell.p50} ms, p99 ${cell.p99} ms, ${cell.statements ?? '–'} statements`);
        cells.push(cell);
        if (cell.requests === 0 || cell.errors > 0) console.warn(`  service output (last lines):\n${service.output().slice(-3000)}`);
      }
    }
    const ratios = options.connections.map((connections) => {
      const ours = cells.find((c) => c.operation.startsWith('1.') && c.connections === connections)!;
      const base = cells.find((c) => c.operation.startsWith('1b.') && c.connections === connections)!;
      return { connections, ratio: ours.rps / base.rps };
    });

    console.log(`\n${label}: ${data.text}\n`);
    console.log(table(cells));
    console.log(`\noperation 1 / baseline: ${ratios.map((r) => `${r.ratio.toFixed(2)}× at ${r.connections}`).join(', ')}`);

    if (options.write) {
      const argv = process.argv
        .slice(2)
        .map((arg) => (/^[\w.,=/-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
        .join(' ');
      writeReport(options.output, {
        label,
        date: new Date().toISOString().slice(0, 10),
        command: `DATABASE_URL=postgres://…/tracker_bench npm run bench${argv ? ` -- ${argv}` : ''}`,
        data: data.text,
        setup:
          `${options.instances === 1 ? 'One service instance' : `${options.instances} service instances on one port (node:cluster)`} ` +
          `(${options.dist ? 'node dist/src/main.js' : 'ts-node, transpile-only'}, ${nodeFlags.length ? `${nodeFlags.join(' ')}, ` : ''}Express, NODE_ENV=production, ` +
          `DATABASE_POOL_SIZE=${poolSize} each), the baseline ${options.instances === 1 ? 'with' : `as ${options.instances} instances with`} the same pool size; ` +
          `autocannon in the benchmark's process; ` +
          `${options.warmup} s warm-up at 8 connections, then ${options.duration} s per cell`,
        machine,
        cells,
        ratios,
      });
      console.log(`\nwrote ${options.output}`);
    }
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
