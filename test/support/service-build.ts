import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'tracker-service-build');
/** What the build depends on besides the sources. */
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A hash of everything the compiled service depends on: src/, migrations/ and the compiler's settings. */
function sourcesKey(): string {
  const hash = createHash('sha1');
  for (const file of [...filesUnder(join(ROOT, 'src')), ...filesUnder(join(ROOT, 'migrations')), ...CONFIG_FILES.map((f) => join(ROOT, f))]) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The service compiled as `npm run build` compiles it (tsc with tsconfig.build.json, the stylesheet
 * copied beside it as nest-cli.json's assets say), once per content of the sources, in
 * node_modules/.cache. The process-level tests start it with plain `node`, as `npm start` does:
 * about 3 s a start instead of the 13 s ts-node took to transpile some 600 files on every start.
 * Types are not checked here (`--noCheck`): CI's typecheck step does that. Returns main.js's path.
 */
export function serviceBuild(): string {
  const out = join(CACHE, sourcesKey());
  const main = join(out, 'src', 'main.js');
  if (existsSync(main)) return main;
  mkdirSync(CACHE, { recursive: true });
  // Built aside and renamed into place, so that two test processes building at once cannot see half a build.
  const building = join(CACHE, `building-${process.pid}-${Date.now()}`);
  execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', building, '--noCheck', '--sourceMap', 'false'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stylesheets = join(ROOT, 'src', 'web', 'assets', 'dist');
  for (const css of readdirSync(stylesheets).filter((name) => name.endsWith('.css'))) {
    cpSync(join(stylesheets, css), join(building, 'src', 'web', 'assets', 'dist', css));
  }
  try {
    renameSync(building, out);
  } catch {
    // Another process finished the same build first.
    rmSync(building, { recursive: true, force: true });
  }
  // Builds of earlier sources are of no further use.
  for (const entry of readdirSync(CACHE)) {
    if (join(CACHE, entry) !== out && !entry.startsWith('building-')) rmSync(join(CACHE, entry), { recursive: true, force: true });
  }
  return main;
}
