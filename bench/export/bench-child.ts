import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ChildStats {
  rows: number;
  seconds: number;
  rssBeforeMiB: number;
  maxRssMiB: number;
}

/**
 * Runs `npm run export -- <args> --out /dev/null --stats` in a fresh process
 * (what an operator runs, ts-node included), so that its peak resident memory
 * (process.resourceUsage().maxRSS) belongs to that one export alone.
 */
export function runExportChild(args: string[]): Promise<ChildStats> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), '-T', join(ROOT, 'src', 'exports', 'cli', 'export.ts'), ...args, '--out', '/dev/null', '--stats'],
      { cwd: ROOT, env: process.env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-10_000)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = stderr.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as ChildStats);
      else reject(new Error(`export ${args.join(' ')} failed (exit ${code}):\n${stderr}`));
    });
  });
}
