import type { SdgMappedIndicator } from '../../dimensions/dimensions.repository';
import { FileDimension, sdgObservationsQuery } from '../../dimensions/sdg-observations.export-query';
import type { Translations } from '../../i18n/translations';
import type { ExportContext } from '../exporters/export-context';
import { column, ExportColumn, wholeNumbers } from '../tabular/export-column';
import { TabularExport } from '../tabular/tabular-export';

/**
 * Open SDG (https://open-sdg.org), the platform the Kyrgyz Republic's national SDG reporting site
 * is built on, reads one CSV per indicator (`data/indicator_5-5-1.csv`) and one Markdown file of
 * metadata with YAML front matter (`meta/5-5-1.md`). Its id is the indicator's number with dashes.
 */

/** `5.5.1(b)` → `5-5-1`: the Open SDG id of an SDG indicator code (a series' letter is dropped: its series is the Series column). */
export function openSdgIdOf(sdgCode: string): string {
  return sdgCode.replace(/\(.*\)$/, '').replace(/\./g, '-');
}

/** An id as the path gives it: goal-target-indicator, e.g. 5-5-1, 16-7-1, 5-a-1. */
export const OPEN_SDG_ID = /^[0-9]{1,2}-[0-9a-z]{1,2}-[0-9]{1,2}$/;

/** The headers Open SDG's data format names for the SDG data structure's concepts; other dimensions by their English name. */
const OPEN_SDG_HEADERS: Record<string, string> = { SEX: 'Sex', AGE: 'Age', URBANISATION: 'Location', REF_AREA: 'Territory' };

export type NamedDimension = FileDimension & { name: Translations };

function headerOf(dimension: NamedDimension): string {
  return OPEN_SDG_HEADERS[dimension.sdmxConcept ?? ''] ?? dimension.name.en ?? dimension.code;
}

/**
 * The Open SDG data file of one SDG indicator: `Year`, one column per disaggregation (the members'
 * names in the file's language; empty in the rows of all members, so a total has every one of them
 * empty and is Open SDG's headline), `GeoCode` (a territory's code in the state classifier СОАТЕ,
 * where known) when a territory is a disaggregation, `Units`, `Series` (the UN SDG series code)
 * and `Value`. Rows from sdgObservationsQuery: approved annual values only.
 */
export function openSdgDataExport(openSdgId: string, itemIds: readonly string[], dimensions: readonly NamedDimension[], ctx: ExportContext): TabularExport {
  const territory = dimensions.findIndex((d) => d.sdmxConcept === 'REF_AREA');
  const columns: ExportColumn[] = [
    wholeNumbers(column('year', 'number', 7, 'The year the value is for (annual values only)', 'Year'), 'year'),
    ...dimensions.map((d, index) =>
      column(`d${index + 1}_name`, 'text', 24, `The member of dimension ${d.code} (empty: all of its members)`, headerOf(d)),
    ),
    ...(territory === -1 ? [] : [column(`d${territory + 1}_geo`, 'text', 14, 'The territory’s code in the state classifier of territorial units (СОАТЕ), where known', 'GeoCode')]),
    column('units', 'text', 12, 'The unit of the value', 'Units'),
    column('series_code', 'text', 16, 'The UN SDG Global Database series code of the SDG indicator, where known', 'Series'),
    column('value', 'number', 12, 'The value: a ratio’s Σ numerator / Σ denominator over the cells it covers (× 100 for a percentage), a number’s Σ', 'Value'),
  ];
  return {
    name: `indicator_${openSdgId}`,
    sheetName: `indicator_${openSdgId}`.slice(0, 31),
    description: `Open SDG data of SDG indicator ${openSdgId}: one row per approved annual value and combination of disaggregations (totals: empty disaggregations).`,
    primaryKey: ['year', ...dimensions.map((_, index) => `d${index + 1}_name`), 'series_code'],
    query: sdgObservationsQuery(itemIds, dimensions, ctx),
    columns,
  };
}

/** A YAML scalar: JSON's double-quoted strings are YAML's too. */
function yaml(value: string | number | boolean | null): string {
  return value === null ? 'null' : typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export interface OpenSdgMetadataInput {
  openSdgId: string;
  /** The SDG indicator's code without a series letter (5.5.1) and the reference list's titles of its items (5.5.1(a), 5.5.1(b)). */
  number: string;
  items: { code: string; title: string; seriesCode: string | null }[];
  indicators: readonly SdgMappedIndicator[];
  asOf: string;
  valuesKnownBy: string;
  lang: string;
  fingerprint: string;
  /** The tracker's own link to the data file, relative to the site. */
  dataPath: string;
}

/** The UN's metadata repository, filtered to the indicator's goal and target. */
export function unMetadataUrl(number: string): string {
  const [goal, target] = number.split('.');
  return `https://unstats.un.org/sdgs/metadata/?Text=&Goal=${goal}&Target=${goal}.${target}`;
}

/**
 * The Open SDG metadata file (`meta/5-5-1.md`): YAML front matter with Open SDG's fields (indicator
 * number and name, target and goal, the UN metadata link, the source organisation, reporting status)
 * and the tracker's own (the cut, the fingerprint of the data file), then, in Markdown, the tracker's
 * indicators mapped to it and each value's source and note.
 */
export function openSdgMetadata(input: OpenSdgMetadataInput): string {
  const [goal, target] = input.number.split('.');
  const name = input.items.map((i) => `${i.code} ${i.title}`).join('; ');
  const sources = [...new Set(input.indicators.flatMap((i) => i.values.map((v) => v.source).filter((s): s is string => !!s)))];
  const hasData = input.indicators.some((i) => i.values.length > 0);
  const lines = [
    '---',
    `indicator_number: ${yaml(input.number)}`,
    `indicator_name: ${yaml(name)}`,
    `target_number: ${yaml(`${goal}.${target}`)}`,
    `sdg_goal: ${yaml(goal)}`,
    `language: ${yaml(input.lang)}`,
    `reporting_status: ${yaml(hasData ? 'complete' : 'notstarted')}`,
    'data_non_statistical: false',
    'graph_type: line',
    `graph_title: ${yaml(name)}`,
    `computation_units: ${yaml([...new Set(input.indicators.map((i) => i.unit))].join('; '))}`,
    `national_indicator_available: ${yaml(input.indicators.map((i) => `${i.action_plan} ${i.indicator_code}: ${i.name}`).join('; '))}`,
    `goal_meta_link: ${yaml(unMetadataUrl(input.number))}`,
    'goal_meta_link_text: "United Nations SDG metadata repository"',
    'source_active_1: true',
    `source_organisation_1: ${yaml(sources.join('; ') || 'Roundtable recommendations tracker')}`,
    `source_url_1: ${yaml(input.dataPath)}`,
    `source_url_text_1: ${yaml(`indicator_${input.openSdgId}.csv`)}`,
    `tracker_series: ${yaml(input.items.map((i) => `${i.code}=${i.seriesCode ?? ''}`).join('; '))}`,
    `tracker_as_of: ${yaml(input.asOf)}`,
    `tracker_values_known_by: ${yaml(input.valuesKnownBy)}`,
    `tracker_fingerprint: ${yaml(`sha256:${input.fingerprint}`)}`,
    '---',
    '',
    `Approved annual values of the roundtable recommendations tracker's indicators mapped to SDG ${input.number}, as of ${input.asOf} (values approved by the end of ${input.valuesKnownBy}).`,
    '',
  ];
  for (const indicator of input.indicators) {
    lines.push(`## ${indicator.action_plan} ${indicator.indicator_code}: ${indicator.name}`, '');
    lines.push(`- SDG ${indicator.sdg_code}${indicator.series_code ? ` (series ${indicator.series_code})` : ''}: ${indicator.sdg_title}`);
    lines.push(`- Unit: ${indicator.unit}; ${indicator.value_kind === 'RATIO' ? 'a ratio: totals are Σ numerator / Σ denominator' : 'a number: totals are sums'}; total ${indicator.total_source === 'RECORDED' ? 'as recorded' : 'derived from the breakdown'}`);
    for (const v of indicator.values) {
      const parts = [v.source && `source: ${v.source}`, v.note && `note: ${v.note}`].filter(Boolean);
      lines.push(`- ${v.year}: ${parts.length ? parts.join('; ') : 'no source or note given'}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
