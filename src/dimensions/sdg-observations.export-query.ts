import { countedVersionSql } from '../action-plan/action-plan.repository';
import { SqlParams } from '../database/sql/params';
import type { ExportQuery, OrderKey } from '../database/sql/query';
import type { ReadScope } from '../database/sql/read-scope';
import { translatedSql } from '../i18n/translations';

/** A dimension that is a column of a statistics file (declared by at least one indicator in it). */
export interface FileDimension {
  id: string;
  code: string;
  /** The SDMX concept (SEX, AGE, URBANISATION, REF_AREA) or null for a dimension an ADMIN added without one. */
  sdmxConcept: string | null;
}

/** The SDMX code of the whole (all members of a dimension): `_T`, and the country for REF_AREA. */
export const SDMX_TOTAL = '_T';
export const SDMX_COUNTRY = 'KG';

/**
 * A member's code in the file's SDMX code list, as SQL over a dimension_member alias: the code
 * stored for it (sdmx_code) where there is one; for a territory without one, KG_ and its official
 * classifier code (СОАТЕ), else KG_ and the tracker's code. Null for no member (the caller writes the total).
 */
export function sdmxMemberCodeSql(m: string, concept: string | null): string {
  if (concept === 'REF_AREA') return `coalesce(${m}.sdmx_code, '${SDMX_COUNTRY}_' || coalesce(${m}.official_code, ${m}.code))`;
  return `coalesce(${m}.sdmx_code, ${m}.code)`;
}

/**
 * The SQL behind the Open SDG and SDMX-CSV files (issue 24): one row per observation of the
 * indicators mapped to the given SDG framework items, for each year whose annual value counts at
 * the cut (the version approved by the end of valuesKnownBy; quarters are left out: both formats
 * here are annual). Per value, the rows are every combination of its cells' members and of
 * "all members" of each dimension (GROUP BY CUBE): the cells themselves, the subtotals (women of
 * all districts, a district of both sexes) and the total. A ratio's subtotal is Σ numerator /
 * Σ denominator (× 100 for a percentage), never a mean of shares; a number's is the Σ of its cells.
 * The total is the recorded value where the indicator records its total (total_source RECORDED)
 * or has no cells, else Σ/Σ (or Σ) of every cell. A dimension an indicator does not declare
 * stays "all" in its rows.
 *
 * Columns: action_plan, indicator_code, sdg_code, series_code, units (the unit in the read's
 * language), unit_code, year, value, numerator, denominator, cells (how many cells a row adds up;
 * 0 for a value without a breakdown), and per dimension k (in `dimensions`' order): d<k>_name (the
 * member's name; null for all), d<k>_code (its SDMX code; null for all), d<k>_geo (its official
 * classifier code), d<k>_ord and d<k>_key (the sort keys: -1 and '' for all).
 */
export function sdgObservationsQuery(itemIds: readonly string[], dimensions: readonly FileDimension[], ctx: ReadScope): ExportQuery {
  const p = new SqlParams();
  const items = p.add(itemIds, 'uuid[]');
  const knownBy = p.add(ctx.valuesKnownByEnd, 'timestamptz');
  const units = ctx.language.unitSql(p);
  const tr = (column: string) => translatedSql(column, ctx.contentChain);
  const n = dimensions.length;
  const k = dimensions.map((_, index) => index + 1);
  const obs = `
    obs AS (
      SELECT ap.code AS action_plan, i.code AS indicator_code, fi.code AS sdg_code, fi.series_code, ${units} AS units,
             i.unit_code, i.value_kind, i.total_source, v.year, w.id AS version_id, w.value AS recorded_value
        FROM framework_item fi
        JOIN indicator_framework_item l ON l.framework_item_id = fi.id
        JOIN indicator i ON i.id = l.indicator_id
        JOIN action_plan ap ON ap.id = i.action_plan_id
        JOIN indicator_value v ON v.indicator_id = i.id AND v.quarter IS NULL
        JOIN LATERAL (SELECT kv.id, kv.value FROM indicator_value_version kv
                       WHERE kv.indicator_value_id = v.id AND ${countedVersionSql('kv', knownBy, ctx.valueStatus)}
                       ORDER BY kv.number DESC LIMIT 1) w ON true
       WHERE fi.id = ANY(${items}))`;
  const factor = `(CASE WHEN o.unit_code = 'PERCENT' THEN 100 ELSE 1 END)`;
  const computed = `CASE WHEN o.value_kind = 'RATIO' THEN ${factor} * s.sn / NULLIF(s.sd, 0) ELSE s.sv END`;
  const memberColumns = dimensions.flatMap((d, index) => {
    const m = `m${index + 1}`;
    return [
      `${tr(`${m}.name`)} AS d${index + 1}_name`,
      `${sdmxMemberCodeSql(m, d.sdmxConcept)} AS d${index + 1}_code`,
      `${m}.official_code AS d${index + 1}_geo`,
      `coalesce(${m}.ordering, -1) AS d${index + 1}_ord`,
      `coalesce(${m}.code, '') AS d${index + 1}_key`,
    ];
  });
  const base = `o.action_plan, o.indicator_code, o.sdg_code, o.series_code, o.units, o.unit_code, o.year`;
  let sql: string;
  if (n === 0) {
    sql = `WITH ${obs}
      SELECT ${base}, o.recorded_value AS value, NULL::float8 AS numerator, NULL::float8 AS denominator, 0 AS cells FROM obs o`;
  } else {
    const ms = k.map((i) => `m${i}`).join(', ');
    const memberOf = k
      .map((i) => `(SELECT m.id FROM dimension_member m WHERE m.id = ANY(c.member_ids) AND m.dimension_id = ${p.add(dimensions[i - 1].id, 'uuid')}) AS m${i}`)
      .join(',\n             ');
    const allGrouped = (1 << n) - 1;
    // A row grouped by a dimension its indicator does not declare (every cell's member null) repeats its "all" row: left out.
    const declaredOnly = k.map((i) => `((s.g & ${1 << (n - i)}) <> 0 OR s.m${i} IS NOT NULL)`).join(' AND ');
    const isTotal = `(s.version_id IS NULL OR s.g = ${allGrouped})`;
    sql = `WITH ${obs},
      cells AS (
        SELECT c.version_id, c.value, c.numerator, c.denominator,
               ${memberOf}
          FROM indicator_value_cell c WHERE c.version_id IN (SELECT version_id FROM obs)),
      sums AS (
        SELECT version_id, ${ms}, GROUPING(${ms}) AS g, sum(value) AS sv, sum(numerator) AS sn, sum(denominator) AS sd, count(*) AS n
          FROM cells GROUP BY version_id, CUBE(${ms}))
      SELECT ${base},
             CASE WHEN s.version_id IS NULL OR (${isTotal} AND o.total_source = 'RECORDED') THEN o.recorded_value ELSE ${computed} END AS value,
             CASE WHEN o.value_kind = 'RATIO' AND NOT (s.version_id IS NULL OR (${isTotal} AND o.total_source = 'RECORDED')) THEN s.sn END AS numerator,
             CASE WHEN o.value_kind = 'RATIO' AND NOT (s.version_id IS NULL OR (${isTotal} AND o.total_source = 'RECORDED')) THEN s.sd END AS denominator,
             coalesce(s.n, 0) AS cells,
             ${memberColumns.join(',\n             ')}
        FROM obs o
        LEFT JOIN sums s ON s.version_id = o.version_id
        ${k.map((i) => `LEFT JOIN dimension_member m${i} ON m${i}.id = s.m${i}`).join('\n        ')}
       WHERE s.version_id IS NULL OR (${declaredOnly})`;
  }
  const orderBy: OrderKey[] = [
    { column: 'sdg_code', cast: 'varchar' },
    { column: 'action_plan', cast: 'varchar' },
    { column: 'indicator_code', cast: 'varchar' },
    { column: 'year', cast: 'int' },
    ...k.flatMap((i): OrderKey[] => [
      { column: `d${i}_ord`, cast: 'int' },
      { column: `d${i}_key`, cast: 'varchar' },
    ]),
  ];
  return { sql, params: p.values, orderBy };
}

/**
 * The dimensions the indicators mapped to the given SDG framework items are broken down by
 * (SQL and parameters): id, code, sdmx_concept, and the dimension's name in the read's locales.
 */
export function fileDimensionsSql(itemIds: readonly string[]): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT DISTINCT d.id, d.code, d.sdmx_concept, d.name
            FROM indicator_framework_item l
            JOIN indicator_dimension x ON x.indicator_id = l.indicator_id
            JOIN dimension d ON d.id = x.dimension_id
           WHERE l.framework_item_id = ANY($1::uuid[])`,
    params: [itemIds],
  };
}

/**
 * The members of the dimensions of an SDMX concept (SEX, AGE, URBANISATION, REF_AREA), as an SDMX code
 * list: id (the member's code in the file, as sdgObservationsQuery writes it) and name in the read's
 * language, after the code of "all" (`_T`, or KG for REF_AREA) named `totalName`.
 */
export function conceptCodeListQuery(concept: string, totalName: string, ctx: ReadScope): ExportQuery {
  const p = new SqlParams();
  const conceptParam = p.add(concept, 'varchar');
  const total = p.add(concept === 'REF_AREA' ? SDMX_COUNTRY : SDMX_TOTAL, 'varchar');
  const sql = `
    SELECT ${total} AS id, ${p.add(totalName, 'text')} AS name, 0 AS position, '' AS dimension
    UNION ALL
    SELECT ${sdmxMemberCodeSql('m', concept)}, ${translatedSql('m.name', ctx.contentChain)}, 1 + m.ordering, d.code
      FROM dimension_member m JOIN dimension d ON d.id = m.dimension_id
     WHERE coalesce(d.sdmx_concept, d.code) = ${conceptParam}`;
  return { sql, params: p.values, orderBy: [{ column: 'position', cast: 'int' }, { column: 'dimension', cast: 'varchar' }, { column: 'id', cast: 'varchar' }] };
}

/** The SDG series codes of the reference list (SDMX code list CL_SERIES): id (the series code) and the indicator's title. */
export function seriesCodeListQuery(ctx: ReadScope, fallbackPrefix: string): ExportQuery {
  const p = new SqlParams();
  const sql = `
    SELECT coalesce(fi.series_code, ${p.add(fallbackPrefix, 'text')} || translate(fi.code, '.()', '___')) AS id,
           fi.code || ' ' || ${translatedSql('fi.title', ctx.contentChain)} AS name
      FROM framework_item fi WHERE fi.framework = 'SDG' AND fi.kind = 'INDICATOR'`;
  return { sql, params: p.values, orderBy: [{ column: 'id', cast: 'varchar' }] };
}

/** A fixed code list (frequency, units, reporting type) as rows: id and name. */
export function fixedCodeListQuery(codes: readonly { id: string; name: string }[]): ExportQuery {
  const p = new SqlParams();
  const sql = `SELECT t.id, t.name, t.position FROM unnest(${p.add(codes.map((c) => c.id), 'text[]')}, ${p.add(
    codes.map((c) => c.name),
    'text[]',
  )}) WITH ORDINALITY AS t(id, name, position)`;
  return { sql, params: p.values, orderBy: [{ column: 'position', cast: 'int' }] };
}

/**
 * The indicators mapped to the given SDG framework items, for a file's metadata: plan code, code, name,
 * unit and the SDG code and series, and the source and note of each annual value that counts at the
 * cut (`values`: year, source, note; in the read's language), by SDG code, plan and indicator.
 */
export function sdgIndicatorsSql(itemIds: readonly string[], ctx: ReadScope): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const items = p.add(itemIds, 'uuid[]');
  const knownBy = p.add(ctx.valuesKnownByEnd, 'timestamptz');
  const units = ctx.language.unitSql(p);
  const tr = (column: string) => translatedSql(column, ctx.contentChain);
  const sql = `
    SELECT fi.code AS sdg_code, fi.series_code, ${tr('fi.title')} AS sdg_title, ap.code AS action_plan, i.code AS indicator_code,
           ${tr('i.name')} AS name, ${units} AS unit, i.value_kind::text AS value_kind, i.total_source::text AS total_source,
           coalesce((SELECT json_agg(json_build_object('year', v.year, 'source', ${tr('w.source')}, 'note', ${tr('w.note')}) ORDER BY v.year)
                       FROM indicator_value v
                       JOIN LATERAL (SELECT kv.source, kv.note FROM indicator_value_version kv
                                      WHERE kv.indicator_value_id = v.id AND ${countedVersionSql('kv', knownBy, ctx.valueStatus)}
                                      ORDER BY kv.number DESC LIMIT 1) w ON true
                      WHERE v.indicator_id = i.id AND v.quarter IS NULL), '[]'::json) AS values
      FROM framework_item fi
      JOIN indicator_framework_item l ON l.framework_item_id = fi.id
      JOIN indicator i ON i.id = l.indicator_id
      JOIN action_plan ap ON ap.id = i.action_plan_id
     WHERE fi.id = ANY(${items})
     ORDER BY fi.code, ap.code, i.code`;
  return { sql, params: p.values };
}
