/**
 * When a recommendation's official and independent views diverge (docs/domain.md, "Independent
 * assessments"): the latest PUBLISHED assessment of at least one organisation gives another
 * status than the official one, both read at the same moment. Any difference on the scale counts
 * (officially PROPOSED, independently STALLED diverges; so does IMPLEMENTED against IN_PROGRESS):
 * the scale is the one the official status uses, so "the same status" is the only agreement.
 * An assessment returned or waiting for moderation never counts.
 *
 * Kept free of imports so that the recommendations list (its `divergent` filter), the exports and
 * the report share this one rule without importing the assessments feature.
 */
export function divergesFrom(officialStatus: string, independentStatuses: readonly string[]): boolean {
  return independentStatuses.some((status) => status !== officialStatus);
}

/**
 * SQL: whether the recommendation `recommendationIdSql` diverges, its official status being
 * `officialStatusSql` (text or the enum) and the assessments read as published
 * before `publishedBeforeSql` (a timestamptz expression, e.g. the start of the day after an asOf; null: as they are now).
 */
export function divergentSql(recommendationIdSql: string, officialStatusSql: string, publishedBeforeSql: string | null = null): string {
  return `EXISTS (${publishedAssessmentsSql(recommendationIdSql, publishedBeforeSql)} AND pa.status::text <> (${officialStatusSql})::text)`;
}

/**
 * SQL: the latest published version of each organisation's assessment of the recommendation
 * (alias `pa`), as published before `publishedBeforeSql` when given. A statement to append
 * conditions to with AND.
 */
export function publishedAssessmentsSql(recommendationIdSql: string, publishedBeforeSql: string | null = null): string {
  const upTo = (alias: string) => (publishedBeforeSql ? ` AND ${alias}.reviewed_at < ${publishedBeforeSql}` : '');
  return `SELECT 1 FROM assessment_version pa
           WHERE pa.recommendation_id = ${recommendationIdSql} AND pa.review_status = 'PUBLISHED'${upTo('pa')}
             AND pa.number = (SELECT max(px.number) FROM assessment_version px
                               WHERE px.assessment_id = pa.assessment_id AND px.review_status = 'PUBLISHED'${upTo('px')})`;
}

/**
 * SQL: some assessment of the recommendation was published (before `publishedBeforeSql`). Implied by
 * divergentSql and cheaper: on the recommendation alone, a query can filter by it before reading the
 * official status.
 */
export function hasPublishedAssessmentSql(recommendationIdSql: string, publishedBeforeSql: string): string {
  return `EXISTS (SELECT 1 FROM assessment_version av
                   WHERE av.recommendation_id = ${recommendationIdSql} AND av.review_status = 'PUBLISHED' AND av.reviewed_at < ${publishedBeforeSql})`;
}
