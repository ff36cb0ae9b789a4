import { RecommendationLinkTable, recommendationLinksExportQuery } from '../../recommendations/recommendations.repository';
import { ExportLanguage } from '../export-language';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';

/**
 * The recommendations' links one per row (tidy data: a script joins on
 * recommendation_code instead of splitting "; "-joined cells, which a name
 * containing ";" would make ambiguous). Links keep no history: these are
 * today's links of the recommendations that existed on `asOf`. The rows come
 * from recommendationLinksExportQuery (the recommendations repository).
 */
function linkExport(
  ctx: ExportContext,
  name: string,
  what: string,
  link: RecommendationLinkTable,
  columns: (language: ExportLanguage) => TabularExport['columns'],
): TabularExport {
  const { language } = ctx;
  const query = recommendationLinksExportQuery(link, ctx);
  // The link's own key (organization_id, …) follows recommendation_code in the sort key.
  const key = query.orderBy[1].column;
  return {
    name,
    sheetName: language.sheetName(name),
    description: `One row per link between a recommendation (that existed on asOf) and ${what}.`,
    primaryKey: ['recommendation_code', key],
    query,
    columns: [language.column('recommendation_code', 'text', 20, 'The recommendation’s code'), ...columns(language)],
  };
}

export function recommendationOrganizationsExport(ctx: ExportContext): TabularExport {
  return linkExport(
    ctx,
    'recommendation-organizations',
    'a responsible organisation',
    'organizations',
    (language) => [
      language.column('organization_id', 'text', 38, 'The organisation’s id (names need not be unique)'),
      language.column('organization_name', 'text', 50, 'The organisation’s name'),
      language.column('organization_kind', 'text', 16, 'MINISTRY, PARLIAMENT, …'),
    ],
  );
}

export function recommendationBarriersExport(ctx: ExportContext): TabularExport {
  return linkExport(
    ctx,
    'recommendation-barriers',
    'a barrier it addresses',
    'barriers',
    (language) => [
      language.column('barrier_id', 'text', 38, 'The barrier’s id'),
      language.column('barrier_title', 'text', 50, 'The barrier’s title'),
      language.column('barrier_category', 'text', 16, 'The barrier’s category'),
    ],
  );
}

export function recommendationIndicatorsExport(ctx: ExportContext): TabularExport {
  return linkExport(
    ctx,
    'recommendation-indicators',
    'an indicator that measures it',
    'indicators',
    (language) => [
      language.column('indicator_id', 'text', 38, 'The indicator’s id'),
      language.column('action_plan', 'text', 14, 'The indicator’s action plan code'),
      language.column('indicator_code', 'text', 14, 'The indicator’s code within its plan'),
    ],
  );
}
