import {
  conceptCodeListQuery,
  FileDimension,
  fixedCodeListQuery,
  SDMX_COUNTRY,
  SDMX_TOTAL,
  sdgObservationsQuery,
  seriesCodeListQuery,
} from '../../dimensions/sdg-observations.export-query';
import { SqlParams } from '../../database/sql/params';
import type { Locale } from '../../i18n/locales';
import type { ExportContext } from '../exporters/export-context';
import { column, ExportColumn, wholeNumbers } from '../tabular/export-column';
import { TabularExport } from '../tabular/tabular-export';

/**
 * SDMX-CSV (version 2.0 of the format) of the tracker's SDG data: one dataflow, DF_SDG_KG, of agency
 * KG_RRT (the roundtable recommendations tracker), version 1.0, whose dimensions are those of the
 * UN SDG data structure definition the tracker can fill (FREQ, REPORTING_TYPE, SERIES, REF_AREA,
 * SEX, AGE, URBANISATION, TIME_PERIOD), with OBS_VALUE and the attribute UNIT_MEASURE.
 */
export const SDMX_AGENCY = 'KG_RRT';
export const SDMX_DATAFLOW = 'DF_SDG_KG';
export const SDMX_DATAFLOW_VERSION = '1.0';
export const SDMX_STRUCTURE_ID = `${SDMX_AGENCY}:${SDMX_DATAFLOW}(${SDMX_DATAFLOW_VERSION})`;
/** A series code for an SDG indicator with none known: KG_ and its code (5.5.1(b) → KG_5_5_1_b_). */
export const SDMX_SERIES_FALLBACK = 'KG_';

/** The SDG DSD's dimensions the file always has (`_T`, or KG for REF_AREA, where an indicator is not broken down by one). */
const SDG_CONCEPTS = ['REF_AREA', 'SEX', 'AGE', 'URBANISATION'] as const;

type Names = Record<Locale, string>;
const TOTAL: Names = { ky: 'Бардыгы', ru: 'Всего', en: 'Total' };
const COUNTRY: Names = { ky: 'Кыргыз Республикасы', ru: 'Кыргызская Республика', en: 'Kyrgyz Republic' };
const FIXED_CODE_LISTS: Record<string, { id: string; name: Names }[]> = {
  CL_FREQ: [{ id: 'A', name: { ky: 'Жылдык', ru: 'Ежегодно', en: 'Annual' } }],
  CL_REPORTING_TYPE: [{ id: 'N', name: { ky: 'Улуттук', ru: 'Национальные данные', en: 'National' } }],
  CL_UNIT_MEASURE: [
    { id: 'PT', name: { ky: 'Пайыз', ru: 'Процент', en: 'Percent' } },
    { id: 'NUMBER', name: { ky: 'Саны', ru: 'Число', en: 'Number' } },
  ],
};

/** The code lists the file's codes come from, by id: CL_AREA (REF_AREA), CL_SEX, CL_AGE, CL_URBANISATION, CL_SERIES, CL_FREQ, CL_REPORTING_TYPE, CL_UNIT_MEASURE. */
export const SDMX_CODE_LISTS: Record<string, string> = {
  CL_AREA: 'REF_AREA',
  CL_SEX: 'SEX',
  CL_AGE: 'AGE',
  CL_URBANISATION: 'URBANISATION',
  CL_SERIES: 'SERIES',
  CL_FREQ: 'FREQ',
  CL_REPORTING_TYPE: 'REPORTING_TYPE',
  CL_UNIT_MEASURE: 'UNIT_MEASURE',
};

/** A dimension's column in the file: its SDMX concept, or its own code for one an ADMIN added without one. */
function conceptOf(dimension: FileDimension): string {
  return dimension.sdmxConcept ?? dimension.code.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

/**
 * The SDMX-CSV file of the dataflow: STRUCTURE (dataflow), STRUCTURE_ID, ACTION (I: information,
 * a complete copy), the dimensions, OBS_VALUE and UNIT_MEASURE (PT for a percentage, NUMBER
 * otherwise). One row per observation of sdgObservationsQuery (approved annual values of every
 * indicator mapped to an SDG indicator; subtotals and totals with `_T`, the country as KG).
 */
export function sdmxDataExport(itemIds: readonly string[], dimensions: readonly FileDimension[], ctx: ExportContext): TabularExport {
  const inner = sdgObservationsQuery(itemIds, dimensions, ctx);
  const p = new SqlParams(inner.params);
  const codeOf = (concept: string): string => {
    const index = dimensions.findIndex((d) => conceptOf(d) === concept);
    const whole = concept === 'REF_AREA' ? SDMX_COUNTRY : SDMX_TOTAL;
    return index === -1 ? `'${whole}'` : `coalesce(o.d${index + 1}_code, '${whole}')`;
  };
  const concepts = [...SDG_CONCEPTS, ...dimensions.map(conceptOf).filter((c) => !(SDG_CONCEPTS as readonly string[]).includes(c))];
  const sql = `
    SELECT o.*, 'dataflow' AS structure, ${p.add(SDMX_STRUCTURE_ID, 'text')} AS structure_id, 'I' AS action, 'A' AS freq, 'N' AS reporting_type,
           coalesce(o.series_code, ${p.add(SDMX_SERIES_FALLBACK, 'text')} || translate(o.sdg_code, '.()', '___')) AS series,
           ${concepts.map((c) => `${codeOf(c)} AS "c_${c}"`).join(', ')},
           o.year::text AS time_period,
           CASE WHEN o.unit_code = 'PERCENT' THEN 'PT' ELSE 'NUMBER' END AS unit_measure
      FROM (${inner.sql}) o`;
  const columns: ExportColumn[] = [
    column('structure', 'text', 10, 'The kind of structure the row refers to: dataflow', 'STRUCTURE'),
    column('structure_id', 'text', 24, `The dataflow: ${SDMX_STRUCTURE_ID}`, 'STRUCTURE_ID'),
    column('action', 'text', 6, 'I: information (the file is a complete copy of the dataflow as of asOf)', 'ACTION'),
    column('freq', 'text', 5, 'Frequency: A (annual)', 'FREQ'),
    column('reporting_type', 'text', 5, 'Reporting type: N (national data)', 'REPORTING_TYPE'),
    column('series', 'text', 16, `The UN SDG series code (CL_SERIES); ${SDMX_SERIES_FALLBACK}<indicator> where none is known`, 'SERIES'),
    ...concepts.map((c) => column(`c_${c}`, 'text', 14, `The ${c} code (${c === 'REF_AREA' ? 'CL_AREA: KG for the country' : `CL_${c}: _T for all`})`, c)),
    wholeNumbers(column('time_period', 'text', 7, 'The year', 'TIME_PERIOD'), 'year'),
    column('value', 'number', 12, 'The value: a ratio’s Σ numerator / Σ denominator (× 100 for a percentage), a number’s Σ', 'OBS_VALUE'),
    column('unit_measure', 'text', 8, 'The unit (CL_UNIT_MEASURE): PT (percent) or NUMBER', 'UNIT_MEASURE'),
  ];
  return {
    name: SDMX_DATAFLOW,
    sheetName: SDMX_DATAFLOW,
    description: 'SDMX-CSV 2.0: one row per observation (approved annual value and combination of dimension members, totals as _T) of the indicators mapped to SDG indicators.',
    primaryKey: ['series', ...concepts.map((c) => `c_${c}`), 'time_period'],
    query: { sql, params: p.values, orderBy: inner.orderBy },
    columns,
  };
}

/** A code list's file: `id` and `name` (in the file's language), from the dimensions' members or fixed lists. */
export function sdmxCodeListExport(codeListId: string, ctx: ExportContext, locale: Locale): TabularExport {
  const concept = SDMX_CODE_LISTS[codeListId];
  const fixed = FIXED_CODE_LISTS[codeListId];
  const query = fixed
    ? fixedCodeListQuery(fixed.map((c) => ({ id: c.id, name: c.name[locale] })))
    : concept === 'SERIES'
      ? seriesCodeListQuery(ctx, SDMX_SERIES_FALLBACK)
      : conceptCodeListQuery(concept, (concept === 'REF_AREA' ? COUNTRY : TOTAL)[locale], ctx);
  return {
    name: codeListId,
    sheetName: codeListId,
    description: `SDMX code list ${codeListId}: the codes of ${concept} in ${SDMX_DATAFLOW}, with their names.`,
    primaryKey: ['id'],
    query,
    columns: [column('id', 'text', 16, 'The code', 'id'), column('name', 'text', 40, 'Its name in the file’s language', 'name')],
  };
}
