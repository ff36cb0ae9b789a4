import { column } from '../tabular/export-column';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';
import { localTimestamp, SqlParams } from './sql-params';

/** One row per status change, with its recommendation's code; in code order, then oldest change first. */
export function statusHistoryExport(ctx: ExportContext): TabularExport {
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const sql = `
    SELECT r.code AS recommendation_code, sc.version, sc.from_status::text AS from_status, sc.to_status::text AS to_status,
           ${localTimestamp('sc.changed_at', tz)} AS changed_at, sc.changed_by, sc.note, sc.evidence_url
      FROM status_change sc
      JOIN recommendation r ON r.id = sc.recommendation_id`;
  return {
    name: 'status-history',
    sheetName: 'Status history',
    query: {
      sql,
      params: p.values,
      orderBy: [
        { column: 'recommendation_code', cast: 'varchar' },
        { column: 'version', cast: 'int' },
      ],
    },
    columns: [
      column('recommendation_code', 'text', 20),
      column('version', 'number', 9),
      column('from_status', 'text', 14),
      column('to_status', 'text', 14),
      column('changed_at', 'timestamp', 20),
      column('changed_by', 'text', 20),
      column('note', 'text', 50),
      column('evidence_url', 'text', 40),
    ],
  };
}
