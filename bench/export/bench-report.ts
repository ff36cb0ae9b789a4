import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface BenchRow {
  export: string;
  format: 'csv' | 'xlsx';
  rows: number;
  seconds: number;
  copySeconds: number;
  rssBeforeMiB: number;
  maxRssMiB: number;
}

const int = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const dec = (digits: number) => new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| export | format | rows | seconds | rows/s | COPY seconds | time / COPY | RSS before export (MiB) | peak RSS (MiB) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.export} | ${r.format.toUpperCase()} | ${int.format(r.rows)} | ${dec(2).format(r.seconds)} | ${int.format(r.rows / r.seconds)} | ` +
        `${dec(2).format(r.copySeconds)} | ${dec(2).format(r.seconds / r.copySeconds)}× | ${int.format(r.rssBeforeMiB)} | ${int.format(r.maxRssMiB)} |`,
    );
  }
  return lines.join('\n');
}

const HEADING = '## Exports';

/**
 * Puts `section` (which starts with "## Exports") into the benchmarks file:
 * replaces the previous "## Exports" section up to the next "## " heading, or
 * appends it. Other sections are left exactly as they are.
 */
export function writeSection(path: string, section: string): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = text.search(/^## Exports\s*$/m);
  let updated: string;
  if (start === -1) {
    updated = `${text.trimEnd()}\n\n${section.trimEnd()}\n`;
  } else {
    const next = text.slice(start + HEADING.length).search(/^## /m);
    const end = next === -1 ? text.length : start + HEADING.length + next;
    updated = `${text.slice(0, start)}${section.trimEnd()}\n${next === -1 ? '' : `\n${text.slice(end)}`}`;
  }
  writeFileSync(path, updated);
}
