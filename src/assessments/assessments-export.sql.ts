import { isoTimestamp, SqlParams } from '../database/sql/params';
import { ExportQuery } from '../database/sql/query';
import type { ReadScope } from '../database/sql/read-scope';
import { translatedSql } from '../i18n/translations';

/**
 * The SQL the assessments export streams: every version of an independent assessment
 * published by the end of `asOf` (what the public could read by then; versions waiting or
 * returned are never exported), with its recommendation's code, the organisation, the status,
 * the text, the evidence links, and whether it was the organisation's current one at asOf.
 */
export function assessmentsExportQuery(ctx: ReadScope): ExportQuery {
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const asOfEnd = p.add(ctx.asOfEnd, 'timestamptz');
  const tr = (column: string) => translatedSql(column, ctx.contentChain);
  const sql = `
    SELECT r.code AS recommendation_code, ${tr('o.name')} AS organization, v.number AS version,
           ${ctx.language.enumSql('v.status', 'status', p)} AS status, v.assessed_on,
           ${tr('v.text')} AS text, array_to_string(v.evidence_urls, '; ') AS evidence_urls,
           ${isoTimestamp('v.reviewed_at', tz)} AS published_at,
           v.number = (SELECT max(x.number) FROM assessment_version x
                        WHERE x.assessment_id = v.assessment_id AND x.review_status = 'PUBLISHED' AND x.reviewed_at < ${asOfEnd}) AS current
      FROM assessment_version v
      JOIN recommendation r ON r.id = v.recommendation_id
      JOIN organization o ON o.id = v.organization_id
     WHERE v.review_status = 'PUBLISHED' AND v.reviewed_at < ${asOfEnd}`;
  return {
    sql,
    params: p.values,
    orderBy: [
      { column: 'recommendation_code', cast: 'varchar' },
      { column: 'organization', cast: 'varchar' },
      { column: 'version', cast: 'int' },
    ],
  };
}
