import { parseArgs } from 'node:util';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { IndicatorValuesExportQuery } from '../dto/action-plan-export.query';
import { WorkbookExportQuery } from '../dto/indicators-export.query';
import { valueStatusOf } from '../dto/values-parameter';
import { CsvOptions, DEFAULT_CSV_OPTIONS } from '../tabular/csv-options';
import { RecommendationsExportQuery } from '../dto/recommendations-export.query';
import { DEFAULT_EXPORT_LOCALE } from '../../i18n/locales';
import { EXPORT_NAMES, ExportName, ExportOptions } from '../exports.service';

export const EXPORT_USAGE = `usage: npm run export -- <${EXPORT_NAMES.join('|')}> --format csv|json|xlsx --out FILE [filters]
       npm run export -- <open-sdg/5-5-1|sdmx/DF_SDG_KG|sdmx/codelists/CL_SEX> --out FILE [--asOf --valuesKnownBy --lang]
  FILE "-" writes to standard output
  filters (as the HTTP query parameters):
    every export: --asOf YYYY-MM-DD (default today) --lang ky|ru|en (default en)
    recommendations, workbook: --status S (repeatable) --kind K (repeatable) --meetingId ID --barrierId ID
                               --responsibleOrganizationId ID --overdue true|false --search TEXT
    indicators, indicator-values, workbook: --actionPlanId ID --valuesKnownBy YYYY-MM-DD --values approved|submitted
    indicators, workbook, reporting-completeness: --year YYYY
    indicator-values, workbook: --from PERIOD --to PERIOD (2025 or 2025-Q3)
    indicator-values: --versions approved|all (all: every version with its review; the CLI reads as staff)
    indicator-values: --breakdown cells (one row per cell of each value's breakdown, the same cut)
  CSV: --delimiter ,|; --decimal .|, --formulaEscape true|false
  --stats prints {rows, seconds, rssBeforeMiB, maxRssMiB} as JSON on stderr when done`;

/** A statistics file (exports/statistics) as the command line names it, like its URL: open-sdg/5-5-1, sdmx/DF_SDG_KG, sdmx/codelists/CL_SEX. */
export interface StatisticsFileArgument {
  kind: 'open-sdg' | 'sdmx' | 'codelist';
  id: string;
}

export function statisticsFileOf(positional: string | undefined): StatisticsFileArgument | null {
  const match = /^(open-sdg|sdmx|sdmx\/codelists)\/([^/]+)$/.exec(positional ?? '');
  if (!match) return null;
  return { kind: match[1] === 'sdmx/codelists' ? 'codelist' : (match[1] as 'open-sdg' | 'sdmx'), id: match[2] };
}

export interface ExportArguments {
  name: ExportName;
  /** A statistics file instead of the export `name` (CSV only, approved values). */
  statistics: StatisticsFileArgument | null;
  format: 'csv' | 'json' | 'xlsx';
  out: string;
  options: ExportOptions;
  csv: CsvOptions;
  stats: boolean;
}

function validated<T extends object>(dto: new () => T, values: Record<string, unknown>): T {
  const instance = plainToInstance(dto, values);
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `--${e.property}: ${m}`));
    throw new DomainError(ErrorCode.BAD_USER_INPUT, messages.join('; '), { validation: messages });
  }
  return instance;
}

/** The command line, checked by the same DTOs as the HTTP query parameters. */
export function parseExportArguments(argv: string[]): ExportArguments {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      status: { type: 'string', multiple: true },
      kind: { type: 'string', multiple: true },
      meetingId: { type: 'string' },
      barrierId: { type: 'string' },
      responsibleOrganizationId: { type: 'string' },
      overdue: { type: 'string' },
      search: { type: 'string' },
      actionPlanId: { type: 'string' },
      year: { type: 'string' },
      asOf: { type: 'string' },
      valuesKnownBy: { type: 'string' },
      values: { type: 'string' },
      lang: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      versions: { type: 'string' },
      breakdown: { type: 'string' },
      delimiter: { type: 'string' },
      decimal: { type: 'string' },
      formulaEscape: { type: 'string' },
      stats: { type: 'boolean', default: false },
    },
  });
  const statistics = statisticsFileOf(positionals[0]);
  const name = (statistics ? 'indicator-values' : positionals[0]) as ExportName;
  if (positionals.length !== 1 || !EXPORT_NAMES.includes(name)) throw new Error(EXPORT_USAGE);
  const format = values.format ?? 'csv';
  if (statistics && format !== 'csv') throw new Error(`${positionals[0]} is written as CSV only`);
  if (format !== 'csv' && format !== 'json' && format !== 'xlsx') throw new Error(`--format must be csv, json or xlsx\n${EXPORT_USAGE}`);
  if (name === 'workbook' && format !== 'xlsx') throw new Error('the workbook is only written as --format xlsx');
  if (!values.out) throw new Error(`--out FILE is required\n${EXPORT_USAGE}`);
  const { status, kind, meetingId, barrierId, responsibleOrganizationId, overdue, search, actionPlanId, year, asOf, from, to } = values;
  const filter = validated(RecommendationsExportQuery, { status, kind, meetingId, barrierId, responsibleOrganizationId, overdue, search });
  const plan = validated(WorkbookExportQuery, { actionPlanId, year, asOf, valuesKnownBy: values.valuesKnownBy, values: values.values, lang: values.lang, from, to, delimiter: values.delimiter, decimal: values.decimal, formulaEscape: values.formulaEscape });
  const { versions, breakdown } = validated(IndicatorValuesExportQuery, { versions: values.versions, breakdown: values.breakdown });
  if (versions && name !== 'indicator-values') throw new Error('--versions applies to indicator-values only');
  if (breakdown && name !== 'indicator-values') throw new Error('--breakdown applies to indicator-values only');
  const csv: CsvOptions = {
    delimiter: plan.delimiter ?? DEFAULT_CSV_OPTIONS.delimiter,
    decimal: plan.decimal ?? DEFAULT_CSV_OPTIONS.decimal,
    formulaEscape: plan.formulaEscape ?? DEFAULT_CSV_OPTIONS.formulaEscape,
  };
  if (csv.decimal === ',' && csv.delimiter === ',') throw new Error('--decimal , needs --delimiter ;');
  const options: ExportOptions = {
    filter,
    actionPlanId: plan.actionPlanId,
    year: plan.year,
    asOf: plan.asOf,
    valuesKnownBy: plan.valuesKnownBy,
    valueStatus: valueStatusOf(plan.values),
    from: plan.from,
    to: plan.to,
    lang: plan.lang ?? DEFAULT_EXPORT_LOCALE,
    enumCodes: format === 'json',
    versions: versions ?? null,
    breakdown: breakdown ?? null,
  };
  return { name, statistics, format, out: values.out, options, csv, stats: values.stats };
}
