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
