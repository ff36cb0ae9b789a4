import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

export const ROOT = join(__dirname, '..');

export interface ChildServer {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** Starts `node <args>` in the repository with `env` on top of ours, and waits until GET /health answers 200. */
export async function startChild(args: string[], env: Record<string, string>, headers: Record<string, string> = {}): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output, headers);
  return { url, child, output: () => output, stop: () => stopChild(child) };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, headers: Record<string, string>): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/health`, { headers });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stopChild(child);
  throw new Error(`${url} did not become healthy within 120 s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('close', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The pid and every descendant's pid (from /proc/<pid>/task/<tid>/children). */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i += 1) {
    try {
      for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
        const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, 'utf8').trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/**
 * The resident pages of the process's own executable that its PSS leaves to other processes, in kB.
 * The benchmark's own process runs the same node binary as the service, so PSS splits the binary's
 * pages (~45 MB on Node 20, ~55 MB on Node 24) between them; a service running alone (a container,
 * a systemd unit) carries them all.
 */
function executableSharedKb(pid: number): number {
  const executable = readlinkSync(`/proc/${pid}/exe`);
  let inExecutable = false;
  let rss = 0;
  let pss = 0;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) inExecutable = mapping[1] === executable;
    else if (inExecutable && line.startsWith('Rss:')) rss += Number(line.split(/\s+/)[1]);
    else if (inExecutable && line.startsWith('Pss:')) pss += Number(line.split(/\s+/)[1]);
  }
  return rss - pss;
}

/**
 * Sums resident (RSS) and proportional (PSS, shared pages split between sharers) memory of the tree,
 * in MB, the service's node binary counted whole (executableSharedKb): what the tree holds when it
 * runs alone, not beside the benchmark's own node process.
 */
export function treeMemory(pid: number): { processes: number; rssMb: number; pssMb: number; servicePssMb: number } {
  let rss = 0;
  let pss = 0;
  let servicePss = 0;
  const pids = processTree(pid);
  for (const p of pids) {
    try {
      const rollup = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      const own = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) + (p === pid ? executableSharedKb(p) : 0);
      pss += own;
      if (p === pid) servicePss = own;
    } catch {
      // ended
    }
  }
  return { processes: pids.length, rssMb: Math.round(rss / 1024), pssMb: Math.round(pss / 1024), servicePssMb: Math.round(servicePss / 1024) };
}

/** The node flags package.json's script runs the built service with ("node FLAGS dist/src/main.js"): benchmarks run what is shipped. */
export function scriptNodeFlags(script: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const match = /^node (.*)dist\/src\/main\.js$/.exec(scripts[script] ?? '');
  if (!match) throw new Error(`package.json's "${script}" does not run node … dist/src/main.js`);
  return match[1].split(' ').filter(Boolean);
}

/** The node flags a benchmark runs the service with: BENCH_NODE_FLAGS when set (to try others), else those `script` ships. */
export function benchNodeFlags(script: string): string[] {
  const tried = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean);
  return tried?.length ? tried : scriptNodeFlags(script);
}

/** CPU time in ms of a process, all its threads, from /proc (user and kernel; Linux reports both in ticks of 10 ms). */
export function processCpu(pid: number): { user: number; system: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return null;
  }
}

/**
 * The CPU the service's process and its PostgreSQL backends (application_name roundtable-tracker, on its
 * database) spent between two readings, by process. V8's profiler counts wall time on the main thread, so
 * a system call during which the thread lost the core (on loopback, the send wakes the client) shows
 * as that call's time: these are what each process really used.
 */
export async function cpuReading(servicePid: number, databaseUrl: string): Promise<Map<string, { user: number; system: number }>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = 'roundtable-tracker' AND datname = current_database()`,
    );
    const reading = new Map<string, { user: number; system: number }>();
    const processes: [string, number][] = [['service', servicePid], ...rows.map(({ pid }): [string, number] => [`postgres ${pid}`, pid])];
    for (const [key, pid] of processes) {
      const cpu = processCpu(pid);
      if (cpu) reading.set(key, cpu);
    }
    return reading;
  } finally {
    await client.end();
  }
}

/** A numeric command-line option (`--name N`), or `fallback` when it is not given. */
export function numberOption(args: string[], name: string, fallback: number): number {
  return args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
}

/**
 * The environment of a service instance whose uncached reads are measured: production mode on
 * `databaseUrl`, warnings only, the bench's bearer `token`, the rate limit lifted, no response
 * cache, no sample data, no job worker.
 */
export function measuredServiceEnv(databaseUrl: string, token: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    ADMIN_TOKEN: token,
    RATE_LIMIT_PER_MINUTE: '100000000',
    RESPONSE_CACHE: 'false',
    SEED_DEMO: 'false',
    JOBS_WORKER: 'false',
  };
}

/**
 * The CPU (ms, user and kernel) the service and its PostgreSQL backends used between two
 * cpuReadings. A backend opened in between counts from zero; one closed in between is left out.
 */
export function cpuUsed(
  before: Map<string, { user: number; system: number }>,
  after: Map<string, { user: number; system: number }>,
): { service: { user: number; system: number }; postgres: { user: number; system: number } } {
  const used = { service: { user: 0, system: 0 }, postgres: { user: 0, system: 0 } };
  for (const [key, cpu] of after) {
    const start = before.get(key) ?? { user: 0, system: 0 };
    const side = key === 'service' ? used.service : used.postgres;
    side.user += cpu.user - start.user;
    side.system += cpu.system - start.system;
  }
  return used;
}
