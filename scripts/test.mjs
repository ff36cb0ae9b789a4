#!/usr/bin/env node
// `npm test`: every tier. First unit, medium and e2e files in parallel workers (each medium
// and e2e file clones a database of its own), then, one at a time, the e2e files that start
// processes of their own (the service, PostgreSQL servers, replicas, chromium) or measure
// memory, which would fight over the two cores. Extra arguments go to both runs.
//   TEST_WORKERS (default 2): the parallel run's workers.
//   TEST_REPORT_DIR: write Jest's JSON report of each run there (parallel.json, serial.json),
//     with each file's start and end: what `node scripts/test-timings.mjs DIR` summarises.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export const SERIAL = [
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
  'test/browser/',
];

const escape = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const extra = process.argv.slice(2);
const workers = process.env.TEST_WORKERS || '2';

const reportDir = process.env.TEST_REPORT_DIR;
// Jest writes --outputFile into an existing folder only, and fails the run after the tests otherwise.
if (reportDir) mkdirSync(reportDir, { recursive: true });

function jest(args, report) {
  const reportArgs = reportDir ? ['--json', `--outputFile=${reportDir}/${report}.json`] : [];
  console.log(`\n> jest ${args.join(' ')}`);
  const run = spawnSync('npx', ['jest', ...args, ...reportArgs, ...extra], { stdio: 'inherit' });
  return run.status ?? 1;
}

const started = Date.now();
const seconds = (since) => Math.round((Date.now() - since) / 1000);
const parallel = jest(['--selectProjects', 'unit', 'medium', 'e2e', `--maxWorkers=${workers}`, '--testPathIgnorePatterns', '/node_modules/', ...SERIAL.map((path) => `/${escape(path)}`)], 'parallel');
const parallelSeconds = seconds(started);
const serialStarted = Date.now();
const serial = jest(['--selectProjects', 'e2e', '--runInBand', ...SERIAL.map((path) => `/${escape(path)}`)], 'serial');
const outcome = (status) => (status === 0 ? 'passed' : 'FAILED');
console.log(`\nnpm test: ${seconds(started)} s (parallel run ${outcome(parallel)} in ${parallelSeconds} s, serial run ${outcome(serial)} in ${seconds(serialStarted)} s)`);
process.exit(parallel || serial);
