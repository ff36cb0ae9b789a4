import { translatedSql } from '../../i18n/translations';
import { DataSource } from 'typeorm';
import { RecommendationFilter } from '../../recommendations/dto/recommendations.args';
import { CLOSED_STATUSES } from '../../recommendations/recommendation-lifecycle';
import { applyRecommendationFilter } from '../../recommendations/recommendation-list.query';
import { Recommendation } from '../../recommendations/recommendation.entity';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';
import { isoTimestamp, SqlParams } from './sql-params';

/**
 * The ids the filter's timeless criteria select (kind, meeting, barrier,
 * organisation, search), as SQL with its parameters: written by the same
 * applyRecommendationFilter that serves the GraphQL list, so the export and the
 * API can never disagree about what a filter means. `status` and `overdue`
 * depend on the day and are applied to the status as of `asOf` instead (see
 * below). Null without such criteria.
 */
function filteredIds(db: DataSource, filter: RecommendationFilter | null, today: string): [string, unknown[]] | null {
  const timeless = filter ? { ...filter, status: null, overdue: null } : null;
  const query = applyRecommendationFilter(db.getRepository(Recommendation).createQueryBuilder('r').select('r.id'), timeless, today);
  return query.expressionMap.wheres.length > 0 ? query.getQueryAndParameters() : null;
}

/**
 * One row per recommendation that existed on `asOf`, in code order, in the
 * status its history gives for that day (the last status change recorded before
 * the day ended: the same reading as progressSummary's and the PDF report's),
 * overdue as of that day; its meeting, barriers, responsible organisations and
 * linked indicator codes (each link table aggregated once with string_agg and
 * hash-joined: four times faster at 100,000 rows than a subquery per row; the
 * join-table exports give the same links one per row). Title, kind, priority and
 * due date have no history: they are as they are now.
 */
export function recommendationsExport(db: DataSource, filter: RecommendationFilter | null, ctx: ExportContext): TabularExport {
  const ids = filteredIds(db, filter, ctx.today);
  const p = new SqlParams(ids?.[1]);
  const asOf = p.add(ctx.asOf, 'date');
  const asOfEnd = p.add(ctx.asOfEnd, 'timestamptz');
  const closed = p.add(CLOSED_STATUSES, 'text[]');
  const tz = p.add(ctx.timeZone, 'text');
  const { language } = ctx;
  const overdue = `(r.due_date IS NOT NULL AND r.due_date < ${asOf} AND last_change.to_status::text <> ALL(${closed}))`;
  const where: string[] = [];
  if (ids) where.push(`r.id IN (${ids[0]})`);
  if (filter?.status?.length) where.push(`last_change.to_status::text = ANY(${p.add(filter.status, 'text[]')})`);
  if (filter?.overdue === true) where.push(overdue);
  if (filter?.overdue === false) where.push(`NOT ${overdue}`);
  const tr = (column: string) => translatedSql(column, ctx.contentChain);
  const sql = `
    SELECT r.code, ${tr('r.title')} AS title, ${language.enumSql('r.kind', 'kind', p)} AS kind, ${language.enumSql('r.priority', 'priority', p)} AS priority,
           ${language.enumSql('last_change.to_status', 'status', p)} AS status, r.due_date,
           ${overdue} AS overdue,
           ${tr('m.title')} AS meeting_title, m.held_on AS meeting_date, ${tr('m.settlement')} AS settlement, ${tr('m.region')} AS region,
           barriers.names AS barriers, organizations.names AS responsible_organizations, indicators.codes AS indicator_codes,
           ${isoTimestamp('last_change.changed_at', tz)} AS last_status_change_at,
           last_change.changed_by AS last_status_change_by,
           ${tr('last_change.note')} AS last_status_change_note
      FROM recommendation r
      JOIN meeting m ON m.id = r.meeting_id
      JOIN LATERAL (
        SELECT sc.to_status, sc.changed_at, sc.changed_by, sc.note FROM status_change sc
         WHERE sc.recommendation_id = r.id AND sc.changed_at < ${asOfEnd} ORDER BY sc.version DESC LIMIT 1
      ) last_change ON true
      LEFT JOIN (
        SELECT rb.recommendation_id, string_agg(${tr('b.title')}, '; ' ORDER BY ${tr('b.title')}) AS names
          FROM recommendation_barrier rb JOIN barrier b ON b.id = rb.barrier_id GROUP BY rb.recommendation_id
      ) barriers ON barriers.recommendation_id = r.id
      LEFT JOIN (
        SELECT ro.recommendation_id, string_agg(${tr('o.name')}, '; ' ORDER BY ${tr('o.name')}) AS names
          FROM recommendation_organization ro JOIN organization o ON o.id = ro.organization_id GROUP BY ro.recommendation_id
      ) organizations ON organizations.recommendation_id = r.id
      LEFT JOIN (
        SELECT ri.recommendation_id, string_agg(i.code, '; ' ORDER BY i.code) AS codes
          FROM recommendation_indicator ri JOIN indicator i ON i.id = ri.indicator_id GROUP BY ri.recommendation_id
      ) indicators ON indicators.recommendation_id = r.id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return {
    name: 'recommendations',
    sheetName: language.sheetName('recommendations'),
    description: 'One row per recommendation that existed on asOf, in the status it had at the end of that day.',
    primaryKey: ['code'],
    query: { sql, params: p.values, orderBy: [{ column: 'code', cast: 'varchar' }] },
    columns: [
      language.column('code', 'text', 16, 'The recommendation’s code, unique'),
      language.column('title', 'text', 50, 'Title (as it is now)'),
      language.column('kind', 'text', 20, 'Kind of measure: LEGISLATIVE, EDUCATION, …'),
      language.column('priority', 'text', 10, 'HIGH, MEDIUM or LOW (as it is now)'),
      language.column('status', 'text', 14, 'Status at the end of asOf: the last status change recorded by then'),
      language.column('due_date', 'date', 12, 'Due date (as it is now); empty when none was set'),
      language.column('overdue', 'boolean', 9, 'true when due before asOf and on asOf neither IMPLEMENTED nor REJECTED'),
      language.column('meeting_title', 'text', 40, 'The roundtable that made the recommendation'),
      language.column('meeting_date', 'date', 13, 'The day the roundtable was held'),
      language.column('settlement', 'text', 16, 'Where the roundtable was held'),
      language.column('region', 'text', 14, 'Region of the roundtable'),
      language.column('barriers', 'text', 50, 'Barriers addressed, by title, joined with "; " (one per row: recommendation-barriers)'),
      language.column('responsible_organizations', 'text', 50, 'Responsible organisations joined with "; " (one per row: recommendation-organizations)'),
      language.column('indicator_codes', 'text', 20, 'Linked indicators joined with "; " (one per row: recommendation-indicators)'),
      language.column('last_status_change_at', 'timestamp', 26, 'When the status shown was set'),
      language.column('last_status_change_by', 'text', 20, 'Who set it'),
      language.column('last_status_change_note', 'text', 40, 'The note given with it'),
    ],
  };
}
