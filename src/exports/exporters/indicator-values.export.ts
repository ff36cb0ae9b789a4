import { translatedSql } from '../../i18n/translations';
import { Period } from '../../action-plan/reporting-period';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';
import { isoTimestamp, SqlParams } from './sql-params';

/** Which values an export covers: one plan or all, and the periods from … to (inclusive). */
export interface ValueSelection {
  actionPlanId: string | null;
  from: Period | null;
  to: Period | null;
}

/** A period's first and last quarter as a count of quarters since year 0: a year spans four. */
export const periodStartQuarter = (p: Period): number => p.year * 4 + (p.quarter ?? 1) - 1;
export const periodEndQuarter = (p: Period): number => p.year * 4 + (p.quarter ?? 4) - 1;

/** SQL conditions on `indicator_value v` for the periods lying wholly within from … to. */
export function periodConditions(p: SqlParams, from: Period | null, to: Period | null): string[] {
  const conditions: string[] = [];
  if (from) conditions.push(`v.year * 4 + COALESCE(v.quarter, 1) - 1 >= ${p.add(periodStartQuarter(from), 'int')}`);
  if (to) conditions.push(`v.year * 4 + COALESCE(v.quarter, 4) - 1 <= ${p.add(periodEndQuarter(to), 'int')}`);
  return conditions;
}

/**
 * One row per value recorded by the end of `asOf`, by plan code, indicator code
 * and period. The first six columns are the bulk import's
 * (action_plan,indicator_code,period,value,source,note), so an analyst can
 * correct figures in a spreadsheet and import them back. A value replaced after
 * `asOf` is left out (values keep no history of their own).
 */
export function indicatorValuesExport(selection: ValueSelection, ctx: ExportContext): TabularExport {
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const where = [`v.recorded_at < ${p.add(ctx.asOfEnd, 'timestamptz')}`, ...periodConditions(p, selection.from, selection.to)];
  if (selection.actionPlanId) where.push(`i.action_plan_id = ${p.add(selection.actionPlanId, 'uuid')}`);
  const tr = (column: string) => translatedSql(column, ctx.contentChain);
  const sql = `
    SELECT ap.code AS action_plan, i.code AS indicator_code, v.period, v.value, ${tr('v.source')} AS source, ${tr('v.note')} AS note,
           ${tr('i.name')} AS indicator_name, i.unit, v.year, v.quarter,
           ${isoTimestamp('v.recorded_at', tz)} AS recorded_at, v.recorded_by
      FROM indicator_value v
      JOIN indicator i ON i.id = v.indicator_id
      JOIN action_plan ap ON ap.id = i.action_plan_id
     WHERE ${where.join(' AND ')}`;
  return {
    name: 'indicator-values',
    sheetName: ctx.language.sheetName('indicator-values'),
    description: 'One row per indicator value recorded by the end of asOf, for the periods from … to.',
    primaryKey: ['action_plan', 'indicator_code', 'period'],
    query: {
      sql,
      params: p.values,
      orderBy: [
        { column: 'action_plan', cast: 'varchar' },
        { column: 'indicator_code', cast: 'varchar' },
        { column: 'period', cast: 'varchar' },
      ],
    },
    columns: [
      ctx.language.column('action_plan', 'text', 14, 'The action plan’s code'),
      ctx.language.column('indicator_code', 'text', 14, 'The indicator’s code within its plan'),
      ctx.language.column('period', 'text', 9, 'The period measured: a year (2025) or a quarter (2025-Q3)'),
      ctx.language.column('value', 'number', 12, 'The value reported for the period, in the indicator’s unit'),
      ctx.language.column('source', 'text', 40, 'Where the value comes from'),
      ctx.language.column('note', 'text', 40, 'A note given with the value'),
      ctx.language.column('indicator_name', 'text', 50, 'The indicator’s name'),
      ctx.language.column('unit', 'text', 10, 'The unit of value'),
      ctx.language.column('year', 'number', 7, 'The period’s year'),
      ctx.language.column('quarter', 'number', 8, 'The period’s quarter (1–4); empty for a whole year'),
      ctx.language.column('recorded_at', 'timestamp', 26, 'When the value was recorded (or last replaced)'),
      ctx.language.column('recorded_by', 'text', 20, 'Who recorded it'),
    ],
  };
}
