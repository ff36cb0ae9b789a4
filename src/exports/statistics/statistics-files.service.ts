import { Injectable } from '@nestjs/common';
import { IndicatorProgressReader } from '../../action-plan/indicator-progress.reader';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AppConfig } from '../../config/app-config.service';
import { DimensionsRepository } from '../../dimensions/dimensions.repository';
import { Framework, FrameworkItem, FrameworkItemKind } from '../../frameworks/framework-item.entity';
import { FrameworksRepository } from '../../frameworks/frameworks.repository';
import { ContentLocaleService } from '../../i18n/content-locales';
import { I18nService } from '../../i18n/i18n.service';
import { DEFAULT_EXPORT_LOCALE, Locale } from '../../i18n/locales';
import { translatedText } from '../../i18n/translations';
import { exportContext } from '../as-of';
import { ExportLanguage } from '../export-language';
import type { ExportContext } from '../exporters/export-context';
import { ExportsService, PreparedExport } from '../exports.service';
import { NamedDimension, OPEN_SDG_ID, openSdgDataExport, openSdgIdOf, openSdgMetadata } from './open-sdg.export';
import { SDMX_CODE_LISTS, SDMX_DATAFLOW, sdmxCodeListExport, sdmxDataExport } from './sdmx.export';

/** What a statistics file is computed against: the cut (asOf, valuesKnownBy) and the language. */
export interface StatisticsFileOptions {
  asOf?: string | null;
  valuesKnownBy?: string | null;
  lang?: Locale | null;
}

/** The order of the SDG data structure's concepts among a file's columns; others after them, by code. */
const CONCEPT_ORDER = ['SEX', 'AGE', 'URBANISATION', 'REF_AREA'];

/**
 * Files statisticians load (issue 24): Open SDG's data and metadata files per SDG indicator, and
 * the SDMX-CSV file of the tracker's SDG dataflow with its code lists. Approved values only (the
 * public's cut: no values=submitted), annual periods only. Each is prepared like every export
 * (checked before the first byte, the same asOf and valuesKnownBy, language and fingerprint) and
 * written by ExportsService.
 */
@Injectable()
export class StatisticsFilesService {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly i18n: I18nService,
    private readonly contentLocales: ContentLocaleService,
    private readonly progress: IndicatorProgressReader,
    private readonly frameworks: FrameworksRepository,
    private readonly dimensions: DimensionsRepository,
    private readonly exports: ExportsService,
  ) {}

  /** The Open SDG data file of an indicator (`5-5-1`); NOT_FOUND when no SDG indicator of the reference list has that number. */
  async openSdgData(openSdgId: string, options: StatisticsFileOptions): Promise<PreparedExport> {
    const items = await this.sdgItems(openSdgId);
    const ctx = await this.context(options);
    const dimensions = await this.fileDimensions(items);
    const table = openSdgDataExport(openSdgId, items.map((i) => i.id), dimensions, ctx);
    return this.prepared('open-sdg', table, ctx, { indicator: openSdgId });
  }

  /** The Open SDG metadata file (`meta/5-5-1.md`), with the fingerprint of the data file of the same cut. */
  async openSdgMetadata(openSdgId: string, options: StatisticsFileOptions): Promise<{ prepared: PreparedExport; text: string }> {
    const prepared = await this.openSdgData(openSdgId, options);
    const items = await this.sdgItems(openSdgId);
    const ctx = prepared.context;
    const fingerprint = await this.exports.fingerprint(prepared);
    const indicators = await this.dimensions.sdgIndicators(items.map((i) => i.id), ctx);
    const text = openSdgMetadata({
      openSdgId,
      number: items[0].code.replace(/\(.*\)$/, ''),
      items: items.map((i) => ({ code: i.code, title: translatedText(i.title, ctx.contentChain) ?? i.code, seriesCode: i.seriesCode })),
      indicators,
      asOf: ctx.asOf,
      valuesKnownBy: ctx.valuesKnownBy,
      lang: ctx.language.locale,
      fingerprint,
      dataPath: `/exports/open-sdg/${openSdgId}.csv?asOf=${ctx.asOf}&valuesKnownBy=${ctx.valuesKnownBy}&lang=${ctx.language.locale}`,
    });
    return { prepared, text };
  }

  /** The SDMX-CSV file of a dataflow (only DF_SDG_KG; NOT_FOUND for another). */
  async sdmxData(dataflow: string, options: StatisticsFileOptions): Promise<PreparedExport> {
    if (dataflow !== SDMX_DATAFLOW) throw new DomainError(ErrorCode.NOT_FOUND, `dataflow ${dataflow} does not exist (the tracker has ${SDMX_DATAFLOW})`, { field: 'dataflow', id: dataflow });
    const items = (await this.frameworks.list(Framework.SDG, null)).filter((i) => i.kind === FrameworkItemKind.INDICATOR);
    const ctx = await this.context(options);
    const table = sdmxDataExport(items.map((i) => i.id), await this.fileDimensions(items), ctx);
    return this.prepared('sdmx', table, ctx, { dataflow });
  }

  /** A code list of the dataflow (CL_SEX, …); NOT_FOUND for another id. */
  async sdmxCodeList(codeListId: string, options: StatisticsFileOptions): Promise<PreparedExport> {
    if (!Object.hasOwn(SDMX_CODE_LISTS, codeListId)) {
      throw new DomainError(ErrorCode.NOT_FOUND, `code list ${codeListId} does not exist (${Object.keys(SDMX_CODE_LISTS).join(', ')})`, { field: 'codeList', id: codeListId });
    }
    const ctx = await this.context(options);
    return this.prepared('sdmx', sdmxCodeListExport(codeListId, ctx, ctx.language.locale), ctx, { codeList: codeListId });
  }

  /** The SDG indicators of the reference list with this Open SDG id (5.5.1(a) and 5.5.1(b) for 5-5-1). */
  private async sdgItems(openSdgId: string): Promise<FrameworkItem[]> {
    const items = OPEN_SDG_ID.test(openSdgId)
      ? (await this.frameworks.list(Framework.SDG, null)).filter((i) => i.kind === FrameworkItemKind.INDICATOR && openSdgIdOf(i.code) === openSdgId)
      : [];
    if (items.length === 0) {
      throw new DomainError(ErrorCode.NOT_FOUND, `SDG indicator ${openSdgId} is not in the reference list (give its number with dashes, e.g. 5-5-1)`, {
        field: 'sdgIndicator',
        id: openSdgId,
      });
    }
    return items;
  }

  private async fileDimensions(items: readonly FrameworkItem[]): Promise<NamedDimension[]> {
    const rank = (d: NamedDimension) => {
      const at = CONCEPT_ORDER.indexOf(d.sdmxConcept ?? '');
      return at === -1 ? CONCEPT_ORDER.length : at;
    };
    const found = await this.dimensions.fileDimensions(items.map((i) => i.id));
    return found.sort((a, b) => rank(a) - rank(b) || (a.code < b.code ? -1 : 1));
  }

  /** The cut as every export resolves it (BAD_USER_INPUT for impossible dates), approved values only. */
  private async context(options: StatisticsFileOptions): Promise<ExportContext> {
    const cut = await this.progress.cut(null, { asOf: options.asOf, valuesKnownBy: options.valuesKnownBy, valueStatus: null }, null);
    const locale = options.lang ?? DEFAULT_EXPORT_LOCALE;
    const language = new ExportLanguage(this.i18n.translator(locale), 'for people');
    return exportContext(this.clock.today(), this.config.get('APP_TIMEZONE'), cut, language, this.contentLocales.chain(locale));
  }

  private prepared(name: 'open-sdg' | 'sdmx', table: PreparedExport['tables'][number], ctx: ExportContext, parameters: Record<string, unknown>): PreparedExport {
    const inputs = {
      export: name,
      asOf: ctx.asOf,
      valuesKnownBy: ctx.valuesKnownBy,
      valueStatus: ctx.valueStatus,
      timeZone: ctx.timeZone,
      lang: ctx.language.locale,
      parameters,
    };
    return { name, tables: [table], context: ctx, inputs, indicators: [] };
  }
}
