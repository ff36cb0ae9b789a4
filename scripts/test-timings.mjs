#!/usr/bin/env node
// Summarises the JSON reports that `TEST_REPORT_DIR=DIR npm test` writes (parallel.json,
// processes.json, browser.json; serial.json of older runs): each run's file time summed over workers, time inside test bodies, and the
// slowest files (npm test prints each run's wall time). File time less test bodies is what a
// file costs before its first test (loading modules, booting the app, cloning its database).
//   node scripts/test-timings.mjs DIR [--top N]
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const [dir, ...rest] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/test-timings.mjs DIR [--top N]');
  process.exit(2);
}
const topIndex = rest.indexOf('--top');
const top = topIndex >= 0 ? Number(rest[topIndex + 1]) : 10;

for (const run of ['parallel', 'serial', 'processes', 'browser']) {
  const path = join(dir, `${run}.json`);
  if (!existsSync(path)) continue;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const files = report.testResults.map((file) => {
    const bodies = file.assertionResults.reduce((sum, test) => sum + (test.duration ?? 0), 0);
    return { name: relative(process.cwd(), file.name), seconds: (file.endTime - file.startTime) / 1000, bodies: bodies / 1000, tests: file.assertionResults.length };
  });
  const fileSeconds = files.reduce((sum, file) => sum + file.seconds, 0);
  const bodySeconds = files.reduce((sum, file) => sum + file.bodies, 0);
  console.log(
    `${run}: ${files.length} files, ` +
      `${report.numPassedTests} passed, ${report.numPendingTests} skipped, ${report.numFailedTests} failed; ` +
      `file time ${fileSeconds.toFixed(0)} s (test bodies ${bodySeconds.toFixed(0)} s, before the first test and between ${(fileSeconds - bodySeconds).toFixed(0)} s)`,
  );
  for (const file of files.sort((a, b) => b.seconds - a.seconds).slice(0, top)) {
    console.log(`  ${file.seconds.toFixed(1).padStart(6)} s  ${file.bodies.toFixed(1).padStart(6)} s in ${String(file.tests).padStart(3)} tests  ${file.name}`);
  }
}
