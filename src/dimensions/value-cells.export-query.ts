import { countedVersionSql } from '../action-plan/action-plan.repository';
import { periodConditions, ValueSelection } from '../action-plan/indicator-values.repository';
import type { ReadScope } from '../database/sql/read-scope';
import { SqlParams } from '../database/sql/params';
import type { ExportQuery } from '../database/sql/query';
import { translatedSql } from '../i18n/translations';

/**
 * The SQL the indicator-values export streams with breakdown=cells: one row per cell of each
 * value's version that counts at the cut (the version the values export shows: approved by the
 * end of valuesKnownBy, or submitted and not returned for staff's values=submitted), in the
 * selected plan and periods. A cell's members are listed by their dimensions' codes.
 */
export function indicatorValueCellsExportQuery(selection: ValueSelection, ctx: ReadScope): ExportQuery {
  const p = new SqlParams();
  const knownBy = p.add(ctx.valuesKnownByEnd, 'timestamptz');
  const where = ['true', ...periodConditions(p, selection.from, selection.to)];
  if (selection.actionPlanId) where.push(`i.action_plan_id = ${p.add(selection.actionPlanId, 'uuid')}`);
  const tr = (column: string) => translatedSql(column, ctx.contentChain);
  // The three member lists of a cell in one subquery (one pass over its members, not three).
  const sql = `
    SELECT ap.code AS action_plan, i.code AS indicator_code, v.period, cm.members, cm.dimensions, cm.member_names,
           c.value, c.numerator, c.denominator, w.number AS version, v.year, v.quarter
      FROM indicator_value v
      JOIN LATERAL (SELECT kv.id, kv.number FROM indicator_value_version kv
                     WHERE kv.indicator_value_id = v.id AND ${countedVersionSql('kv', knownBy, ctx.valueStatus)}
                     ORDER BY kv.number DESC LIMIT 1) w ON true
      JOIN indicator_value_cell c ON c.version_id = w.id
      CROSS JOIN LATERAL (
        SELECT string_agg(m.code, ' ' ORDER BY d.code) AS members, string_agg(d.code, ' ' ORDER BY d.code) AS dimensions,
               string_agg(${tr('m.name')}, '; ' ORDER BY d.code) AS member_names
          FROM unnest(c.member_ids) AS member(id) JOIN dimension_member m ON m.id = member.id JOIN dimension d ON d.id = m.dimension_id
      ) cm
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
      { column: 'members', cast: 'varchar' },
    ],
  };
}
