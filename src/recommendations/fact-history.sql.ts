import type { ReadScope } from '../database/sql/read-scope';
import { isoTimestamp, SqlParams } from '../database/sql/params';
import { ExportQuery } from '../database/sql/query';

/**
 * How every report reads a recommendation's due date, priority and responsible
 * organisations as they stood at a moment (recommendation_fact_change, see
 * RecommendationFactChange): the entry of the latest version recorded before that
 * moment. A recommendation not changed since (its updated_at before the moment: every
 * write that appends to the history sets updated_at to the same now()) is read from
 * the row itself without looking at the history, as the status counts do; so is one
 * with no entry before the moment (rows loaded in bulk, which have no history until
 * their first change through the service, whose facts are today's).
 */
export interface FactsAsOf {
  /** `LEFT JOIN LATERAL … <alias> ON true`, to follow the FROM that names the recommendation. */
  join: string;
  dueDate: string;
  priority: string;
  /** The organisations' ids (uuid[]), sorted. */
  organizationIds: string;
  /** True when the facts come from the history, false when they are the row's own (today's links apply). */
  fromHistory: string;
}

/**
 * The facts of recommendation `r` (an alias) at the instant `end` (an SQL expression,
 * e.g. a placeholder for the instant the day after asOf begins); `alias` names the join.
 */
export function factsAsOf(r: string, end: string, alias = 'facts'): FactsAsOf {
  const fromHistory = `(${alias}.priority IS NOT NULL)`;
  return {
    join: `LEFT JOIN LATERAL (
        SELECT f.due_date, f.priority, f.responsible_organization_ids FROM recommendation_fact_change f
         WHERE ${r}.updated_at >= ${end} AND f.recommendation_id = ${r}.id AND f.changed_at < ${end}
         ORDER BY f.version DESC LIMIT 1) ${alias} ON true`,
    dueDate: `CASE WHEN ${fromHistory} THEN ${alias}.due_date ELSE ${r}.due_date END`,
    priority: `CASE WHEN ${fromHistory} THEN ${alias}.priority ELSE ${r}.priority END`,
    organizationIds: `CASE WHEN ${fromHistory} THEN ${alias}.responsible_organization_ids
      ELSE ARRAY(SELECT ro.organization_id FROM recommendation_organization ro WHERE ro.recommendation_id = ${r}.id ORDER BY 1) END`,
    fromHistory,
  };
}

/**
 * The SQL the deadline-changes export streams: every change of a due date recorded by
 * the end of `asOf` (an entry of the fact history whose due date differs from the
 * entry before it), with its recommendation's code, the due date before and after,
 * how many days it moved (positive: extended), when and by whom.
 */
export function deadlineChangesExportQuery(ctx: ReadScope): ExportQuery {
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const asOfEnd = p.add(ctx.asOfEnd, 'timestamptz');
  const sql = `
    SELECT r.code AS recommendation_code, c.version, c.from_due_date, c.to_due_date,
           (c.to_due_date - c.from_due_date) AS days_moved,
           ${isoTimestamp('c.changed_at', tz)} AS changed_at, c.changed_by
      FROM (SELECT f.recommendation_id, f.version, f.changed_at, f.changed_by, f.due_date AS to_due_date,
                   lag(f.due_date) OVER w AS from_due_date, row_number() OVER w AS n
              FROM recommendation_fact_change f
             WHERE f.changed_at < ${asOfEnd}
            WINDOW w AS (PARTITION BY f.recommendation_id ORDER BY f.version)) c
      JOIN recommendation r ON r.id = c.recommendation_id
     WHERE c.n > 1 AND c.from_due_date IS DISTINCT FROM c.to_due_date`;
  return {
    sql,
    params: p.values,
    orderBy: [
      { column: 'recommendation_code', cast: 'varchar' },
      { column: 'version', cast: 'int' },
    ],
  };
}
