import { translatedSql } from '../../i18n/translations';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';
import { isoTimestamp, SqlParams } from './sql-params';

/** One row per status change recorded by the end of `asOf`, with its recommendation's code; in code order, then oldest change first. */
export function statusHistoryExport(ctx: ExportContext): TabularExport {
  const p = new SqlParams();
  const tz = p.add(ctx.timeZone, 'text');
  const asOfEnd = p.add(ctx.asOfEnd, 'timestamptz');
  const { language } = ctx;
  const sql = `
    SELECT r.code AS recommendation_code, sc.version, ${language.enumSql('sc.from_status', 'status', p)} AS from_status, ${language.enumSql('sc.to_status', 'status', p)} AS to_status,
           ${isoTimestamp('sc.changed_at', tz)} AS changed_at, sc.changed_by, ${translatedSql('sc.note', ctx.contentChain)} AS note, sc.evidence_url
      FROM status_change sc
      JOIN recommendation r ON r.id = sc.recommendation_id
     WHERE sc.changed_at < ${asOfEnd}`;
  return {
    name: 'status-history',
    sheetName: language.sheetName('status-history'),
    description: 'One row per status change recorded by the end of asOf.',
    primaryKey: ['recommendation_code', 'version'],
    query: {
      sql,
      params: p.values,
      orderBy: [
        { column: 'recommendation_code', cast: 'varchar' },
        { column: 'version', cast: 'int' },
      ],
    },
    columns: [
      language.column('recommendation_code', 'text', 20, 'The recommendation’s code'),
      language.column('version', 'number', 9, 'The recommendation’s version after the change; 1 is its creation'),
      language.column('from_status', 'text', 14, 'Status before the change; empty for the creation'),
      language.column('to_status', 'text', 14, 'Status after the change'),
      language.column('changed_at', 'timestamp', 26, 'When the change was recorded'),
      language.column('changed_by', 'text', 20, 'Who recorded it'),
      language.column('note', 'text', 50, 'The note given with it'),
      language.column('evidence_url', 'text', 40, 'A link to evidence, when given'),
    ],
  };
}
