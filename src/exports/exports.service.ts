import { ContentLocaleService } from '../i18n/content-locales';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ActionPlanRepository } from '../action-plan/action-plan.repository';
import { Clock } from '../common/clock';
import { DomainError } from '../common/errors/domain-error';
import { parsePeriod, Period, periodEndQuarter, periodStartQuarter } from '../action-plan/reporting-period';
import { softwareVersion } from '../common/software-version';
import { AppConfig } from '../config/app-config.service';
import { I18nService } from '../i18n/i18n.service';
import { Locale } from '../i18n/locales';
import { RecommendationFilter } from '../recommendations/dto/recommendations.args';
import { exportContext } from './as-of';
import { IndicatorProgressReader } from '../action-plan/indicator-progress.reader';
import type { ValueStatus } from '../action-plan/value-status';
import { DEFAULT_EXPORT_LOCALE } from '../i18n/locales';
import { ExportLanguage, languageSuffix } from './export-language';
import { ExportContext } from './exporters/export-context';
import type { ValueSelection } from '../action-plan/indicator-values.repository';
import { indicatorValueCellsExport, indicatorValuesExport, indicatorValueVersionsExport } from './exporters/indicator-values.export';
import { indicatorsExport } from './exporters/indicators.export';
import { recommendationBarriersExport, recommendationIndicatorsExport, recommendationOrganizationsExport } from './exporters/links.export';
import { recommendationsExport } from './exporters/recommendations.export';
import { statusHistoryExport } from './exporters/status-history.export';
import type { IndicatorDefinition } from '../action-plan/action-plan.repository';
import { deadlineChangesExport } from './exporters/deadline-changes.export';
import { assessmentsExport } from './exporters/assessments.export';
import { reportingCompletenessExport } from './exporters/reporting-completeness.export';
import { ExportMetadata, readmeRows, tableSchemaResource } from './metadata/export-metadata';
import { ExportFingerprint, ExportInputs, fingerprintTables } from './metadata/fingerprint';
import { PgServerRowSource } from './row-source/pg-server.row-source';
import { RowSource } from './row-source/row-source';
import { CsvOptions, DEFAULT_CSV_OPTIONS } from './tabular/csv-options';
import { writeCsv } from './tabular/csv-writer';
import { writeNdjson } from './tabular/ndjson-writer';
import { TabularExport } from './tabular/tabular-export';
import { writeXlsx, xlsxStyle } from './tabular/xlsx-writer';

export const EXPORT_NAMES = [
  'recommendations',
  'status-history',
  'deadline-changes',
  'indicators',
  'indicator-values',
  'recommendation-organizations',
  'recommendation-barriers',
  'recommendation-indicators',
  'reporting-completeness',
  'assessments',
  'workbook',
] as const;
export type ExportName = (typeof EXPORT_NAMES)[number];

export type ExportExtension = 'csv' | 'xlsx' | 'json' | 'meta.json';

export interface ExportOptions {
  filter?: RecommendationFilter | null;
  actionPlanId?: string | null;
  year?: number | null;
  /** The day the figures are taken at (default: today). */
  asOf?: string | null;
  /** The day by whose end value versions count (default: asOf plus the plan's reporting lag, at most today). */
  valuesKnownBy?: string | null;
  /** Which versions count (SUBMITTED: staff only, checked by the caller with IndicatorProgressReader.requestFor). */
  valueStatus?: ValueStatus | null;
  /** Indicator values of the periods from … to ("2025" or "2025-Q3"). */
  from?: string | null;
  to?: string | null;
  /** The language of headers, labels and sheet names (default English). */
  lang?: Locale | null;
  /** NDJSON: enum values as codes whatever the language (scripts filter on codes). */
  enumCodes?: boolean;
  /** Indicator values: 'all' for every version (staff only; the caller checks), else the approved values. */
  versions?: 'approved' | 'all' | null;
  /** indicator-values: `cells` for the breakdowns' cells instead of the values. */
  breakdown?: 'cells' | null;
}

/** An export checked against the database and ready to be written in any format. */
export interface PreparedExport {
  /** The export, or a statistics file (exports/statistics: Open SDG, SDMX-CSV). */
  name: ExportName | 'open-sdg' | 'sdmx';
  tables: TabularExport[];
  context: ExportContext;
  inputs: ExportInputs;
  /** The indicators its figures concern (for the README sheet and the Table Schema). */
  indicators: IndicatorDefinition[];
}

/** The filter's criteria that were given, for the inputs (and so the fingerprint). */
function givenParameters(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  );
}

const FILTER_KEYS = ['status', 'kind', 'meetingId', 'barrierId', 'responsibleOrganizationId', 'overdue', 'divergent', 'frameworkItem', 'search'] as const;

/**
 * Prepares the exports (checking their parameters against the database before
 * anything is written) and streams them as CSV, NDJSON or XLSX, or describes a
 * CSV with its Table Schema. Used by the HTTP routes and by `npm run export`.
 */
@Injectable()
export class ExportsService {
  private readonly rows: RowSource;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly i18n: I18nService,
    private readonly contentLocales: ContentLocaleService,
    private readonly actionPlans: ActionPlanRepository,
    private readonly progress: IndicatorProgressReader,
  ) {
    this.rows = new PgServerRowSource(db);
  }

  /**
   * `recommendations-2026-11-28.csv`: the date is the export's asOf (today unless asked otherwise);
   * a Kyrgyz or Russian file says its language (`recommendations-2026-11-28.ru.csv`), an English one keeps its old name.
   * A single table named apart from its export (versions=all: `indicator-value-versions-…`) gives its name.
   */
  fileName(prepared: PreparedExport, extension: ExportExtension): string {
    const name = prepared.tables.length === 1 ? prepared.tables[0].name : prepared.name;
    return `${name}-${prepared.context.asOf}${languageSuffix(prepared.context.language.locale)}.${extension}`;
  }

  /** The tables of an export: one, or all of them for the workbook. Throws NOT_FOUND for an unknown plan, BAD_USER_INPUT for a bad asOf or period range. */
  async prepare(name: ExportName, options: ExportOptions = {}): Promise<PreparedExport> {
    const today = this.clock.today();
    const planId = options.actionPlanId ?? null;
    const request = { asOf: options.asOf, valuesKnownBy: options.valuesKnownBy, valueStatus: options.valueStatus };
    // Both cut-offs as every surface resolves them (IndicatorProgressReader); BAD_USER_INPUT for impossible dates.
    // indicators.csv?year=2025 is as of that year's end, like the PDF and progressSummary for 2025.
    const cut = await this.progress.cut(name === 'indicators' ? (options.year ?? null) : null, request, planId);
    const { asOf } = cut;
    const locale = options.lang ?? DEFAULT_EXPORT_LOCALE;
    const language = new ExportLanguage(this.i18n.translator(locale), options.enumCodes ? 'for scripts' : 'for people');
    // Titles, names and notes in the same language, falling back along the configured chain where one has no translation.
    const ctx = exportContext(today, this.config.get('APP_TIMEZONE'), cut, language, this.contentLocales.chain(locale));
    if (planId) await this.actionPlans.assertPlanExists(planId);
    const values = periodRange(planId, options.from ?? null, options.to ?? null);
    const usesIndicators = name === 'indicators' || name === 'workbook';
    if (usesIndicators && options.year) await this.progress.assertReportYear(options.year, planId);
    // The same default year as the PDF and the home page.
    const year = usesIndicators
      ? (options.year ?? (await this.progress.defaultYear(request, planId)))
      : name === 'reporting-completeness'
        ? (options.year ?? Number(asOf.slice(0, 4)))
        : null;
    const filter = options.filter ?? null;
    const filterParameters = filter ? givenParameters(Object.fromEntries(FILTER_KEYS.map((k) => [k, filter[k]]))) : {};
    const allVersions = name === 'indicator-values' && options.versions === 'all';
    const cells = name === 'indicator-values' && options.breakdown === 'cells';
    if (cells && allVersions) throw DomainError.badInput('breakdown', 'breakdown=cells and versions=all cannot be combined');
    const parameters = givenParameters({
      ...(name === 'recommendations' || name === 'workbook' ? filterParameters : {}),
      actionPlanId: planId,
      year,
      from: options.from,
      to: options.to,
      versions: allVersions ? 'all' : null,
      breakdown: cells ? 'cells' : null,
    });
    const tables = allVersions
      ? [indicatorValueVersionsExport(values, ctx)]
      : cells
        ? [indicatorValueCellsExport(values, ctx)]
        : await this.tables(name, filter, values, year, ctx);
    const indicators = tables.some((t) => t.name === 'indicators' || t.name.startsWith('indicator-value')) ? await this.actionPlans.indicatorDefinitions(planId, ctx) : [];
    const inputs = { export: name, asOf, valuesKnownBy: cut.valuesKnownBy, valueStatus: cut.valueStatus, timeZone: ctx.timeZone, lang: locale, parameters };
    return { name, tables, context: ctx, inputs, indicators };
  }

  /** Streams one table as CSV into `out` (left open); returns the number of rows. */
  writeCsv(prepared: PreparedExport, out: Writable, options: CsvOptions = DEFAULT_CSV_OPTIONS): Promise<number> {
    return writeCsv(this.rows, prepared.tables[0], out, options);
  }

  /** Streams one table as newline-delimited JSON into `out` (left open); returns the number of rows. */
  writeNdjson(prepared: PreparedExport, out: Writable): Promise<number> {
    return writeNdjson(this.rows, prepared.tables[0], out);
  }

  /** Streams the tables as one workbook, its README sheet first, into `out`, which the workbook ends; returns the number of rows. */
  writeXlsx(prepared: PreparedExport, out: Writable): Promise<number> {
    const meta = this.metadata(prepared);
    return writeXlsx(this.rows, prepared.tables, out, {
      // Midnight UTC of asOf: the same for the same inputs, and close to the day the figures describe.
      fixedDate: new Date(`${prepared.context.asOf}T00:00:00Z`),
      fingerprint: new ExportFingerprint(prepared.inputs),
      readme: (fingerprint) => readmeRows(meta, fingerprint),
      readmeSheetName: prepared.context.language.sheetName('readme'),
      style: xlsxStyle(prepared.context.language),
    });
  }

  /** The CSV's Frictionless Table Schema (a tabular data resource), its fingerprint computed by reading every row. */
  async describeCsv(prepared: PreparedExport, options: CsvOptions = DEFAULT_CSV_OPTIONS): Promise<object> {
    const fingerprint = await fingerprintTables(this.rows, prepared.tables, prepared.inputs);
    return tableSchemaResource(this.metadata(prepared), prepared.tables[0], options, this.fileName(prepared, 'csv'), fingerprint);
  }

  /** The fingerprint of the export's rows and inputs, as its Table Schema states it (reads every row). */
  fingerprint(prepared: PreparedExport): Promise<string> {
    return fingerprintTables(this.rows, prepared.tables, prepared.inputs);
  }

  private metadata(prepared: PreparedExport): ExportMetadata {
    const { language } = prepared.context;
    const title = prepared.name === 'workbook' ? language.t('export.readme.titleAll') : language.t('export.readme.title', { name: prepared.name });
    return {
      title,
      inputs: prepared.inputs,
      generatedOn: prepared.context.today,
      software: softwareVersion(),
      tables: prepared.tables,
      indicators: prepared.indicators.map((i) => ({ ...i, direction: language.label('staff.direction', i.direction) })),
      labels: {
        language: language.t('export.readme.language'),
        filters: language.t('export.readme.filters'),
        timeZone: language.t('export.readme.timeZone'),
        generated: language.t('export.readme.generated'),
        software: language.t('export.readme.software'),
        fingerprint: language.t('export.readme.fingerprint'),
        sources: language.t('export.readme.sources'),
        definitions: language.t('export.readme.definitions'),
        sheets: language.t('export.readme.sheets'),
        indicators: language.t('export.readme.indicators'),
        indicatorColumns: ['action_plan', 'code', 'name', 'unit', 'direction', 'baseline_year', 'baseline_value', 'sources'].map((key) => language.header({ message: key })),
      },
    };
  }

  private async tables(name: ExportName, filter: RecommendationFilter | null, values: ValueSelection, year: number | null, ctx: ExportContext): Promise<TabularExport[]> {
    const progressYear = year ?? Number(ctx.asOf.slice(0, 4));
    switch (name) {
      case 'recommendations':
        return [recommendationsExport(this.db, filter, ctx)];
      case 'status-history':
        return [statusHistoryExport(ctx)];
      case 'deadline-changes':
        return [deadlineChangesExport(ctx)];
      case 'indicators':
        return [indicatorsExport(await this.actionPlans.planYears(values.actionPlanId), values.actionPlanId, progressYear, ctx)];
      case 'indicator-values':
        return [indicatorValuesExport(values, ctx)];
      case 'recommendation-organizations':
        return [recommendationOrganizationsExport(ctx)];
      case 'recommendation-barriers':
        return [recommendationBarriersExport(ctx)];
      case 'recommendation-indicators':
        return [recommendationIndicatorsExport(ctx)];
      case 'reporting-completeness':
        return [reportingCompletenessExport(progressYear, ctx)];
      case 'assessments':
        return [assessmentsExport(ctx)];
      case 'workbook':
        return [
          recommendationsExport(this.db, filter, ctx),
          statusHistoryExport(ctx),
          indicatorsExport(await this.actionPlans.planYears(values.actionPlanId), values.actionPlanId, progressYear, ctx),
          indicatorValuesExport(values, ctx),
          recommendationOrganizationsExport(ctx),
          recommendationBarriersExport(ctx),
          recommendationIndicatorsExport(ctx),
          deadlineChangesExport(ctx),
          assessmentsExport(ctx),
        ];
    }
  }
}

/** from … to as periods (already checked to be periods by the DTOs), refused when from is after to. */
function periodRange(actionPlanId: string | null, fromText: string | null, toText: string | null): ValueSelection {
  const from: Period | null = fromText ? parsePeriod(fromText) : null;
  const to: Period | null = toText ? parsePeriod(toText) : null;
  if (from && to && periodStartQuarter(from) > periodEndQuarter(to)) throw DomainError.badInput('from', `is after to (${toText})`);
  return { actionPlanId, from, to };
}
