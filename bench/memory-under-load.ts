import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BENCH_YEAR,
  DASHBOARD_QUERY,
  graphqlBody,
  INDICATORS_QUERY,
  OPEN_STATUSES,
  SUMMARY_WITH_INDICATORS_QUERY,
  TRANSITION_MUTATION,
} from './operations';
import { ALLOWED_TRANSITIONS } from '../src/recommendations/recommendation-lifecycle';
import { RecommendationStatus } from '../src/recommendations/recommendation.enums';
import { benchNodeFlags, startChild, treeMemory } from './processes';

const USAGE = `usage: npm run build && npm run bench:memory -- [--minutes 5] [--connections 32] [--sample-seconds 30] [--database-url URL] [--snapshots] [--retainers CONSTRUCTOR]
  Memory of the service under sustained mixed load (issue 28): the built service as \`npm start\` runs it (the embedded
  PostgreSQL with the sample, node flags of package.json's "start"), or with --database-url as a server-mode instance
  (node flags of "start:prod"); BENCH_NODE_FLAGS replaces the flags. --connections connections cycle through the NGO
  dashboard, progressSummary with every indicator, indicators (50), \`/\` and \`/recommendations\` for --minutes, while a
  recommendation moves IN_PROGRESS <-> STALLED once a second (20 in turn: with --database-url their histories grow by
  ~300 changes a run, so that database no longer matches a fresh seed for bench:interleaved). PSS (proportional resident memory, shared pages split
  between sharers) of the service — with the embedded default, of the service and its database processes — is sampled
  every --sample-seconds, the node binary's pages counted whole, as for a service running alone (this script's own
  process runs the same binary, with which PSS would otherwise split them). With --snapshots, heap snapshots of the Node process before and after are summarised by
  constructor (what the old generation keeps); taking one leaves its working memory resident, so the PSS figures of
  such a run are not the service's: measure PSS without --snapshots. --retainers prints what keeps the first object
  of a constructor alive after the load (its path from a GC root).`;

interface Options {
  minutes: number;
  connections: number;
  sampleSeconds: number;
  databaseUrl: string | null;
  snapshots: boolean;
  retainers: string | null;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { minutes: 5, connections: 32, sampleSeconds: 30, databaseUrl: null, snapshots: false, retainers: null };
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i + 1];
    if (argv[i] === '--snapshots') {
      options.snapshots = true;
      continue;
    }
    if (argv[i] === '--retainers' && value) {
      options.retainers = value;
      options.snapshots = true;
      i += 1;
      continue;
    }
    if (argv[i] === '--minutes' && value) options.minutes = Number(value);
    else if (argv[i] === '--connections' && value) options.connections = Number(value);
    else if (argv[i] === '--sample-seconds' && value) options.sampleSeconds = Number(value);
    else if (argv[i] === '--database-url' && value) options.databaseUrl = value;
    else throw new Error(USAGE);
    i += 1;
  }
  if (!(options.minutes > 0) || !Number.isInteger(options.connections) || !(options.sampleSeconds > 0)) throw new Error(USAGE);
  return options;
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface HeapSummary {
  totalMb: number;
  byConstructor: Map<string, { bytes: number; count: number }>;
  snapshot: HeapSnapshot;
}

/**
 * The path by which the first object named `name` is kept alive: from it, each step to the object
 * that references it (preferring non-weak references), up to a GC root, as "Constructor.edge" lines.
 */
function retainingPath(snapshot: HeapSnapshot, name: string, steps = 25): string[] {
  const { node_fields: nodeFields, edge_fields: edgeFields, node_types: [nodeTypes], edge_types: [edgeTypes] } = snapshot.snapshot.meta;
  const width = nodeFields.length;
  const edgeWidth = edgeFields.length;
  const [typeAt, nameAt, edgeCountAt] = ['type', 'name', 'edge_count'].map((f) => nodeFields.indexOf(f));
  const [edgeTypeAt, edgeNameAt, toAt] = ['type', 'name_or_index', 'to_node'].map((f) => edgeFields.indexOf(f));
  // Who references whom: for each node (by its index in `nodes`), its first strong referrer and the edge's label.
  const referrer = new Map<number, { from: number; label: string }>();
  let edge = 0;
  for (let node = 0; node < snapshot.nodes.length; node += width) {
    for (let e = 0; e < snapshot.nodes[node + edgeCountAt]; e += 1, edge += edgeWidth) {
      const type = edgeTypes[snapshot.edges[edge + edgeTypeAt]];
      if (type === 'weak' || type === 'shortcut') continue;
      const to = snapshot.edges[edge + toAt];
      const raw = snapshot.edges[edge + edgeNameAt];
      const label = type === 'element' || type === 'hidden' ? `[${raw}]` : snapshot.strings[raw];
      if (!referrer.has(to)) referrer.set(to, { from: node, label });
    }
  }
  const describe = (node: number) => `${nodeTypes[snapshot.nodes[node + typeAt]]} ${snapshot.strings[snapshot.nodes[node + nameAt]].slice(0, 80)}`;
  let node = -1;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    if (nodeTypes[snapshot.nodes[i + typeAt]] === 'object' && snapshot.strings[snapshot.nodes[i + nameAt]] === name) {
      node = i;
      break;
    }
  }
  if (node < 0) return [`no object named ${name}`];
  const path = [describe(node)];
  const seen = new Set([node]);
  for (let i = 0; i < steps; i += 1) {
    const next = referrer.get(node);
    if (!next || seen.has(next.from)) break;
    seen.add(next.from);
    path.push(`  kept by ${describe(next.from)} .${next.label}`);
    node = next.from;
  }
  return path;
}

/** Self sizes of a .heapsnapshot's nodes grouped by type and constructor (or, for strings and code, by type). */
function summariseHeapSnapshot(file: string): HeapSummary {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = snapshot.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = snapshot.snapshot.meta.node_types[0];
  const byConstructor = new Map<string, { bytes: number; count: number }>();
  let total = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]];
    const size = snapshot.nodes[i + sizeAt];
    total += size;
    const named = type === 'object' || type === 'closure' || type === 'native';
    const key = named ? `${type} ${snapshot.strings[snapshot.nodes[i + nameAt]].slice(0, 60)}` : type;
    const entry = byConstructor.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += size;
    entry.count += 1;
    byConstructor.set(key, entry);
  }
  return { totalMb: total / 1048576, byConstructor, snapshot };
}

/** Asks the process for a heap snapshot (SIGUSR2) and waits until the file is complete. */
async function heapSnapshot(child: ChildProcess, dir: string): Promise<string> {
  const before = new Set(readdirSync(dir));
  child.kill('SIGUSR2');
  const deadline = Date.now() + 300_000;
  let lastSize = -1;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const file = readdirSync(dir).find((name) => name.endsWith('.heapsnapshot') && !before.has(name));
    if (!file) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    // Written as one JSON document: complete when its closing brace is there and the size holds still.
    if (text.length === lastSize && text.trimEnd().endsWith('}')) return join(dir, file);
    lastSize = text.length;
  }
  throw new Error('no heap snapshot within 300 s');
}

/** How many recommendations the writer moves in turn (one a second). */
const WRITE_TARGETS = 20;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const embedded = options.databaseUrl === null;
  const flags = benchNodeFlags(embedded ? 'start' : 'start:prod');
  const work = mkdtempSync(join(tmpdir(), 'tracker-memory-'));
  // Run as root, the embedded server's own user must be able to enter its data directory.
  chmodSync(work, 0o755);
  const token = randomBytes(24).toString('hex');
  const env: Record<string, string> = { NODE_ENV: 'production', ADMIN_TOKEN: token, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000000', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000', PUBLIC_READ: 'true' };
  if (embedded) env.DATA_DIR = join(work, 'data');
  else Object.assign(env, { DATABASE_URL: options.databaseUrl!, MIGRATIONS_RUN: 'true', SEED_DEMO: 'false' });
  if (embedded) delete process.env.DATABASE_URL;
  const service = await startChild([...flags, '--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${work}`, 'dist/src/main.js'], env);
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const memory = () => {
    const m = treeMemory(service.child.pid!);
    return embedded ? { pss: m.pssMb, node: m.servicePssMb, rest: m.pssMb - m.servicePssMb } : { pss: m.servicePssMb, node: m.servicePssMb, rest: 0 };
  };
  try {
    // The recommendations the writer moves back and forth, in turn: one alone would gather a history
    // of hundreds of changes over a few runs, and the dashboard's estimated cost (which follows the
    // longest history) would go over the limit, so that the load measured refusals instead.
    const listed = (await (
      await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers,
        body: graphqlBody(`query { recommendations(first: ${WRITE_TARGETS}, filter: { status: [IN_PROGRESS, STALLED, ACCEPTED, UNDER_REVIEW, PROPOSED] }) { edges { node { id status version } } } }`, {}),
      })
    ).json()) as { data?: { recommendations: { edges: { node: { id: string; status: string; version: number } }[] } } };
    const targets = listed.data?.recommendations.edges.map((edge) => edge.node) ?? [];
    if (!targets.length) throw new Error(`no open recommendation to move: ${JSON.stringify(listed)}`);
    const move = async (target: (typeof targets)[number], to: string) => {
      const body = graphqlBody(TRANSITION_MUTATION, { input: { id: target.id, to, expectedVersion: target.version, note: 'Memory benchmark' } });
      const answer = (await (await fetch(`${service.url}/graphql`, { method: 'POST', headers, body })).json()) as {
        data?: { transitionRecommendation: { status: string; version: number } };
      };
      const moved = answer.data?.transitionRecommendation;
      if (moved) Object.assign(target, { status: moved.status, version: moved.version });
      return moved;
    };
    // Along the lifecycle's main line to IN_PROGRESS (the sample's recommendations are mostly earlier).
    for (const target of targets) {
      while (target.status !== 'IN_PROGRESS' && target.status !== 'STALLED') {
        if (!(await move(target, ALLOWED_TRANSITIONS[target.status as RecommendationStatus][0]))) throw new Error(`could not move ${target.id} on from ${target.status}`);
      }
    }
    let writes = 0;
    let writeErrors = 0;
    // One write at a time: a second's write waits for the one before (its expectedVersion would be stale).
    let writing = false;
    const writer = setInterval(() => {
      if (writing) return;
      writing = true;
      const target = targets[writes % targets.length];
      void move(target, target.status === 'IN_PROGRESS' ? 'STALLED' : 'IN_PROGRESS')
        .then(
          (moved) => void (moved ? (writes += 1) : (writeErrors += 1)),
          () => void (writeErrors += 1),
        )
        .finally(() => (writing = false));
    }, 1000);

    await new Promise((r) => setTimeout(r, 3000));
    const idle = memory();
    console.log(`${embedded ? 'embedded default (npm start)' : 'server mode (npm run start:prod)'}, node ${process.version}, flags ${flags.join(' ') || '(none)'}`);
    console.log(`idle: PSS ${idle.pss} MB (Node ${idle.node} MB${embedded ? `, PostgreSQL ${idle.rest} MB` : ''})`);
    const before = options.snapshots ? summariseHeapSnapshot(await heapSnapshot(service.child, work)) : null;
    if (before) console.log(`heap snapshot before: ${before.totalMb.toFixed(1)} MB live`);

    const post = (query: string, variables: Record<string, unknown>) => ({ method: 'POST' as const, path: '/graphql', headers, body: graphqlBody(query, variables) });
    const requests = [
      post(DASHBOARD_QUERY, { status: OPEN_STATUSES, year: BENCH_YEAR }),
      post(SUMMARY_WITH_INDICATORS_QUERY, { year: BENCH_YEAR }),
      post(INDICATORS_QUERY, { year: BENCH_YEAR }),
      { method: 'GET' as const, path: '/' },
      { method: 'GET' as const, path: '/recommendations' },
    ];
    const samples: { second: number; pss: number; node: number; rest: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(() => samples.push({ second: Math.round((Date.now() - started) / 1000), ...memory() }), options.sampleSeconds * 1000);
    // Answers other than 200, by status: a load that is mostly refused measures the refusals.
    const refused = new Map<number, number>();
    const result = await autocannon({
      url: service.url,
      connections: options.connections,
      duration: options.minutes * 60,
      timeout: 60,
      requests: requests.map((r) => ({ ...r, onResponse: (status: number) => void (status === 200 || refused.set(status, (refused.get(status) ?? 0) + 1)) })),
    });
    clearInterval(sampler);
    clearInterval(writer);
    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      throw new Error(`the service ended during the load (${service.child.exitCode ?? service.child.signalCode}):\n${service.output().slice(-3000)}`);
    }
    const after = memory();
    samples.push({ second: Math.round((Date.now() - started) / 1000), ...after });
    console.log(`mixed load, ${options.connections} connections, ${options.minutes} min: ${result.requests.average.toFixed(1)} req/s, p99 ${result.latency.p99} ms, ${[...refused.values()].reduce((a, b) => a + b, 0)} answers other than 200${refused.size ? ` (${[...refused].map(([status, count]) => `${count} × ${status}`).join(', ')})` : ''}; ${writes} writes (${writeErrors} failed)`);
    console.log('\n| after (s) | PSS (MB) | Node (MB) |' + (embedded ? ' PostgreSQL (MB) |' : '') + '\n|---:|---:|---:|' + (embedded ? '---:|' : ''));
    for (const s of samples) console.log(`| ${s.second} | ${s.pss} | ${s.node} |${embedded ? ` ${s.rest} |` : ''}`);
    const budget = embedded ? 300 : 250;
    console.log(`\nPSS after ${options.minutes} min: ${after.pss} MB (budget ${budget} MB: ${after.pss <= budget ? 'within' : 'OVER'})`);

    if (before) {
      const afterHeap = summariseHeapSnapshot(await heapSnapshot(service.child, work));
      console.log(`heap snapshot after: ${afterHeap.totalMb.toFixed(1)} MB live (before: ${before.totalMb.toFixed(1)} MB)`);
      console.log('\n| kept (type, constructor) | before (KB) | after (KB) | growth (KB) | objects after |\n|---|---:|---:|---:|---:|');
      const rows = [...afterHeap.byConstructor.entries()]
        .map(([key, a]) => ({ key, a, b: before.byConstructor.get(key) ?? { bytes: 0, count: 0 } }))
        .sort((x, y) => y.a.bytes - y.b.bytes - (x.a.bytes - x.b.bytes))
        .slice(0, 15);
      for (const { key, a, b } of rows) {
        console.log(`| ${key.replace(/\|/g, '\\|')} | ${(b.bytes / 1024).toFixed(0)} | ${(a.bytes / 1024).toFixed(0)} | ${((a.bytes - b.bytes) / 1024).toFixed(0)} | ${a.count} |`);
      }
      if (options.retainers) console.log(`\nwhat keeps ${options.retainers} alive:\n${retainingPath(afterHeap.snapshot, options.retainers).join('\n')}`);
    }
  } finally {
    await service.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
