import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Machine } from './machine';

export interface Cell {
  operation: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  /** Average x-sql-statements per response; null when the server does not say. */
  statements: number | null;
  requests: number;
  errors: number;
}

export interface Report {
  label: string;
  date: string;
  command: string;
  data: string;
  setup: string;
  machine: Machine;
  cells: Cell[];
  ratios: { connections: number; ratio: number }[];
}

const SECTION = '## GraphQL API';

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function table(cells: Cell[]): string {
  const lines = [
    '| operation | connections | req/s | p50 ms | p99 ms | SQL statements / request | requests | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const c of cells) {
    lines.push(
      `| ${c.operation} | ${c.connections} | ${fmt(c.rps, 1)} | ${fmt(c.p50, 1)} | ${fmt(c.p99, 1)} | ${
        c.statements === null ? '–' : fmt(c.statements, Number.isInteger(c.statements) ? 0 : 1)
      } | ${fmt(c.requests)} | ${c.errors} |`,
    );
  }
  return lines.join('\n');
}

export function renderBlock(report: Report): string {
  const m = report.machine;
  return [
    `<!-- bench:${report.label} -->`,
    `#### ${report.label} (${report.date})`,
    '',
    `Data: ${report.data}. ${report.setup}`,
    '',
    `Machine: ${m.os}; ${m.cpus}; ${m.memory} memory; Node ${m.node}; ${m.postgres}; load average ${m.load} at the start. Code: ${m.commit}.`,
    '',
    'Command:',
    '',
    '```sh',
    report.command,
    '```',
    '',
    table(report.cells),
    '',
    `Operation 1 against the baseline (requests per second, ours / baseline): ${report.ratios
      .map((r) => `**${r.ratio.toFixed(2)}×** at ${r.connections} connection${r.connections === 1 ? '' : 's'}`)
      .join(', ')}.`,
    `<!-- /bench:${report.label} -->`,
  ].join('\n');
}

/**
 * Puts the block for this label into the "## GraphQL API" section of the file
 * (replacing an earlier block with the same label), leaving every other
 * section as it is.
 */
export function writeReport(path: string, report: Report): void {
  const block = renderBlock(report);
  let text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = `<!-- bench:${report.label} -->`;
  const end = `<!-- /bench:${report.label} -->`;
  const at = text.indexOf(start);
  if (at >= 0) {
    const stop = text.indexOf(end, at);
    if (stop < 0) throw new Error(`${path}: "${start}" has no "${end}"`);
    text = text.slice(0, at) + block + text.slice(stop + end.length);
  } else {
    let sectionAt = text.indexOf(`\n${SECTION}\n`);
    if (sectionAt < 0) {
      text = `${text.trimEnd()}\n\n${SECTION}\n`;
      sectionAt = text.indexOf(`\n${SECTION}\n`);
    }
    const next = text.indexOf('\n## ', sectionAt + SECTION.length + 1);
    const insertAt = next < 0 ? text.length : next;
    text = `${text.slice(0, insertAt).trimEnd()}\n\n${block}\n${next < 0 ? '' : '\n'}${text.slice(insertAt).replace(/^\n+/, '')}`;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
}
