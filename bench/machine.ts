import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { Client } from 'pg';

export interface Machine {
  os: string;
  cpus: string;
  memory: string;
  node: string;
  postgres: string;
  commit: string;
  /** The 1-minute load average when the run started (other work on the machine skews the figures). */
  load: string;
}

/** What the figures were measured on. */
export async function describeMachine(databaseUrl: string): Promise<Machine> {
  const list = cpus();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let postgres: string;
  try {
    const [{ version }] = (await client.query<{ version: string }>('SELECT version()')).rows;
    const [{ max_connections }] = (await client.query<{ max_connections: string }>('SHOW max_connections')).rows;
    postgres = `${version.split(' on ')[0]} (max_connections ${max_connections}, same machine)`;
  } finally {
    await client.end();
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ' + uncommitted changes';
  } catch {
    // not a git checkout
  }
  return {
    os: `${type()} ${release()}`,
    cpus: `${list.length} × ${list[0]?.model ?? 'unknown'}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    postgres,
    commit,
    load: loadavg()[0].toFixed(1),
  };
}
