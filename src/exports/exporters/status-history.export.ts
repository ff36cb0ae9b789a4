import { statusHistoryExportQuery } from '../../recommendations/recommendations.repository';
import { wholeNumbers } from '../tabular/export-column';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';

/** One row per status change recorded by the end of `asOf`, with its recommendation's code; in code order, then oldest change first; the rows come from statusHistoryExportQuery. */
export function statusHistoryExport(ctx: ExportContext): TabularExport {
  const { language } = ctx;
  return {
    name: 'status-history',
    sheetName: language.sheetName('status-history'),
    description: 'One row per status change recorded by the end of asOf.',
    primaryKey: ['recommendation_code', 'version'],
    query: statusHistoryExportQuery(ctx),
    columns: [
      language.column('recommendation_code', 'text', 20, 'The recommendation’s code'),
      wholeNumbers(language.column('version', 'number', 9, 'The recommendation’s version after the change; 1 is its creation'), 'count'),
      language.column('from_status', 'text', 14, 'Status before the change; empty for the creation'),
      language.column('to_status', 'text', 14, 'Status after the change'),
      language.column('changed_at', 'timestamp', 26, 'When the change was recorded'),
      language.column('changed_by', 'text', 20, 'Who recorded it'),
      language.column('note', 'text', 50, 'The note given with it'),
      language.column('evidence_url', 'text', 40, 'A link to evidence, when given'),
    ],
  };
}
