import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  BENCH_YEAR,
  DASHBOARD_QUERY,
  graphqlBody,
  HISTORY_PAGE_QUERY,
  INDICATORS_QUERY,
  LATEST_VALUES_PAGE_QUERY,
  OPEN_STATUSES,
  SUMMARY_QUERY,
  SUMMARY_WITH_INDICATORS_QUERY,
  TRANSITION_MUTATION,
  TransitionTarget,
  transitionInput,
} from './operations';
import { freePort, scriptNodeFlags } from './processes';

const USAGE = `usage: npm run bench:interleaved -- BEFORE_DIR BEFORE_DATABASE_URL AFTER_DIR AFTER_DATABASE_URL [PAGE …]
  Two builds (npm run build in each directory, e.g. a git worktree of the older commit) run side by side, each on
  its own database seeded alike (npm run seed:synthetic -- --scale N --reset); every operation is driven on one,
  then the other, ROUNDS times (alternating which goes first), and the median round is kept. A machine whose
  speed drifts between two back-to-back runs then weighs both alike. Env: ROUNDS (3), SECONDS (4), CONNECTIONS (32),
  OPERATIONS (e.g. 1,2b: only those GraphQL operations; none: the PAGEs alone),
  BEFORE_NODE_FLAGS / AFTER_NODE_FLAGS (default: those of package.json's start:prod; the same build twice with two sets of flags
  measures what a heap bound costs), BEFORE_NODE / AFTER_NODE (a node binary per side: the same build on Node 20 and 24),
  BEFORE_ENV / AFTER_ENV (settings per side, e.g. AFTER_ENV=GRAPHQL_PAGE_ASSEMBLY=false,DATABASE_POOL_SIZE=5: the same
  build twice with two configurations), FLOOR=true (operation 1 also on the baseline server, bench/baseline-server.ts,
  on the after side's database, in the same rounds: the single-statement floor, and after / floor).
  A PAGE under /exports/ or /reports/ (a download) is asked with the bench's token. PAGE "transitions" drives operation 4 instead of a page: transitionRecommendation, one distinct recommendation
  per request (each side walks its own database's recommendations), with the job worker running as deployed.`;

interface Operation {
  name: string;
  path: string;
  body?: string;
  /** A fresh body per request, per side (writes that each consume a target). */
  bodies?: { before: () => string; after: () => string };
}

/** The recommendations a side can move, in code order, as run-bench's operation 4 walks them. */
async function transitionTargets(databaseUrl: string): Promise<TransitionTarget[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<TransitionTarget>(`SELECT id, status::text AS status, version FROM recommendation WHERE status <> 'IMPLEMENTED' ORDER BY code`)).rows;
  } finally {
    await client.end();
  }
}

function transitionBodies(targets: TransitionTarget[]): () => string {
  let next = 0;
  return () => {
    if (next >= targets.length) throw new Error('every recommendation has been moved once: seed again, or a larger scale');
    return graphqlBody(TRANSITION_MUTATION, { input: transitionInput(targets[next++]) });
  };
}

const token = randomBytes(16).toString('hex');

/** Node flags per side: BEFORE_NODE_FLAGS / AFTER_NODE_FLAGS, else those of `npm run start:prod` before the heap was bounded. */
const nodeFlags = (side: 'BEFORE' | 'AFTER') => process.env[`${side}_NODE_FLAGS`]?.split(' ').filter(Boolean) ?? scriptNodeFlags('start:prod');

/** The node binary per side: BEFORE_NODE / AFTER_NODE (e.g. a Node 24 binary), else the one running this bench. */
const nodeBinary = (side: 'BEFORE' | 'AFTER') => process.env[`${side}_NODE`] || process.execPath;

/** BEFORE_ENV / AFTER_ENV: `NAME=value,NAME=value`, applied over the bench's settings. */
function sideEnv(side: 'BEFORE' | 'AFTER'): Record<string, string> {
  const pairs = (process.env[`${side}_ENV`] ?? '').split(',').filter(Boolean);
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`${side}_ENV: "${pair}" is not NAME=value`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

async function waitHealthy(port: number, child: ChildProcess, what: string): Promise<void> {
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`${what} did not become healthy`);
}

/** The baseline server (the single-statement floor of operation 1), run as run-bench runs it. */
async function startFloor(databaseUrl: string): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'bench/baseline-server.ts'], {
    stdio: 'ignore',
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '10', PORT: String(port) },
  });
  await waitHealthy(port, child, 'the baseline server');
  return { port, child };
}

async function start(dir: string, databaseUrl: string, flags: string[], node: string, env: Record<string, string>): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(node, [...flags, 'dist/src/main.js'], {
    cwd: dir,
    stdio: 'ignore',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '10',
      EXPOSE_SQL_STATEMENT_COUNT: 'false',
      LOG_LEVEL: 'warn',
      MIGRATIONS_RUN: 'true',
      ADMIN_TOKEN: token,
      RATE_LIMIT_PER_MINUTE: '100000000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
      RESPONSE_CACHE: 'false',
      PUBLIC_SITE: 'true',
      SEED_DEMO: 'false',
      PORT: String(port),
      ...env,
    },
  });
  await waitHealthy(port, child, dir);
  return { port, child };
}

async function drive(port: number, op: Operation, seconds: number, connections: number, side: 'before' | 'after' | 'floor'): Promise<number> {
  const nextBody = side === 'floor' ? undefined : op.bodies?.[side];
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${op.path}`,
    connections,
    duration: seconds,
    ...(op.body || nextBody
      ? { method: 'POST' as const, body: op.body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }
      : { headers: { 'accept-language': 'en', 'accept-encoding': 'gzip', ...(isDownload(op.path) ? { authorization: `Bearer ${token}` } : {}) } }),
    ...(nextBody ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: nextBody() }) }] } : {}),
  });
  if (result.non2xx || result.errors) throw new Error(`${op.name}: ${result.non2xx} answers not 2xx, ${result.errors} errors`);
  return result.requests.average;
}

/** Downloads (/exports/…, /reports/…) are for token holders: they are asked with the bench's token, as an analyst's script would. */
const isDownload = (path: string) => /^\/(exports|reports)\//.test(path);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const [beforeDir, beforeUrl, afterDir, afterUrl, ...pages] = process.argv.slice(2);
  if (!afterUrl) throw new Error(USAGE);
  const rounds = Number(process.env.ROUNDS ?? 3);
  const seconds = Number(process.env.SECONDS ?? 4);
  const connections = Number(process.env.CONNECTIONS ?? 32);
  // OPERATIONS=1,2b: only those GraphQL operations; OPERATIONS=none: the pages alone.
  const graphqlOperations = process.env.OPERATIONS?.split(',').map((name) => name.trim());
  const graphql = (name: string, query: string, variables: Record<string, unknown>): Operation => ({ name, path: '/graphql', body: graphqlBody(query, variables) });
  const operations: Operation[] = [
    ...[
      graphql('1. NGO dashboard (50 recommendations)', DASHBOARD_QUERY, { status: OPEN_STATUSES, year: BENCH_YEAR }),
      graphql(`2. progressSummary(${BENCH_YEAR})`, SUMMARY_QUERY, { year: BENCH_YEAR }),
      graphql('2b. progressSummary with every indicator', SUMMARY_WITH_INDICATORS_QUERY, { year: BENCH_YEAR }),
      graphql('3. indicators (50)', INDICATORS_QUERY, { year: BENCH_YEAR }),
      graphql('5. recommendations(first: 100) with their status history', HISTORY_PAGE_QUERY, {}),
      graphql("6. the dashboard's page without progress (latest values)", LATEST_VALUES_PAGE_QUERY, { status: OPEN_STATUSES }),
    ].filter((op) => !graphqlOperations || graphqlOperations.includes(op.name.split('.')[0])),
    ...pages.filter((path) => path !== 'transitions').map((path) => ({ name: `\`${path}\``, path })),
  ];
  if (pages.includes('transitions')) {
    operations.push({
      name: '4. transitionRecommendation',
      path: '/graphql',
      bodies: { before: transitionBodies(await transitionTargets(beforeUrl)), after: transitionBodies(await transitionTargets(afterUrl)) },
    });
  }
  const before = await start(beforeDir, beforeUrl, nodeFlags('BEFORE'), nodeBinary('BEFORE'), sideEnv('BEFORE'));
  const after = await start(afterDir, afterUrl, nodeFlags('AFTER'), nodeBinary('AFTER'), sideEnv('AFTER'));
  const floor = process.env.FLOOR === 'true' ? await startFloor(afterUrl) : null;
  const ports = { before: before.port, after: after.port, floor: floor?.port ?? 0 };
  try {
    console.log(`${rounds} rounds of ${seconds} s at ${connections} connections, median round\n`);
    console.log('| operation | before req/s | after req/s | change | rounds (before / after) |\n|---|---:|---:|---:|---|');
    const floorRows: string[] = [];
    for (const op of operations) {
      // The floor answers operation 1 only; it takes its turn in the same rounds.
      const withFloor = floor !== null && op.body === operations[0].body && op.name.startsWith('1.');
      const sides = withFloor ? (['before', 'after', 'floor'] as const) : (['before', 'after'] as const);
      for (const side of sides) await drive(ports[side], op, 2, connections, side);
      const got = { before: [] as number[], after: [] as number[], floor: [] as number[] };
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 ? [...sides].reverse() : sides;
        for (const side of order) got[side].push(await drive(ports[side], op, seconds, connections, side));
      }
      const [b, a] = [median(got.before), median(got.after)];
      const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
      console.log(`| ${op.name} | ${b.toFixed(1)} | ${a.toFixed(1)} | ${((a / b - 1) * 100).toFixed(0)} % | ${list(got.before)} / ${list(got.after)} |`);
      if (withFloor) {
        const f = median(got.floor);
        floorRows.push(`| ${op.name} | ${f.toFixed(1)} | ${(b / f).toFixed(2)} | ${(a / f).toFixed(2)} | ${list(got.floor)} |`);
      }
    }
    if (floorRows.length) {
      console.log('\n| operation | floor req/s | before / floor | after / floor | floor rounds |\n|---|---:|---:|---:|---|');
      for (const row of floorRows) console.log(row);
    }
  } finally {
    before.child.kill('SIGTERM');
    after.child.kill('SIGTERM');
    floor?.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
