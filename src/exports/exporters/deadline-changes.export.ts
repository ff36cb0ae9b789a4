import { deadlineChangesExportQuery } from '../../recommendations/fact-history.sql';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';

/**
 * One row per change of a recommendation's due date recorded by the end of `asOf`
 * (extensions, and deadlines brought forward, set or removed), in code order, then
 * oldest first: who moved it, when, from and to. The rows come from
 * deadlineChangesExportQuery (the recommendations' fact history).
 */
export function deadlineChangesExport(ctx: ExportContext): TabularExport {
  const { language } = ctx;
  return {
    name: 'deadline-changes',
    sheetName: language.sheetName('deadline-changes'),
    description: 'One row per change of a due date recorded by the end of asOf.',
    primaryKey: ['recommendation_code', 'version'],
    query: deadlineChangesExportQuery(ctx),
    columns: [
      language.column('recommendation_code', 'text', 20, 'The recommendation’s code'),
      language.column('version', 'number', 9, 'The recommendation’s version after the change'),
      language.column('from_due_date', 'date', 13, 'The due date before the change; empty when none was set'),
      language.column('to_due_date', 'date', 13, 'The due date after the change; empty when it was removed'),
      language.column('days_moved', 'number', 11, 'to_due_date − from_due_date in days: positive for an extension; empty when either is empty'),
      language.column('changed_at', 'timestamp', 26, 'When the change was recorded'),
      language.column('changed_by', 'text', 20, 'Who recorded it'),
    ],
  };
}
