import { EntityManager } from 'typeorm';
import { rowToEntity } from '../database/linked-rows';
import type { ReadScope } from '../database/sql/read-scope';
import { isoTimestamp, SqlParams } from '../database/sql/params';
import type { ExportQuery } from '../database/sql/query';
import { translatedSql } from '../i18n/translations';
import type { SubmittedValue, ValueToRecord } from './indicator-value-writes';
import { knownValuesSql } from './action-plan.repository';
import { IndicatorValue } from './indicator-value.entity';
import { IndicatorValueVersion, ReviewStatus } from './indicator-value-version.entity';
import { Period, periodEndQuarter, periodStartQuarter } from './reporting-period';

/*
 * The statements that write indicator values (a new version each time, never an overwrite), and the one the indicator-values export streams. Plain functions over the caller's transaction
 * rather than an injectable class: recordIndicatorValue and the bulk import both run them
 * inside a transaction they already hold, and neither needs anything else from here.
 */

/** Rows per statement: large enough to be fast, small enough for PostgreSQL's parameter handling and memory. */
const CHUNK = 1000;

/** A value slot as it stands now: value, source and note of its latest version (whatever its review status). */
export interface CurrentValue extends IndicatorValue {
  versionNumber: number;
  reviewStatus: ReviewStatus;
}

/** Who submits a version: the actor's label and, for a person, their user id. */
export interface Submitter {
  name: string;
  userId: string | null;
}

/**
 * The values as they stand now for these (indicator, period) pairs (their latest version),
 * keyed `indicatorId/period`, read after locking their indicators until the transaction ends.
 * Without the lock, two writers of a value not yet recorded both read "none" and both audit a
 * creation, and both would number their version alike. With it, writers of one indicator's
 * values queue in commit order, and each (READ COMMITTED: a new snapshot per statement) reads
 * what the previous one committed. Indicators are locked in id order, so two imports cannot
 * deadlock; NO KEY UPDATE leaves the foreign key checks of other writers unblocked.
 */
export async function currentValues(tx: EntityManager, rows: readonly ValueToRecord[]): Promise<Map<string, CurrentValue>> {
  const indicatorIds = [...new Set(rows.map((r) => r.indicatorId))].sort();
  for (let i = 0; i < indicatorIds.length; i += CHUNK) {
    await tx.query('SELECT id FROM indicator WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [indicatorIds.slice(i, i + CHUNK)]);
  }
  const found = new Map<string, CurrentValue>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const existing: Record<string, unknown>[] = await tx.query(
      `SELECT v.id, v.indicator_id, v.period, v.year, v.quarter, v.recorded_at, v.recorded_by,
              w.value, w.source, w.note, w.number AS version_number, w.review_status AS version_status
         FROM indicator_value v
         JOIN unnest($1::uuid[], $2::text[]) AS k(indicator_id, period)
           ON v.indicator_id = k.indicator_id AND v.period = k.period
         JOIN LATERAL (SELECT * FROM indicator_value_version w WHERE w.indicator_value_id = v.id ORDER BY w.number DESC LIMIT 1) w ON true`,
      [chunk.map((r) => r.indicatorId), chunk.map((r) => r.period)],
    );
    for (const row of existing) {
      const value = Object.assign(rowToEntity(tx.connection, IndicatorValue, row), {
        versionNumber: row.version_number as number,
        reviewStatus: row.version_status as ReviewStatus,
      });
      found.set(`${value.indicatorId}/${value.period}`, value);
    }
  }
  return found;
}

/** A value as just submitted: its slot (value, source and note those of the new version) and the version. */
/**
 * Adds a SUBMITTED version to each value, creating the period's slot when it has none
 * (its recorded_at/recorded_by: the first submission), a thousand per statement. Nothing
 * is overwritten; `correctionReason` is stored on versions after the first (the caller has
 * checked that it is given when one corrects). Call after currentValues (its lock numbers
 * the versions safely).
 */
export async function submitVersions(
  tx: EntityManager,
  rows: readonly ValueToRecord[],
  submitter: Submitter,
  correctionReason: string | null,
): Promise<SubmittedValue[]> {
  const written: SubmittedValue[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await tx.query(
      `INSERT INTO indicator_value (indicator_id, period, year, quarter, recorded_at, recorded_by)
       SELECT t.indicator_id, t.period, t.year, t.quarter, now(), $5
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::smallint[]) AS t(indicator_id, period, year, quarter)
       ON CONFLICT (indicator_id, period) DO NOTHING`,
      [chunk.map((r) => r.indicatorId), chunk.map((r) => r.period), chunk.map((r) => r.parsed.year), chunk.map((r) => r.parsed.quarter), submitter.name],
    );
    const returned: Record<string, unknown>[] = await tx.query(
      `WITH t AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::float8[], $4::jsonb[], $5::jsonb[]) AS t(indicator_id, period, value, source, note)),
            n AS (SELECT v.id AS slot_id, t.*,
                         COALESCE((SELECT max(w.number) FROM indicator_value_version w WHERE w.indicator_value_id = v.id), 0) + 1 AS number
                    FROM t JOIN indicator_value v ON v.indicator_id = t.indicator_id AND v.period = t.period),
            w AS (INSERT INTO indicator_value_version (indicator_value_id, number, value, source, note, submitted_at, submitted_by, submitted_by_user_id, correction_reason)
                  SELECT n.slot_id, n.number, n.value, n.source, n.note, now(), $6, $7, CASE WHEN n.number > 1 THEN $8 END FROM n
                  RETURNING *)
       SELECT w.*, v.indicator_id AS slot_indicator_id, v.period AS slot_period, v.year AS slot_year, v.quarter AS slot_quarter,
              v.recorded_at AS slot_recorded_at, v.recorded_by AS slot_recorded_by
         FROM w JOIN indicator_value v ON v.id = w.indicator_value_id`,
      [
        chunk.map((r) => r.indicatorId),
        chunk.map((r) => r.period),
        chunk.map((r) => r.value),
        chunk.map((r) => r.source),
        chunk.map((r) => r.note),
        submitter.name,
        submitter.userId,
        correctionReason,
      ],
    );
    for (const row of returned) {
      const version = rowToEntity(tx.connection, IndicatorValueVersion, row);
      const value = Object.assign(new IndicatorValue(), {
        id: version.indicatorValueId,
        indicatorId: row.slot_indicator_id as string,
        period: row.slot_period as string,
        year: row.slot_year as number,
        quarter: row.slot_quarter as number | null,
        value: version.value,
        source: version.source,
        note: version.note,
        recordedAt: row.slot_recorded_at as Date,
        recordedBy: row.slot_recorded_by as string | null,
      });
      written.push({ value, version });
    }
  }
  return written;
}

/** A value as recorded and published at once (a data load's): the slot's value, source and note, who recorded it and when. */
export type RecordedValue = Pick<IndicatorValue, 'period' | 'year' | 'quarter' | 'value' | 'source' | 'note' | 'recordedBy' | 'recordedAt'>;

/**
 * Inserts the indicator's value slots for the periods that have none, with their value, source and
 * note as given (the slot's copy of an approved version), in one statement; a period's slot already
 * there stays as it is. No version is written: IndicatorValueVersionsRepository.insertApprovedFirstVersions
 * gives these slots theirs. For data loads (the sample), not for submissions (submitVersions).
 */
export async function insertMissingValues(tx: EntityManager, indicatorId: string, values: readonly RecordedValue[]): Promise<void> {
  if (values.length === 0) return;
  await tx.query(
    `INSERT INTO indicator_value (indicator_id, period, year, quarter, value, source, note, recorded_by, recorded_at)
     SELECT $1, t.period, t.year, t.quarter, t.value, t.source, t.note, t.recorded_by, t.recorded_at
       FROM unnest($2::text[], $3::int[], $4::smallint[], $5::float8[], $6::jsonb[], $7::jsonb[], $8::text[], $9::timestamptz[])
         AS t(period, year, quarter, value, source, note, recorded_by, recorded_at)
     ON CONFLICT DO NOTHING`,
    [
      indicatorId,
      values.map((v) => v.period),
      values.map((v) => v.year),
      values.map((v) => v.quarter),
      values.map((v) => v.value),
      values.map((v) => v.source),
      values.map((v) => v.note),
      values.map((v) => v.recordedBy),
      values.map((v) => v.recordedAt),
    ],
  );
}

/** SQL conditions on `indicator_value v` for the periods lying wholly within from … to. */
export function periodConditions(p: SqlParams, from: Period | null, to: Period | null): string[] {
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
  const knownBy = p.add(ctx.valuesKnownByEnd, 'timestamptz');
  const where = ['true', ...periodConditions(p, selection.from, selection.to)];
  if (selection.actionPlanId) where.push(`i.action_plan_id = ${p.add(selection.actionPlanId, 'uuid')}`);
  const tr = (column: string) => translatedSql(column, ctx.contentChain);
  const unit = ctx.language.unitSql(p);
  const sql = `
    SELECT ap.code AS action_plan, i.code AS indicator_code, v.period, v.value, ${tr('v.source')} AS source, ${tr('v.note')} AS note,
           ${tr('i.name')} AS indicator_name, ${unit} AS unit, v.year, v.quarter,
           ${isoTimestamp('v.recorded_at', tz)} AS recorded_at, v.recorded_by
      FROM ${knownValuesSql(knownBy, ctx.valueStatus)} v
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

/**
 * The SQL the indicator-values export streams with versions=all (staff only): one row per version
 * submitted by the end of `valuesKnownBy` in the selected plan and periods, as it stood then: a
 * review after that day is not yet known (the version is still SUBMITTED, with no reviewer or
 * return reason), so a past day's file stays the same whatever happens later.
 */
export function indicatorValueVersionsExportQuery(selection: ValueSelection, ctx: ReadScope): ExportQuery {
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const knownBy = p.add(ctx.valuesKnownByEnd, 'timestamptz');
  const where = [`w.submitted_at < ${knownBy}`, ...periodConditions(p, selection.from, selection.to)];
  if (selection.actionPlanId) where.push(`i.action_plan_id = ${p.add(selection.actionPlanId, 'uuid')}`);
  const tr = (column: string) => translatedSql(column, ctx.contentChain);
  const unit = ctx.language.unitSql(p);
  const reviewed = `w.reviewed_at < ${knownBy}`;
  const status = ctx.language.enumSql(`(CASE WHEN ${reviewed} THEN w.review_status ELSE '${ReviewStatus.SUBMITTED}' END)`, 'reviewStatus', p);
  const sql = `
    SELECT ap.code AS action_plan, i.code AS indicator_code, v.period, w.number AS version, w.value, ${status} AS review_status,
           ${tr('w.source')} AS source, ${tr('w.note')} AS note,
           ${isoTimestamp('w.submitted_at', tz)} AS submitted_at, w.submitted_by,
           CASE WHEN ${reviewed} THEN ${isoTimestamp('w.reviewed_at', tz)} END AS reviewed_at, CASE WHEN ${reviewed} THEN w.reviewed_by END AS reviewed_by,
           w.correction_reason, CASE WHEN ${reviewed} THEN w.return_reason END AS return_reason,
           ${tr('i.name')} AS indicator_name, ${unit} AS unit, v.year, v.quarter
      FROM indicator_value_version w
      JOIN indicator_value v ON v.id = w.indicator_value_id
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
      { column: 'version', cast: 'int' },
    ],
  };
}
