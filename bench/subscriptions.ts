import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { freePort, ROOT } from './processes';

const USAGE = `usage: DATABASE_URL=postgres://…/a_database npm run bench:subscriptions -- [--subscriptions 500] [--events 200] [--main dist/src/main.js]
Starts the service (built with --main, else from source with ts-node), opens N idle publicEvent subscriptions
(one WebSocket each, as N dashboards would) from this process, measures the SERVICE process's RSS and heap
(after a GC) before and after, then commits M recommendation transitions through POST /graphql, one after
another, and prints the latency from the event's commit to its receipt by each subscriber (p50, p99, max).
The database is migrated on start; the bench adds one organisation, meeting and M recommendations to it.`;

const ADMIN_TOKEN = 'subscriptions-bench-admin-token-0123456789abcdef';

interface Options {
  subscriptions: number;
  events: number;
  main: string | null;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { subscriptions: 500, events: 200, main: null };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (argv[i] === '--subscriptions' && value) options.subscriptions = Number(value);
    else if (argv[i] === '--events' && value) options.events = Number(value);
    else if (argv[i] === '--main' && value) options.main = resolve(value);
    else throw new Error(USAGE);
  }
  return options;
}

/**
 * Preloaded into the service: asked over the IPC channel, it collects garbage and answers its
 * memory, so that the service's own cost is read, not this client's. (Not a signal: the service's
 * shutdown hooks take SIGUSR2 and the others for a stop.)
 */
const MEMORY_PROBE = `
process.on('message', (message) => {
  if (message !== 'memory') return;
  if (global.gc) { global.gc(); global.gc(); }
  process.send(process.memoryUsage());
});
// The channel must not keep the service alive after a stop.
process.channel && process.channel.unref();`;

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
}

class Service {
  private output = '';
  private readonly memoryWaiters: ((memory: Memory) => void)[] = [];

  constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    let line = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      line += chunk.toString();
      let end: number;
      while ((end = line.indexOf('\n')) >= 0) {
        const text = line.slice(0, end);
        line = line.slice(end + 1);
        this.output = (this.output + text + '\n').slice(-20_000);
      }
    });
    child.on('message', (memory) => this.memoryWaiters.shift()?.(memory as Memory));
    child.stderr?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
  }

  memory(): Promise<Memory> {
    return new Promise((resolveMemory) => {
      this.memoryWaiters.push(resolveMemory);
      this.child.send('memory');
    });
  }

  async gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  logs(): string {
    return this.output;
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((done) => {
      const killer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      this.child.once('close', () => {
        clearTimeout(killer);
        done();
      });
      this.child.kill('SIGTERM');
    });
  }
}

async function start(options: Options, probe: string): Promise<Service> {
  const port = await freePort();
  const main = options.main ?? (existsSync(join(ROOT, 'dist', 'src', 'main.js')) ? join(ROOT, 'dist', 'src', 'main.js') : null);
  const args = main
    ? ['--expose-gc', '-r', probe, main]
    : ['--expose-gc', '-r', probe, '-r', 'ts-node/register/transpile-only', join(ROOT, 'src', 'main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      SEED_DEMO: 'false',
      MIGRATIONS_RUN: 'true',
      ADMIN_TOKEN,
      JOBS_WORKER: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RESPONSE_CACHE: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const service = new Service(child, `http://127.0.0.1:${port}`);
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${service.logs()}`);
    try {
      if ((await fetch(`${service.url}/health`)).ok) return service;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  await service.stop();
  throw new Error(`the service did not answer within 180 s:\n${service.logs()}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

let lastLogs: () => string = () => '';
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const signedMb = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!process.env.DATABASE_URL) throw new Error(`DATABASE_URL is not set\n${USAGE}`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-subscriptions-'));
  const probe = join(dir, 'memory-probe.js');
  writeFileSync(probe, MEMORY_PROBE);
  const service = await start(options, probe);
  lastLogs = () => service.logs();
  const clients: Client[] = [];
  try {
    const wsUrl = `${service.url.replace('http', 'ws')}/graphql`;
    // Data for the events: one recommendation per event, each moved once (PROPOSED → UNDER_REVIEW).
    const { createOrganization } = await service.gql<{ createOrganization: { id: string } }>(
      'mutation ($n: String!) { createOrganization(input: { name: $n, kind: MINISTRY }) { id } }',
      { n: `Bench subscriptions ${Date.now()}` },
    );
    const { createMeeting } = await service.gql<{ createMeeting: { id: string } }>(
      'mutation { createMeeting(input: { title: "Bench subscriptions", heldOn: "2024-08-13", format: ROUNDTABLE }) { id } }',
    );
    const recommendations: string[] = [];
    for (let i = 0; i < options.events; i += 1) {
      const { createRecommendation } = await service.gql<{ createRecommendation: { id: string } }>(
        'mutation ($m: ID!, $o: ID!, $t: String!) { createRecommendation(input: { title: $t, kind: QUOTA, meetingId: $m, responsibleOrganizationIds: [$o] }) { id } }',
        { m: createMeeting.id, o: createOrganization.id, t: `Bench live ${i}` },
      );
      recommendations.push(createRecommendation.id);
    }
    const receivedAt = new Map<string, number[]>();
    const occurredAt = new Map<string, number>();
    const open = (n: number) =>
      Promise.all(
        Array.from({ length: n }, async () => {
          const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams: { authorization: `Bearer ${ADMIN_TOKEN}` } });
          clients.push(client);
          await new Promise<void>((ready, fail) => {
            client.subscribe<{ publicEvent: { id: string; occurredAt: string } }>(
              { query: 'subscription { publicEvent(types: [RECOMMENDATION_TRANSITIONED]) { id occurredAt } }' },
              {
                next: ({ data }) => {
                  if (!data) return;
                  const at = Date.now();
                  occurredAt.set(data.publicEvent.id, Date.parse(data.publicEvent.occurredAt));
                  const list = receivedAt.get(data.publicEvent.id) ?? [];
                  list.push(at);
                  receivedAt.set(data.publicEvent.id, list);
                },
                error: (error) => fail(new Error(JSON.stringify(error))),
                complete: () => undefined,
              },
            );
            // graphql-ws tells the client nothing when a subscription starts: a connection acknowledged is enough here.
            client.on('connected', () => ready());
          });
        }),
      );
    // Warm: one subscription opened and closed, so that the code paths are loaded before the baseline.
    await open(1);
    await new Promise((wait) => setTimeout(wait, 500));
    await clients.pop()!.dispose();
    await new Promise((wait) => setTimeout(wait, 500));
    // RSS falls for a while after the setup's writes as collected pages are returned: settle first.
    const settled = async () => {
      for (let i = 0; i < 3; i += 1) {
        await service.memory();
        await new Promise((wait) => setTimeout(wait, 1_000));
      }
      return service.memory();
    };
    const before = await settled();
    const opening = Date.now();
    await open(options.subscriptions);
    const openedMs = Date.now() - opening;
    // Idle for a moment: the subscribe messages are handled, the sockets settle.
    await new Promise((wait) => setTimeout(wait, 2_000));
    const after = await settled();
    const rssDelta = after.rss - before.rss;
    const heapDelta = after.heapUsed + after.external - (before.heapUsed + before.external);

    // Events: one transition at a time, 20 ms apart (latency, not throughput).
    const sentAt = new Map<string, number>();
    for (const id of recommendations) {
      const started = Date.now();
      await service.gql('mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { id } }', { id });
      sentAt.set(id, started);
      await new Promise((wait) => setTimeout(wait, 20));
    }
    const expected = options.events * options.subscriptions;
    const deadline = Date.now() + 30_000;
    const count = () => [...receivedAt.values()].reduce((sum, list) => sum + list.length, 0);
    while (count() < expected && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 100));
    const latencies: number[] = [];
    for (const [eventId, list] of receivedAt) for (const at of list) latencies.push(at - occurredAt.get(eventId)!);
    latencies.sort((a, b) => a - b);

    console.log(`subscriptions: ${options.subscriptions} (one WebSocket each), opened in ${openedMs} ms`);
    console.log(`service memory before: RSS ${mb(before.rss)} MB, heap+external ${mb(before.heapUsed + before.external)} MB`);
    console.log(`service memory with them idle: RSS ${mb(after.rss)} MB, heap+external ${mb(after.heapUsed + after.external)} MB`);
    console.log(
      `cost of ${options.subscriptions} idle subscriptions: RSS ${signedMb(rssDelta)} MB, heap+external ${signedMb(heapDelta)} MB ` +
        `(${(rssDelta / options.subscriptions / 1024).toFixed(1)} kB RSS, ${(heapDelta / options.subscriptions / 1024).toFixed(1)} kB heap each)`,
    );
    console.log(`events: ${options.events} committed, ${count()} of ${expected} deliveries received`);
    console.log(
      `latency from commit (the event's occurredAt, taken just before its commit) to receipt: p50 ${percentile(latencies, 50)} ms, ` +
        `p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`,
    );
  } finally {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(lastLogs().split('\n').filter((l) => !l.includes('"level":30')).join('\n').slice(-3000));
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
