import { assessmentsExportQuery } from '../../assessments/assessments-export.sql';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';

/** Civil-society organisations' independent assessments published by the end of `asOf`: the rows come from assessmentsExportQuery. */
export function assessmentsExport(ctx: ExportContext): TabularExport {
  const { language } = ctx;
  return {
    name: 'assessments',
    sheetName: language.sheetName('assessments'),
    description: 'One row per version of an independent assessment published by the end of asOf (moderated for form and safety, not agreement).',
    primaryKey: ['recommendation_code', 'organization', 'version'],
    query: assessmentsExportQuery(ctx),
    columns: [
      language.column('recommendation_code', 'text', 20, 'The recommendation’s code'),
      language.column('organization', 'text', 40, 'The civil-society organisation that assessed it'),
      language.column('version', 'number', 9, 'The version of the organisation’s assessment: 1, 2, …'),
      language.column('status', 'text', 14, 'The organisation’s status, on the official scale'),
      language.column('assessed_on', 'date', 12, 'The day of the assessment'),
      language.column('text', 'text', 60, 'The organisation’s reasons'),
      language.column('evidence_urls', 'text', 40, 'Links to the evidence joined with "; "'),
      language.column('published_at', 'timestamp', 26, 'When the secretariat published it'),
      language.column('current', 'boolean', 9, 'true for the organisation’s latest version published by the end of asOf (the one compared with the official status)'),
    ],
  };
}
