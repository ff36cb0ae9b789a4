#!/usr/bin/env node
// `npm test`: every tier. First unit, medium and e2e files in parallel workers (each medium
// and e2e file clones a database of its own), then the e2e files that start processes of their
// own (the service, PostgreSQL servers, replicas) or measure memory, one at a time, and beside
// them, also one at a time, the browser files (chromium): two queues, because a file of the
// first kind spends most of its time waiting for a process to start, stop or sync its files,
// which leaves a core to chromium. Extra arguments go to every run.
//   TEST_WORKERS (default 2): the parallel run's workers.
//   TEST_REPORT_DIR: write Jest's JSON report of each run there (parallel.json, processes.json,
//     browser.json), with each file's start and end: what `node scripts/test-timings.mjs DIR` summarises.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** The e2e files that run one at a time, beside the browser files. */
export const PROCESSES = [
  'test/backup.e2e-spec.ts',
  'test/data-version-memory.e2e-spec.ts',
  'test/embedded-database.e2e-spec.ts',
  'test/embedded-postgres.e2e-spec.ts',
  'test/embedded-upgrade.e2e-spec.ts',
  'test/entity-registration.e2e-spec.ts',
  'test/exports-embedded.e2e-spec.ts',
  'test/recovery.e2e-spec.ts',
  'test/replication.e2e-spec.ts',
  'test/shared-rate-limit.e2e-spec.ts',
  'test/test-support.e2e-spec.ts',
];
export const BROWSER = ['test/browser/'];
export const SERIAL = [...PROCESSES, ...BROWSER];

const escape = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = (paths) => paths.map((path) => `/${escape(path)}`);
const extra = process.argv.slice(2);
const workers = process.env.TEST_WORKERS || '2';

const reportDir = process.env.TEST_REPORT_DIR;
// Jest writes --outputFile into an existing folder only, and fails the run after the tests otherwise.
if (reportDir) mkdirSync(reportDir, { recursive: true });

/** Runs jest; with a label, its output lines are prefixed with it (two runs print at once). */
function jest(args, report, label = null) {
  const reportArgs = reportDir ? ['--json', `--outputFile=${reportDir}/${report}.json`] : [];
  console.log(`\n> jest ${args.join(' ')}`);
  const run = spawn('npx', ['jest', ...args, ...reportArgs, ...extra], { stdio: label ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  if (label) {
    for (const stream of [run.stdout, run.stderr]) {
      createInterface({ input: stream }).on('line', (line) => console.log(`[${label}] ${line}`));
    }
  }
  return new Promise((resolve) => run.on('close', (status) => resolve(status ?? 1)));
}

const started = Date.now();
const seconds = (since) => Math.round((Date.now() - since) / 1000);
const parallel = await jest(['--selectProjects', 'unit', 'medium', 'e2e', `--maxWorkers=${workers}`, '--testPathIgnorePatterns', '/node_modules/', ...patterns(SERIAL)], 'parallel');
const parallelSeconds = seconds(started);
const serialStarted = Date.now();
const [processes, browser] = await Promise.all([
  jest(['--selectProjects', 'e2e', '--runInBand', ...patterns(PROCESSES)], 'processes', 'processes'),
  jest(['--selectProjects', 'e2e', '--runInBand', ...patterns(BROWSER)], 'browser', 'browser'),
]);
const outcome = (status) => (status === 0 ? 'passed' : 'FAILED');
console.log(
  `\nnpm test: ${seconds(started)} s (parallel run ${outcome(parallel)} in ${parallelSeconds} s; ` +
    `then in ${seconds(serialStarted)} s, side by side: processes ${outcome(processes)}, browser ${outcome(browser)})`,
);
process.exit(parallel || processes || browser);
