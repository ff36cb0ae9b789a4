import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
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
import { freePort } from './processes';

const USAGE = `usage: npm run bench:interleaved -- BEFORE_DIR BEFORE_DATABASE_URL AFTER_DIR AFTER_DATABASE_URL [PAGE …]
  Two builds (npm run build in each directory, e.g. a git worktree of the older commit) run side by side, each on
  its own database seeded alike (npm run seed:synthetic -- --scale N --reset); every operation is driven on one,
  then the other, ROUNDS times (alternating which goes first), and the median round is kept. A machine whose
  speed drifts between two back-to-back runs then weighs both alike. Env: ROUNDS (3), SECONDS (4), CONNECTIONS (32),
  OPERATIONS (e.g. 1,2b: only those GraphQL operations; none: the PAGEs alone),
  BEFORE_NODE_FLAGS / AFTER_NODE_FLAGS (default --max-semi-space-size=64; the same build twice with two sets of flags
  measures what a heap bound costs), BEFORE_NODE / AFTER_NODE (a node binary per side: the same build on Node 20 and 24).
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
const nodeFlags = (side: 'BEFORE' | 'AFTER') => (process.env[`${side}_NODE_FLAGS`] ?? '--max-semi-space-size=64').split(' ').filter(Boolean);

/** The node binary per side: BEFORE_NODE / AFTER_NODE (e.g. a Node 24 binary), else the one running this bench. */
const nodeBinary = (side: 'BEFORE' | 'AFTER') => process.env[`${side}_NODE`] || process.execPath;

async function start(dir: string, databaseUrl: string, flags: string[], node: string): Promise<{ port: number; child: ChildProcess }> {
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
    },
  });
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return { port, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`${dir} did not become healthy`);
}

async function drive(port: number, op: Operation, seconds: number, connections: number, side: 'before' | 'after'): Promise<number> {
  const nextBody = op.bodies?.[side];
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
  const before = await start(beforeDir, beforeUrl, nodeFlags('BEFORE'), nodeBinary('BEFORE'));
  const after = await start(afterDir, afterUrl, nodeFlags('AFTER'), nodeBinary('AFTER'));
  try {
    console.log(`${rounds} rounds of ${seconds} s at ${connections} connections, median round\n`);
    console.log('| operation | before req/s | after req/s | change | rounds (before / after) |\n|---|---:|---:|---:|---|');
    for (const op of operations) {
      await drive(before.port, op, 2, connections, 'before');
      await drive(after.port, op, 2, connections, 'after');
      const got = { before: [] as number[], after: [] as number[] };
      for (let round = 0; round < rounds; round++) {
        for (const side of round % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const)) {
          got[side].push(await drive(side === 'before' ? before.port : after.port, op, seconds, connections, side));
        }
      }
      const [b, a] = [median(got.before), median(got.after)];
      const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
      console.log(`| ${op.name} | ${b.toFixed(1)} | ${a.toFixed(1)} | ${((a / b - 1) * 100).toFixed(0)} % | ${list(got.before)} / ${list(got.after)} |`);
    }
  } finally {
    before.child.kill('SIGTERM');
    after.child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
