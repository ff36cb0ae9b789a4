import type { IndicatorDefinition } from '../../action-plan/action-plan.repository';
import { AT_RISK_PERCENT, ON_TRACK_PERCENT } from '../../action-plan/indicator-progress';
import { CsvOptions } from '../tabular/csv-options';
import { tableSchemaType } from '../tabular/export-column';
import { TabularExport } from '../tabular/tabular-export';
import { ExportInputs } from './fingerprint';

/** What a file says about itself: the README sheet of a workbook, the Table Schema of a CSV. */
export interface ExportMetadata {
  title: string;
  inputs: ExportInputs;
  /** The day the file was generated (in the time zone): not part of the fingerprint. */
  generatedOn: string;
  software: string;
  tables: readonly TabularExport[];
  /** The indicators the file's figures concern, when it has indicator data. */
  indicators: readonly IndicatorDefinition[];
  /** The README sheet's labels and the indicators' column headers, in the file's language. */
  labels: ReadmeLabels;
}

export interface ReadmeLabels {
  language: string;
  filters: string;
  timeZone: string;
  generated: string;
  software: string;
  fingerprint: string;
  sources: string;
  definitions: string;
  sheets: string;
  indicators: string;
  /** The headers of the indicators' table: action_plan, code, name, unit, direction, baseline_year, baseline_value, sources. */
  indicatorColumns: string[];
}

export const SOURCES =
  'The roundtable recommendations tracker’s database: recommendations and their status history as recorded by staff; ' +
  'indicator values as reported by the responsible organisations (each value’s own source is in the source column, and per indicator below).';

/** The rules behind the figures, in words: the same for every file. */
export function definitions(timeZone: string): [string, string][] {
  return [
    ['As of a day', 'Statuses, due dates, priorities and responsible organisations as they stood at the end of asOf, from their histories.'],
    ['Values known by a day', 'Indicator values count as approved by the end of valuesKnownBy (default: asOf plus the plan’s reporting lag, at most today), so a year’s report includes its fourth quarter reported in January. A correction is a new version: an earlier file keeps its figures when downloaded again with the same asOf and valuesKnownBy. valueStatus=SUBMITTED (staff only) counts versions not yet reviewed.'],
    ['Status as of a day', 'The last status change recorded by the end of asOf. Recommendations created after asOf are left out.'],
    ['Overdue', 'Due before asOf and, on asOf, neither IMPLEMENTED nor REJECTED.'],
    ['Implementation rate', 'IMPLEMENTED / (all − REJECTED) × 100.'],
    ['Actual of a year', 'The year’s annual value when one is recorded, else the value of its latest reported quarter; actual_period says which period it is.'],
    ['Percent of target', '(actual − baseline) / (period_target − baseline) × 100, for INCREASE and DECREASE indicators alike: 0 at the baseline, 100 at the target, above 100 beyond it, negative when moving away from it. An annual value is measured against the year’s target; a quarter’s against its milestone, else the year’s target pro-rated by the indicator’s measure (LEVEL and CUMULATIVE: linearly from the previous year’s target, else the baseline; FLOW: a quarter of the year’s target, from a quarter of the baseline). On a quarter’s target is ON_TRACK; ACHIEVED needs the year’s target.'],
    ['Progress status', `ACHIEVED when the target is reached (actual ≥ target for INCREASE, ≤ target for DECREASE); otherwise ON_TRACK from ${ON_TRACK_PERCENT} % of target, AT_RISK from ${AT_RISK_PERCENT} %, OFF_TRACK below; NO_DATA without an actual or a target. Without a baseline (or with a target equal to it) a target not reached is OFF_TRACK.`],
    ['Percentages', 'Rounded to one decimal for display (percent_of_target); percent_of_target_exact keeps full precision.'],
    ['Timestamps', `ISO 8601 local time in ${timeZone} with its UTC offset (2025-03-04T09:15:00+06:00); in XLSX, the local time as a date-time cell.`],
    ['Fingerprint', 'SHA-256 of the inputs (export, asOf, valuesKnownBy, valueStatus, time zone, language, parameters) and of every row, each table written as the default CSV. Two files with the same fingerprint hold the same data; the generation day is not part of it.'],
  ];
}

/** The parameters as `name=value` text, in a stable order. */
export function parametersText(inputs: ExportInputs): string {
  const entries = Object.entries(inputs.parameters).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length ? entries.map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join('; ') : '(none)';
}

/**
 * A Frictionless Tabular Data Resource describing one CSV download: its dialect,
 * every column's type and meaning (Table Schema), and, as extra properties, the
 * inputs, the definitions and the fingerprint.
 */
export function tableSchemaResource(meta: ExportMetadata, table: TabularExport, csv: CsvOptions, path: string, fingerprint: string): object {
  return {
    profile: 'tabular-data-resource',
    name: table.name,
    title: meta.title,
    description: table.description,
    path,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8-sig',
    dialect: { delimiter: csv.delimiter, lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
    schema: {
      fields: table.columns.map((c) => ({
        name: c.header,
        ...tableSchemaType(c.type),
        description: c.description,
        ...(c.type === 'number' || c.type === 'percent' ? { decimalChar: csv.decimal } : {}),
        ...(c.type === 'boolean' ? { trueValues: ['true'], falseValues: ['false'] } : {}),
      })),
      // Field names are the headers, which follow the language.
      primaryKey: table.primaryKey.map((key) => table.columns.find((c) => c.key === key)?.header ?? key),
      missingValues: [''],
    },
    sources: [{ title: SOURCES }],
    asOf: meta.inputs.asOf,
    valuesKnownBy: meta.inputs.valuesKnownBy,
    valueStatus: meta.inputs.valueStatus,
    timeZone: meta.inputs.timeZone,
    lang: meta.inputs.lang,
    parameters: meta.inputs.parameters,
    formulaEscape: csv.formulaEscape
      ? 'text cells starting with = + - @ tab or carriage return carry a leading apostrophe (remove it, or download with formulaEscape=false)'
      : 'off: text is as stored',
    definitions: Object.fromEntries(definitions(meta.inputs.timeZone)),
    indicators: meta.indicators,
    generated: meta.generatedOn,
    software: meta.software,
    fingerprint: { algorithm: 'sha256', value: fingerprint },
  };
}

/** The README sheet's rows: what the workbook is, its inputs and fingerprint, the definitions, every column, and the indicators. */
export function readmeRows(meta: ExportMetadata, fingerprint: string): (string | number | null)[][] {
  const { labels } = meta;
  const rows: (string | number | null)[][] = [
    [meta.title],
    [],
    ['asOf', meta.inputs.asOf],
    ['valuesKnownBy', meta.inputs.valuesKnownBy],
    ['valueStatus', meta.inputs.valueStatus],
    [labels.filters, parametersText(meta.inputs)],
    [labels.timeZone, meta.inputs.timeZone],
    [labels.language, meta.inputs.lang],
    [labels.generated, meta.generatedOn],
    [labels.software, meta.software],
    [labels.fingerprint, fingerprint],
    [labels.sources, SOURCES],
    [],
    [labels.definitions],
    ...definitions(meta.inputs.timeZone),
    [],
    [labels.sheets],
  ];
  for (const table of meta.tables) {
    rows.push([table.sheetName, table.description]);
    for (const c of table.columns) rows.push([`  ${c.header}`, `${c.description} (${tableSchemaType(c.type).type})`]);
  }
  if (meta.indicators.length) {
    rows.push([], [labels.indicators], labels.indicatorColumns);
    for (const i of meta.indicators) rows.push([i.action_plan, i.code, i.name, i.unit, i.direction, i.baseline_year, i.baseline_value, i.sources]);
  }
  return rows;
}
