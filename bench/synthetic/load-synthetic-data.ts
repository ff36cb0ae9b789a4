import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Cell, countsFor, SyntheticCounts, syntheticTables, TableRows } from './synthetic-data';

/** Tables the synthetic data fills, children after parents (TRUNCATE takes them all at once). */
export const SYNTHETIC_TABLES = [
  'organization',
  'person',
  'meeting',
  'participant',
  'barrier',
  'barrier_meeting',
  'action_plan',
  'indicator',
  'indicator_target',
  'indicator_value',
  'indicator_value_version',
  'recommendation',
  'status_change',
  'recommendation_barrier',
  'recommendation_organization',
  'recommendation_indicator',
] as const;

export interface LoadOptions {
  /** Empty the tables first (TRUNCATE ... CASCADE). Without it, a database that has recommendations is refused. */
  reset?: boolean;
  /** Progress lines (table, rows, ms). */
  log?: (line: string) => void;
}

export interface LoadResult {
  counts: SyntheticCounts;
  rows: Record<string, number>;
  milliseconds: number;
}

/** COPY text format: backslash, tab, newline and carriage return escaped; null is \N. */
function encodeCell(cell: Cell): string {
  if (cell === null) return '\\N';
  const text = typeof cell === 'number' ? String(cell) : cell;
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : text;
}

/** The table's rows as COPY text, in chunks of a few thousand lines. */
function* copyText(table: TableRows, counter: { rows: number }): Iterable<string> {
  let chunk: string[] = [];
  for (const row of table.rows()) {
    chunk.push(row.map(encodeCell).join('\t'));
    counter.rows += 1;
    if (chunk.length === 5000) {
      yield chunk.join('\n') + '\n';
      chunk = [];
    }
  }
  if (chunk.length) yield chunk.join('\n') + '\n';
}

/**
 * Loads the synthetic data set of `scale` into the (migrated) database behind
 * `client`: one COPY per table in one transaction, then VACUUM ANALYZE so the
 * planner and index-only scans see the new rows at once.
 */
export async function loadSyntheticData(client: Client, scale: number, options: LoadOptions = {}): Promise<LoadResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const counts = countsFor(scale);
  const rows: Record<string, number> = {};
  await client.query('BEGIN');
  try {
    if (options.reset) {
      await client.query(`TRUNCATE ${SYNTHETIC_TABLES.map((t) => `"${t}"`).join(', ')} CASCADE`);
    } else {
      const [{ present }] = (await client.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM recommendation) AS present')).rows;
      if (present) throw new Error('the database already has recommendations; pass --reset to replace everything with synthetic data');
    }
    for (const table of syntheticTables(scale)) {
      const tableStarted = Date.now();
      const counter = { rows: 0 };
      const sql = `COPY "${table.table}" (${table.columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
      await pipeline(Readable.from(copyText(table, counter)), client.query(copyFrom(sql)));
      rows[table.table] = counter.rows;
      log(`  ${table.table.padEnd(28)} ${String(counter.rows).padStart(9)} rows  ${Date.now() - tableStarted} ms`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  const vacuumStarted = Date.now();
  await client.query(`VACUUM ANALYZE ${SYNTHETIC_TABLES.map((t) => `"${t}"`).join(', ')}`);
  log(`  VACUUM ANALYZE ${Date.now() - vacuumStarted} ms`);
  return { counts, rows, milliseconds: Date.now() - started };
}
