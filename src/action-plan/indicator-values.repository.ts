import { EntityManager } from 'typeorm';
import { rowToEntity } from '../database/linked-rows';
import type { ReadScope } from '../database/sql/read-scope';
import { isoTimestamp, SqlParams } from '../database/sql/params';
import type { ExportQuery } from '../database/sql/query';
import { translatedSql } from '../i18n/translations';
import type { ValueToRecord } from './indicator-value-writes';
import { IndicatorValue } from './indicator-value.entity';
import { Period, periodEndQuarter, periodStartQuarter } from './reporting-period';

/*
 * The statements that write indicator values, and the one the indicator-values export streams. Plain functions over the caller's transaction
 * rather than an injectable class: recordIndicatorValue and the bulk import both run them
 * inside a transaction they already hold, and neither needs anything else from here.
 */

/** Rows per statement: large enough to be fast, small enough for PostgreSQL's parameter handling and memory. */
const CHUNK = 1000;

/**
 * The values recorded now for these (indicator, period) pairs, keyed `indicatorId/period`,
 * read after locking their indicators until the transaction ends. Without the lock, two
 * writers of a value not yet recorded both read "none" and both audit a creation, and
 * a replaced value read before a concurrent commit is not the one replaced. With it,
 * writers of one indicator's values queue in commit order, and each (READ COMMITTED:
 * a new snapshot per statement) reads what the previous one committed. Indicators are
 * locked in id order, so two imports cannot deadlock; NO KEY UPDATE leaves the foreign
 * key checks of other writers (targets, other values' inserts) unblocked.
 */
export async function currentValues(tx: EntityManager, rows: readonly ValueToRecord[]): Promise<Map<string, IndicatorValue>> {
  const indicatorIds = [...new Set(rows.map((r) => r.indicatorId))].sort();
  for (let i = 0; i < indicatorIds.length; i += CHUNK) {
    await tx.query('SELECT id FROM indicator WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [indicatorIds.slice(i, i + CHUNK)]);
  }
  const found = new Map<string, IndicatorValue>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const existing: Record<string, unknown>[] = await tx.query(
      `SELECT v.* FROM indicator_value v
         JOIN unnest($1::uuid[], $2::text[]) AS k(indicator_id, period)
           ON v.indicator_id = k.indicator_id AND v.period = k.period`,
      [chunk.map((r) => r.indicatorId), chunk.map((r) => r.period)],
    );
    for (const row of existing) {
      const value = rowToEntity(tx.connection, IndicatorValue, row);
      found.set(`${value.indicatorId}/${value.period}`, value);
    }
  }
  return found;
}

/**
 * Records the values (recording again replaces value, source, note, time and
 * recorder), a thousand per statement. Returns what was written.
 */
export async function upsertValues(tx: EntityManager, rows: readonly ValueToRecord[], recordedBy: string): Promise<IndicatorValue[]> {
  const written: IndicatorValue[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const returned: Record<string, unknown>[] = await tx.query(
      `INSERT INTO indicator_value (indicator_id, period, year, quarter, value, source, note, recorded_at, recorded_by)
       SELECT t.indicator_id, t.period, t.year, t.quarter, t.value, t.source, t.note, now(), $8
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::smallint[], $5::float8[], $6::jsonb[], $7::jsonb[])
           AS t(indicator_id, period, year, quarter, value, source, note)
       ON CONFLICT (indicator_id, period) DO UPDATE
         SET value = EXCLUDED.value, source = EXCLUDED.source, note = EXCLUDED.note,
             recorded_at = EXCLUDED.recorded_at, recorded_by = EXCLUDED.recorded_by
       RETURNING *`,
      [
        chunk.map((r) => r.indicatorId),
        chunk.map((r) => r.period),
        chunk.map((r) => r.parsed.year),
        chunk.map((r) => r.parsed.quarter),
        chunk.map((r) => r.value),
        chunk.map((r) => r.source),
        chunk.map((r) => r.note),
        recordedBy,
      ],
    );
    written.push(...returned.map((row) => rowToEntity(tx.connection, IndicatorValue, row)));
  }
  return written;
}

/** SQL conditions on `indicator_value v` for the periods lying wholly within from … to. */
function periodConditions(p: SqlParams, from: Period | null, to: Period | null): string[] {
  const conditions: string[] = [];
  if (from) conditions.push(`v.year * 4 + COALESCE(v.quarter, 1) - 1 >= ${p.add(periodStartQuarter(from), 'int')}`);
  if (to) conditions.push(`v.year * 4 + COALESCE(v.quarter, 4) - 1 <= ${p.add(periodEndQuarter(to), 'int')}`);
  return conditions;
}

/** Which values a read covers: one plan or all, and the periods from … to (inclusive). */
export interface ValueSelection {
  actionPlanId: string | null;
  from: Period | null;
  to: Period | null;
}

/** The SQL the indicator-values export streams: the values recorded by the end of `asOf` in the selected plan and periods. */
export function indicatorValuesExportQuery(selection: ValueSelection, ctx: ReadScope): ExportQuery {
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const where = [`v.recorded_at < ${p.add(ctx.asOfEnd, 'timestamptz')}`, ...periodConditions(p, selection.from, selection.to)];
  if (selection.actionPlanId) where.push(`i.action_plan_id = ${p.add(selection.actionPlanId, 'uuid')}`);
  const tr = (column: string) => translatedSql(column, ctx.contentChain);
  const unit = ctx.language.unitSql(p);
  const sql = `
    SELECT ap.code AS action_plan, i.code AS indicator_code, v.period, v.value, ${tr('v.source')} AS source, ${tr('v.note')} AS note,
           ${tr('i.name')} AS indicator_name, ${unit} AS unit, v.year, v.quarter,
           ${isoTimestamp('v.recorded_at', tz)} AS recorded_at, v.recorded_by
      FROM indicator_value v
      JOIN indicator i ON i.id = v.indicator_id
      JOIN action_plan ap ON ap.id = i.action_plan_id
     WHERE ${where.join(' AND ')}`;
  return {
    sql,
    params: p.values,
    orderBy: [
      { column: 'action_plan', cast: 'varchar' },
      { column: 'indicator_code', cast: 'varchar' },
      { column: 'period', cast: 'varchar' },
    ],
  };
}
