import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let version: string | null = null;

/** "roundtable-tracker 0.1.0": the package.json found by walking up from this file (src/ under ts-node, dist/src/ built). */
export function softwareVersion(): string {
  if (version) return version;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'roundtable-tracker') return (version = `${pkg.name} ${pkg.version ?? ''}`.trim());
    }
    if (dirname(dir) === dir) return (version = 'roundtable-tracker');
  }
}
