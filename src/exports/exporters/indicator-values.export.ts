import { column } from '../tabular/export-column';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';
import { localTimestamp, SqlParams } from './sql-params';

/**
 * One row per recorded value, by plan code, indicator code and period. The first
 * six columns are the bulk import's (action_plan,indicator_code,period,value,source,note),
 * so an analyst can correct figures in a spreadsheet and import them back.
 */
export function indicatorValuesExport(actionPlanId: string | null, ctx: ExportContext): TabularExport {
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const plan = actionPlanId ? p.add(actionPlanId, 'uuid') : null;
  const sql = `
    SELECT ap.code AS action_plan, i.code AS indicator_code, v.period, v.value, v.source, v.note,
           i.name AS indicator_name, i.unit, v.year, v.quarter,
           ${localTimestamp('v.recorded_at', tz)} AS recorded_at, v.recorded_by
      FROM indicator_value v
      JOIN indicator i ON i.id = v.indicator_id
      JOIN action_plan ap ON ap.id = i.action_plan_id
     ${plan ? `WHERE i.action_plan_id = ${plan}` : ''}`;
  return {
    name: 'indicator-values',
    sheetName: 'Indicator values',
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
      column('action_plan', 'text', 14),
      column('indicator_code', 'text', 14),
      column('period', 'text', 9),
      column('value', 'number', 12),
      column('source', 'text', 40),
      column('note', 'text', 40),
      column('indicator_name', 'text', 50),
      column('unit', 'text', 10),
      column('year', 'number', 7),
      column('quarter', 'number', 8),
      column('recorded_at', 'timestamp', 20),
      column('recorded_by', 'text', 20),
    ],
  };
}
