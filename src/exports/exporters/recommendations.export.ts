import { DataSource } from 'typeorm';
import { RecommendationFilter } from '../../recommendations/dto/recommendations.args';
import { recommendationsExportQuery } from '../../recommendations/recommendations.repository';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';

/** The recommendations as they stood on `asOf`: the rows come from recommendationsExportQuery (the recommendations repository). */
export function recommendationsExport(db: DataSource, filter: RecommendationFilter | null, ctx: ExportContext): TabularExport {
  const { language } = ctx;
  return {
    name: 'recommendations',
    sheetName: language.sheetName('recommendations'),
    description: 'One row per recommendation that existed on asOf, in the status it had at the end of that day.',
    primaryKey: ['code'],
    query: recommendationsExportQuery(db, filter, ctx),
    columns: [
      language.column('code', 'text', 16, 'The recommendation’s code, unique'),
      language.column('title', 'text', 50, 'Title (as it is now)'),
      language.column('kind', 'text', 20, 'Kind of measure: LEGISLATIVE, EDUCATION, …'),
      language.column('priority', 'text', 10, 'HIGH, MEDIUM or LOW (as it is now)'),
      language.column('status', 'text', 14, 'Status at the end of asOf: the last status change recorded by then'),
      language.column('due_date', 'date', 12, 'Due date (as it is now); empty when none was set'),
      language.column('overdue', 'boolean', 9, 'true when due before asOf and on asOf neither IMPLEMENTED nor REJECTED'),
      language.column('meeting_title', 'text', 40, 'The roundtable that made the recommendation'),
      language.column('meeting_date', 'date', 13, 'The day the roundtable was held'),
      language.column('settlement', 'text', 16, 'Where the roundtable was held'),
      language.column('region', 'text', 14, 'Region of the roundtable'),
      language.column('barriers', 'text', 50, 'Barriers addressed, by title, joined with "; " (one per row: recommendation-barriers)'),
      language.column('responsible_organizations', 'text', 50, 'Responsible organisations joined with "; " (one per row: recommendation-organizations)'),
      language.column('indicator_codes', 'text', 20, 'Linked indicators joined with "; " (one per row: recommendation-indicators)'),
      language.column('last_status_change_at', 'timestamp', 26, 'When the status shown was set'),
      language.column('last_status_change_by', 'text', 20, 'Who set it'),
      language.column('last_status_change_note', 'text', 40, 'The note given with it'),
      language.column(
        'independent_statuses',
        'text',
        40,
        'Each civil-society organisation’s latest assessment published by the end of asOf, as "organisation: status", joined with "; " (one per row: assessments)',
      ),
      language.column('divergent', 'boolean', 10, 'true when one of those statuses differs from the status at the end of asOf (docs/domain.md)'),
      language.column('framework_items', 'text', 30, 'The SDG targets and indicators, CEDAW paragraphs and UPR documents it addresses, as "SDG 5.5; CEDAW CO5-TSM", joined with "; " (as they are now)'),
    ],
  };
}
