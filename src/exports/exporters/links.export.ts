import { translatedSql } from '../../i18n/translations';
import { ExportLanguage } from '../export-language';
import { TabularExport } from '../tabular/tabular-export';
import { ExportContext } from './export-context';
import { SqlParams } from './sql-params';

/**
 * The recommendations' links one per row (tidy data: a script joins on
 * recommendation_code instead of splitting "; "-joined cells, which a name
 * containing ";" would make ambiguous). Links keep no history: these are
 * today's links of the recommendations that existed on `asOf`.
 */
function linkExport(
  ctx: ExportContext,
  name: string,
  what: string,
  select: (p: SqlParams, language: ExportLanguage) => string,
  from: string,
  key: string,
  columns: (language: ExportLanguage) => TabularExport['columns'],
): TabularExport {
  const p = new SqlParams();
  const asOfEnd = p.add(ctx.asOfEnd, 'timestamptz');
  const { language } = ctx;
  const sql = `SELECT r.code AS recommendation_code, ${select(p, language)} FROM recommendation r ${from} WHERE r.created_at < ${asOfEnd}`;
  return {
    name,
    sheetName: language.sheetName(name),
    description: `One row per link between a recommendation (that existed on asOf) and ${what}.`,
    primaryKey: ['recommendation_code', key],
    query: {
      sql,
      params: p.values,
      orderBy: [
        { column: 'recommendation_code', cast: 'varchar' },
        { column: key, cast: key.endsWith('_id') ? 'uuid' : 'varchar' },
      ],
    },
    columns: [language.column('recommendation_code', 'text', 20, 'The recommendation’s code'), ...columns(language)],
  };
}

export function recommendationOrganizationsExport(ctx: ExportContext): TabularExport {
  return linkExport(
    ctx,
    'recommendation-organizations',
    'a responsible organisation',
    (p, language) => `o.id AS organization_id, ${translatedSql('o.name', ctx.contentChain)} AS organization_name, ${language.enumSql('o.kind', 'orgKind', p)} AS organization_kind`,
    'JOIN recommendation_organization ro ON ro.recommendation_id = r.id JOIN organization o ON o.id = ro.organization_id',
    'organization_id',
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
    (p, language) => `b.id AS barrier_id, ${translatedSql('b.title', ctx.contentChain)} AS barrier_title, ${language.enumSql('b.category', 'barrier', p)} AS barrier_category`,
    'JOIN recommendation_barrier rb ON rb.recommendation_id = r.id JOIN barrier b ON b.id = rb.barrier_id',
    'barrier_id',
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
    () => 'i.id AS indicator_id, ap.code AS action_plan, i.code AS indicator_code',
    'JOIN recommendation_indicator ri ON ri.recommendation_id = r.id JOIN indicator i ON i.id = ri.indicator_id JOIN action_plan ap ON ap.id = i.action_plan_id',
    'indicator_id',
    (language) => [
      language.column('indicator_id', 'text', 38, 'The indicator’s id'),
      language.column('action_plan', 'text', 14, 'The indicator’s action plan code'),
      language.column('indicator_code', 'text', 14, 'The indicator’s code within its plan'),
    ],
  );
}
