#!/usr/bin/env node
// `npm test`: every tier, as three Jest runs at once:
//   - unit, medium and e2e files in parallel workers (each medium and e2e file clones a database of its own);
//   - the e2e files that start processes of their own (the service, PostgreSQL servers, replicas) or
//     measure memory, one at a time;
//   - the browser files (chromium), one at a time.
// The suite is bound by CPU (two cores kept busy by the first and the third run). The files of the
// second run mostly wait for a process to start, stop or sync its files, but what they time (a
// restart, a failover, a backup under writes) must not starve: the other two runs are niced
// (NICE, default 10), so that the process files get the CPU whenever they need it and the other
// runs take the rest. Extra arguments go to every run.
//   TEST_WORKERS (default 2): the parallel run's workers.
//   TEST_REPORT_DIR: write Jest's JSON report of each run there (parallel.json, processes.json,
//     browser.json), with each file's start and end: what `node scripts/test-timings.mjs DIR` summarises.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

/** The e2e files that run one at a time, at full priority beside the other two runs. */
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

/**
 * Jest's processes (and the worker threads and processes they start) allocate fast while each file
 * builds its application: semi-spaces of 64 MB instead of Node 20's 16 let more of it die young,
 * for ~10 % less CPU in the e2e files (docs/benchmarks.md, "Seventh session of 2026-12-07").
 * The processes the tests start themselves (the service, scripts) keep their own flags.
 */
const JEST_NODE_FLAGS = ['--max-semi-space-size=64'];
const JEST = createRequire(import.meta.url).resolve('jest/bin/jest');

const escape = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = (paths) => paths.map((path) => `/${escape(path)}`);
const extra = process.argv.slice(2);
const workers = process.env.TEST_WORKERS || '2';

const reportDir = process.env.TEST_REPORT_DIR;
// Jest writes --outputFile into an existing folder only, and fails the run after the tests otherwise.
if (reportDir) mkdirSync(reportDir, { recursive: true });

/** Runs jest at a niceness (0, or no `nice` command: as this process); its output lines are prefixed with its label (the runs print at once). */
function jest(args, report, label, niceness = 0) {
  const reportArgs = reportDir ? ['--json', `--outputFile=${reportDir}/${report}.json`] : [];
  const niced = niceness > 0 && canNice;
  console.log(`\n> ${niced ? `nice -n ${niceness} ` : ''}jest ${args.join(' ')}`);
  const command = [process.execPath, ...JEST_NODE_FLAGS, JEST, ...args, ...reportArgs, ...extra];
  const [file, ...argv] = niced ? ['nice', '-n', String(niceness), ...command] : command;
  const run = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [run.stdout, run.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${label}] ${line}`));
  }
  const started = Date.now();
  return new Promise((resolve) => run.on('close', (status) => resolve({ status: status ?? 1, seconds: seconds(started) })));
}

const started = Date.now();
const seconds = (since) => Math.round((Date.now() - since) / 1000);
const niceness = Number(process.env.NICE ?? 10);
const canNice = spawnSync('nice', ['-n', '0', 'true']).status === 0;
const [parallel, processes, browser] = await Promise.all([
  jest(['--selectProjects', 'unit', 'medium', 'e2e', `--maxWorkers=${workers}`, '--testPathIgnorePatterns', '/node_modules/', ...patterns(SERIAL)], 'parallel', 'parallel', niceness),
  jest(['--selectProjects', 'e2e', '--runInBand', ...patterns(PROCESSES)], 'processes', 'processes'),
  jest(['--selectProjects', 'e2e', '--runInBand', ...patterns(BROWSER)], 'browser', 'browser', niceness),
]);
const outcome = (run) => `${run.status === 0 ? 'passed' : 'FAILED'} in ${run.seconds} s`;
console.log(`\nnpm test: ${seconds(started)} s (at once: parallel ${outcome(parallel)}, processes ${outcome(processes)}, browser ${outcome(browser)})`);
process.exit(parallel.status || processes.status || browser.status);
