import { DataSource } from 'typeorm';
import { IndicatorDirection } from '../../action-plan/action-plan.enums';
import { actualForYear, computeProgress, PeriodValue } from '../../action-plan/indicator-progress';
import { Row } from '../row-source/export-query';
import { column, ExportColumn } from '../tabular/export-column';
import { TabularExport } from '../tabular/tabular-export';
import { SqlParams } from './sql-params';

interface PlanYears {
  first: number | null;
  last: number | null;
}

/** The years the selected plans span: one target and one actual column each. */
async function planYears(db: DataSource, actionPlanId: string | null): Promise<number[]> {
  const [years]: PlanYears[] = await db.query(
    'SELECT min(start_year) AS first, max(end_year) AS last FROM action_plan WHERE $1::uuid IS NULL OR id = $1',
    [actionPlanId],
  );
  if (years.first === null || years.last === null) return [];
  return Array.from({ length: years.last - years.first + 1 }, (_, i) => (years.first as number) + i);
}

function yearColumns(years: readonly number[]): ExportColumn[] {
  return years.flatMap((year) => [column(`target_${year}`, 'number', 12), column(`actual_${year}`, 'number', 12)]);
}

/**
 * Per indicator: its code, name, unit, direction, baseline, the target and the
 * actual of every year of its plan, and for `year` the percent of target and the
 * progress status. PostgreSQL returns each indicator's targets and values as JSON
 * in the same row; the actual and the progress come from indicator-progress.ts,
 * the one implementation of the progress rules.
 */
export async function indicatorsExport(db: DataSource, actionPlanId: string | null, year: number): Promise<TabularExport> {
  const years = await planYears(db, actionPlanId);
  const p = new SqlParams();
  const plan = actionPlanId ? p.add(actionPlanId, 'uuid') : null;
  const sql = `
    SELECT ap.code AS action_plan, i.code, i.name, i.unit, i.direction::text AS direction,
           i.baseline_year, i.baseline_value,
           (SELECT json_agg(json_build_array(t.year, t.value)) FROM indicator_target t WHERE t.indicator_id = i.id) AS targets,
           (SELECT json_agg(json_build_array(v.year, v.quarter, v.value)) FROM indicator_value v WHERE v.indicator_id = i.id) AS "values"
      FROM indicator i
      JOIN action_plan ap ON ap.id = i.action_plan_id
     ${plan ? `WHERE i.action_plan_id = ${plan}` : ''}`;
  return {
    name: 'indicators',
    sheetName: 'Indicators',
    query: {
      sql,
      params: p.values,
      orderBy: [
        { column: 'action_plan', cast: 'varchar' },
        { column: 'code', cast: 'varchar' },
      ],
    },
    mapRow: (row) => indicatorRow(row, years, year),
    columns: [
      column('action_plan', 'text', 14),
      column('code', 'text', 12),
      column('name', 'text', 50),
      column('unit', 'text', 10),
      column('direction', 'text', 11),
      column('baseline_year', 'number', 13),
      column('baseline_value', 'number', 14),
      ...yearColumns(years),
      column('year', 'number', 7),
      column('target', 'number', 12),
      column('actual', 'number', 12),
      column('percent_of_target', 'number', 17),
      column('progress_status', 'text', 15),
    ],
  };
}

/** json columns arrive as PostgreSQL's text output from the export cursor. */
function json<T>(value: unknown): T | null {
  return value === null || value === undefined ? null : (JSON.parse(value as string) as T);
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function indicatorRow(row: Row, years: readonly number[], year: number): Row {
  const targets = new Map((json<[number, number][]>(row.targets) ?? []).map(([y, value]) => [y, value]));
  const values = (json<[number, number | null, number][]>(row.values) ?? []).map(
    ([y, quarter, value]): PeriodValue => ({ year: y, quarter, value }),
  );
  const out: Row = { ...row };
  for (const y of years) {
    out[`target_${y}`] = targets.get(y) ?? null;
    out[`actual_${y}`] = actualForYear(values, y);
  }
  const progress = computeProgress({
    year,
    direction: row.direction as IndicatorDirection,
    baseline: numberOrNull(row.baseline_value),
    target: targets.get(year) ?? null,
    actual: actualForYear(values, year),
  });
  return {
    ...out,
    year,
    target: progress.target,
    actual: progress.actual,
    percent_of_target: progress.percentOfTarget,
    progress_status: progress.status,
  };
}
