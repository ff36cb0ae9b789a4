import { ALLOWED_TRANSITIONS } from '../src/recommendations/recommendation-lifecycle';
import { RecommendationStatus } from '../src/recommendations/recommendation.enums';

/** The year the progress figures are asked for: the synthetic plan's last year (the current year when written). */
export const BENCH_YEAR = 2026;

/** The NGO dashboard's filter: every open status (as in the README's dashboard example). */
export const OPEN_STATUSES = ['PROPOSED', 'UNDER_REVIEW', 'ACCEPTED', 'IN_PROGRESS', 'STALLED'] as const;

/** Operation 1: a page of 50 open recommendations with everything an NGO dashboard shows. */
export const DASHBOARD_QUERY = `query Dashboard($status: [RecommendationStatus!], $year: Int!, $first: Int = 50) {
  recommendations(first: $first, filter: { status: $status }, orderBy: { field: DUE_DATE, direction: ASC }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id code title status priority dueDate isOverdue version
      meeting { id title heldOn settlement region }
      barriers { id title category }
      responsibleOrganizations { id name kind }
      indicators {
        id code name unit
        latestValue { period value }
        progress(year: $year) { baseline target actual percentOfTarget status }
      }
      statusHistory { from to changedAt changedBy note evidenceUrl }
    } }
  }
}`;

/** Operation 2: the programme summary over the whole data set (the figures a dashboard's headline shows). */
export const SUMMARY_QUERY = `query Summary($year: Int!) {
  progressSummary(year: $year) {
    year recommendationsTotal overdue implementationRate
    byStatus { status count }
  }
}`;

/**
 * Operation 2b: the same with every indicator's progress: one entry per indicator, so the
 * answer itself grows with the data (100 indicators at scale 1, 1,000 at scale 10).
 */
export const SUMMARY_WITH_INDICATORS_QUERY = `query SummaryWithIndicators($year: Int!) {
  progressSummary(year: $year) {
    year recommendationsTotal overdue implementationRate
    byStatus { status count }
    indicators { indicator { code name unit } baseline target actual percentOfTarget status }
  }
}`;

/** Operation 3: a page of 50 indicators with targets, values and progress. */
export const INDICATORS_QUERY = `query Indicators($year: Int!, $first: Int = 50) {
  indicators(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id code name unit direction baselineYear baselineValue
      targets { year value }
      values { period value source }
      latestValue { period value }
      progress(year: $year) { baseline target actual percentOfTarget status }
      responsibleOrganization { name }
    } }
  }
}`;

/**
 * Operation 5: a page of 100 recommendations with their whole status history (an analyst's
 * notebook paging through the list): the largest page the API gives, its size set by the history.
 */
export const HISTORY_PAGE_QUERY = `query HistoryPage($first: Int = 100, $after: String) {
  recommendations(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      id code title status dueDate version
      statusHistory { from to changedAt changedBy note evidenceUrl }
    } }
  }
}`;

/**
 * Operation 6: the dashboard's page without progress: 50 open recommendations with their meeting,
 * barriers, organisations, history and indicators with their latest values (a public page of what
 * was promised and what was last reported). The page assembler writes all of it in PostgreSQL's
 * one statement; progress (computed in code) is what operation 1 adds.
 */
export const LATEST_VALUES_PAGE_QUERY = DASHBOARD_QUERY.replace('$year: Int!, ', '')
  .replace('query Dashboard(', 'query LatestValuesPage(')
  .replace(/\n\s*progress\(year: \$year\) \{[^}]*\}/, '');

/**
 * The dashboard's query taken apart (npm run bench:query-parts): what any request costs, the page
 * alone, then the dashboard with one part more at a time, so that the CPU each part adds can be
 * read as a difference. The last is operation 1 itself.
 */
export const DASHBOARD_PARTS: { name: string; query: string; variables: Record<string, unknown> }[] = (() => {
  const withoutYear = (query: string) => query.replace('$year: Int!, ', '');
  const indicators = /\n\s*indicators \{[\s\S]*?progress\(year: \$year\) \{[^}]*\}\s*\}/;
  const latestValue = /\n\s*latestValue \{[^}]*\}/;
  const progress = /\n\s*progress\(year: \$year\) \{[^}]*\}/;
  const open = { status: OPEN_STATUSES };
  return [
    { name: 'any request: `{ __typename }`', query: '{ __typename }', variables: {} },
    {
      name: 'the page alone (totalCount, pageInfo, 8 fields, isOverdue)',
      query: `query Page($status: [RecommendationStatus!]) {
  recommendations(first: 50, filter: { status: $status }, orderBy: { field: DUE_DATE, direction: ASC }) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id code title status priority dueDate isOverdue version } }
  }
}`,
      variables: open,
    },
    { name: '+ meeting, barriers, organisations, history', query: withoutYear(DASHBOARD_QUERY).replace(indicators, ''), variables: open },
    { name: '+ indicators { id code name unit }', query: withoutYear(DASHBOARD_QUERY).replace(progress, '').replace(latestValue, ''), variables: open },
    { name: '+ their latestValue (operation 6)', query: LATEST_VALUES_PAGE_QUERY, variables: open },
    { name: '+ their progress (operation 1)', query: DASHBOARD_QUERY, variables: { ...open, year: BENCH_YEAR } },
  ];
})();

/** Operation 4: one status change, answered with the changed recommendation and its history (read after write). */
export const TRANSITION_MUTATION = `mutation Transition($input: TransitionRecommendationInput!) {
  transitionRecommendation(input: $input) { id status version statusHistory { from to changedAt } }
}`;

export function graphqlBody(query: string, variables: Record<string, unknown>): string {
  return JSON.stringify({ query, variables });
}

export interface TransitionTarget {
  id: string;
  status: RecommendationStatus;
  version: number;
}

/** A valid next step for a recommendation in `status` (the lifecycle's main line), with a note where one is required. */
export function transitionInput(target: TransitionTarget): Record<string, unknown> {
  const to = ALLOWED_TRANSITIONS[target.status][0];
  return {
    id: target.id,
    to,
    expectedVersion: target.version,
    note: 'Benchmark transition',
  };
}

/**
 * The baseline for operation 1: the same page, with the same fields, built by
 * one SQL statement with JSON aggregation. PostgreSQL writes the whole
 * GraphQL-shaped response ({"data": …}), cursors included; the bare HTTP
 * server only sends it. $1 statuses, $2 today (YYYY-MM-DD), $3 progress year.
 */
export const BASELINE_SQL = `
WITH page AS (
  SELECT r.id, r.code, r.title, r.status, r.priority, r.due_date, r.version, r.meeting_id,
         COALESCE(r.due_date, 'infinity'::date) AS sort_key
    FROM recommendation r
   WHERE r.status = ANY($1::recommendation_status[])
   ORDER BY COALESCE(r.due_date, 'infinity'::date), r.id
   LIMIT 51
), nodes AS (
  SELECT p.sort_key, p.id, row_number() OVER (ORDER BY p.sort_key, p.id) AS n,
         translate(encode(convert_to(json_build_array('recommendations:DUE_DATE:ASC', p.sort_key::text, p.id)::text, 'UTF8'), 'base64'), E'+/=\\n', '-_') AS cursor,
         json_build_object(
           'id', p.id, 'code', p.code, 'title', p.title, 'status', p.status, 'priority', p.priority,
           'dueDate', p.due_date,
           'isOverdue', (p.due_date IS NOT NULL AND p.due_date < $2::date AND p.status NOT IN ('IMPLEMENTED', 'REJECTED')),
           'version', p.version,
           'meeting', (SELECT json_build_object('id', m.id, 'title', m.title, 'heldOn', m.held_on, 'settlement', m.settlement, 'region', m.region)
                         FROM meeting m WHERE m.id = p.meeting_id),
           'barriers', COALESCE((SELECT json_agg(json_build_object('id', b.id, 'title', b.title, 'category', b.category) ORDER BY b.title, b.id)
                                   FROM recommendation_barrier rb JOIN barrier b ON b.id = rb.barrier_id
                                  WHERE rb.recommendation_id = p.id), '[]'::json),
           'responsibleOrganizations', COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'kind', o.kind) ORDER BY o.name, o.id)
                                   FROM recommendation_organization ro JOIN organization o ON o.id = ro.organization_id
                                  WHERE ro.recommendation_id = p.id), '[]'::json),
           'indicators', COALESCE((SELECT json_agg(json_build_object(
                 'id', i.id, 'code', i.code, 'name', i.name, 'unit', i.unit,
                 'latestValue', (SELECT json_build_object('period', v.period, 'value', v.value) FROM indicator_value v
                                  WHERE v.indicator_id = i.id ORDER BY v.year DESC, v.quarter DESC NULLS FIRST LIMIT 1),
                 'progress', json_build_object(
                   'baseline', i.baseline_value, 'target', t.value, 'actual', a.value,
                   'percentOfTarget', CASE WHEN a.value IS NULL OR t.value IS NULL THEN NULL ELSE pc.pct END,
                   'status', CASE
                     WHEN a.value IS NULL OR t.value IS NULL THEN 'NO_DATA'
                     WHEN (i.direction = 'INCREASE' AND a.value >= t.value) OR (i.direction = 'DECREASE' AND a.value <= t.value) THEN 'ACHIEVED'
                     WHEN pc.pct IS NULL THEN 'OFF_TRACK'
                     WHEN pc.pct >= 100 THEN 'ACHIEVED'
                     WHEN pc.pct >= 90 THEN 'ON_TRACK'
                     WHEN pc.pct >= 50 THEN 'AT_RISK'
                     ELSE 'OFF_TRACK' END)
               ) ORDER BY i.code, i.id)
                 FROM recommendation_indicator ri
                 JOIN indicator i ON i.id = ri.indicator_id
                 LEFT JOIN indicator_target t ON t.indicator_id = i.id AND t.year = $3
                 LEFT JOIN LATERAL (SELECT v.value FROM indicator_value v WHERE v.indicator_id = i.id AND v.year = $3
                                     ORDER BY v.quarter DESC NULLS FIRST LIMIT 1) a ON true
                 CROSS JOIN LATERAL (SELECT CASE WHEN i.baseline_value IS NOT NULL AND t.value <> i.baseline_value
                                       THEN round(((a.value - i.baseline_value) / (t.value - i.baseline_value) * 100)::numeric, 9)::float8 END AS pct) pc
                WHERE ri.recommendation_id = p.id), '[]'::json),
           'statusHistory', COALESCE((SELECT json_agg(json_build_object('from', s.from_status, 'to', s.to_status, 'changedAt', s.changed_at,
                                        'changedBy', s.changed_by, 'note', s.note, 'evidenceUrl', s.evidence_url) ORDER BY s.version)
                                   FROM status_change s WHERE s.recommendation_id = p.id), '[]'::json)
         ) AS node
    FROM page p
)
SELECT json_build_object('data', json_build_object('recommendations', json_build_object(
  'totalCount', (SELECT count(*) FROM recommendation r WHERE r.status = ANY($1::recommendation_status[])),
  'pageInfo', json_build_object('hasNextPage', (SELECT count(*) > 50 FROM nodes),
                                'endCursor', (SELECT cursor FROM nodes WHERE n <= 50 ORDER BY n DESC LIMIT 1)),
  'edges', COALESCE((SELECT json_agg(json_build_object('cursor', cursor, 'node', node) ORDER BY n) FROM nodes WHERE n <= 50), '[]'::json)
)))::text AS body`;
