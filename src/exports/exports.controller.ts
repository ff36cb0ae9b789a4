import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SEES_UNREVIEWED } from '../action-plan/value-status';
import { READERS } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { DomainError } from '../common/errors/domain-error';
import { IndicatorProgressReader } from '../action-plan/indicator-progress.reader';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorCode } from '../common/errors/error-codes';
import { ActionPlanExportQuery, IndicatorValuesExportQuery } from './dto/action-plan-export.query';
import { valueStatusOf } from './dto/values-parameter';
import { CommonExportParameters, CommonExportQuery, CSV_ONLY_PARAMETERS } from './dto/export-common.query';
import { IndicatorsExportQuery, WorkbookExportQuery } from './dto/indicators-export.query';
import { assertKnownParameters } from './dto/known-parameters';
import { RecommendationsExportQuery } from './dto/recommendations-export.query';
import { ReportingCompletenessExportQuery } from './dto/reporting-completeness-export.query';
import { streamDownload } from './download';
import { requestedLocale } from './export-language';
import { ExportExtension, ExportName, ExportOptions, ExportsService } from './exports.service';
import { CsvOptions, DEFAULT_CSV_OPTIONS } from './tabular/csv-options';

/** Every format of one table: the CSV, its Table Schema, newline-delimited JSON, and XLSX. */
const formats = (name: string) => [`${name}.csv`, `${name}.meta.json`, `${name}.json`, `${name}.xlsx`];

function extensionOf(path: string): ExportExtension {
  if (path.endsWith('.meta.json')) return 'meta.json';
  if (path.endsWith('.json')) return 'json';
  return path.endsWith('.xlsx') ? 'xlsx' : 'csv';
}

/** The CSV options asked for; refused where they mean nothing (XLSX, JSON) or contradict each other. */
function csvOptions(query: CommonExportParameters, extension: ExportExtension): CsvOptions {
  if (extension === 'xlsx' || extension === 'json') {
    const given = CSV_ONLY_PARAMETERS.find((name) => query[name] !== undefined);
    if (given) throw DomainError.badInput(given, 'applies to CSV downloads only');
  }
  const options: CsvOptions = {
    delimiter: query.delimiter ?? DEFAULT_CSV_OPTIONS.delimiter,
    decimal: query.decimal ?? DEFAULT_CSV_OPTIONS.decimal,
    formulaEscape: query.formulaEscape ?? DEFAULT_CSV_OPTIONS.formulaEscape,
  };
  if (options.decimal === ',' && options.delimiter === ',') throw DomainError.badInput('decimal', 'can be "," only with delimiter=;');
  return options;
}

/**
 * Downloads for analysts: GET /exports/<name>.csv, .json (NDJSON), .xlsx and
 * .meta.json (the CSV's Table Schema), and every table in one workbook.
 * Streamed from PostgreSQL as they are written.
 */
@Controller('exports')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly progress: IndicatorProgressReader,
  ) {}

  @Get(formats('recommendations'))
  @Roles(...READERS)
  recommendations(@Query() query: RecommendationsExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(RecommendationsExportQuery, req.query);
    return this.send(req, res, 'recommendations', query, { filter: query, asOf: query.asOf });
  }

  @Get(formats('status-history'))
  @Roles(...READERS)
  statusHistory(@Query() query: CommonExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(CommonExportQuery, req.query);
    return this.send(req, res, 'status-history', query, { asOf: query.asOf });
  }

  /** Every change of a due date recorded by asOf: who moved it, when, from and to. */
  @Get(formats('deadline-changes'))
  @Roles(...READERS)
  deadlineChanges(@Query() query: CommonExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(CommonExportQuery, req.query);
    return this.send(req, res, 'deadline-changes', query, { asOf: query.asOf });
  }

  @Get(formats('indicators'))
  @Roles(...READERS)
  indicators(@Query() query: IndicatorsExportQuery, @Req() req: Request, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    assertKnownParameters(IndicatorsExportQuery, req.query);
    return this.send(req, res, 'indicators', query, this.withValueCut(query, actor));
  }

  @Get(formats('indicator-values'))
  @Roles(...READERS)
  indicatorValues(@Query() query: IndicatorValuesExportQuery, @Req() req: Request, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    assertKnownParameters(IndicatorValuesExportQuery, req.query);
    if (query.versions === 'all' && !SEES_UNREVIEWED.includes(actor.role)) {
      // Versions not approved (and who returned them, and why) are for staff only.
      throw new DomainError(ErrorCode.FORBIDDEN, 'versions=all is for staff (ADMIN, EDITOR, MINISTRY, ANALYST)', { field: 'versions', role: actor.role });
    }
    return this.send(req, res, 'indicator-values', query, this.withValueCut(query, actor));
  }

  @Get(formats('recommendation-organizations'))
  @Roles(...READERS)
  recommendationOrganizations(@Query() query: CommonExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(CommonExportQuery, req.query);
    return this.send(req, res, 'recommendation-organizations', query, { asOf: query.asOf });
  }

  @Get(formats('recommendation-barriers'))
  @Roles(...READERS)
  recommendationBarriers(@Query() query: CommonExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(CommonExportQuery, req.query);
    return this.send(req, res, 'recommendation-barriers', query, { asOf: query.asOf });
  }

  @Get(formats('recommendation-indicators'))
  @Roles(...READERS)
  recommendationIndicators(@Query() query: CommonExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(CommonExportQuery, req.query);
    return this.send(req, res, 'recommendation-indicators', query, { asOf: query.asOf });
  }

  /** Civil-society organisations' assessments published by the end of asOf: one row per published version. */
  @Get(formats('assessments'))
  @Roles(...READERS)
  assessments(@Query() query: CommonExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(CommonExportQuery, req.query);
    return this.send(req, res, 'assessments', query, { asOf: query.asOf });
  }

  /** Per organisation and period of `year` ended by asOf: the indicator values expected, reported, approved, on time and late. */
  @Get(formats('reporting-completeness'))
  @Roles(...READERS)
  reportingCompleteness(@Query() query: ReportingCompletenessExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(ReportingCompletenessExportQuery, req.query);
    return this.send(req, res, 'reporting-completeness', query, { asOf: query.asOf, year: query.year });
  }

  /** Every export as a sheet, after a README sheet; actionPlanId and from/to limit the indicator sheets, year is the progress year. */
  @Get('workbook.xlsx')
  @Roles(...READERS)
  workbook(@Query() query: WorkbookExportQuery, @Req() req: Request, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    assertKnownParameters(WorkbookExportQuery, req.query);
    return this.send(req, res, 'workbook', query, this.withValueCut(query, actor));
  }

  /** The export's options with valuesKnownBy and values=submitted (staff only: FORBIDDEN for VIEWER and the public). */
  private withValueCut<Q extends ActionPlanExportQuery>(query: Q, actor: Actor): ExportOptions & Q {
    const { valueStatus } = this.progress.requestFor(actor, { valueStatus: valueStatusOf(query.values) });
    return { ...query, valueStatus };
  }

  private async send(req: Request, res: Response, name: ExportName, query: CommonExportParameters, options: ExportOptions): Promise<void> {
    const extension = extensionOf(req.path);
    const csv = csvOptions(query, extension);
    const lang = requestedLocale(query.lang, req.headers['accept-language']);
    const prepared = await this.exports.prepare(name, { ...options, lang, enumCodes: extension === 'json' });
    if (extension === 'meta.json') {
      // Computed in full before answering (it reads every row for the fingerprint): a failure is still a JSON error.
      const description = await this.exports.describeCsv(prepared, csv);
      return streamDownload(res, 'json', this.exports.fileName(prepared, extension), lang, async (out) => {
        out.end(`${JSON.stringify(description, null, 2)}\n`);
      });
    }
    const format = extension === 'json' ? 'ndjson' : extension;
    await streamDownload(res, format, this.exports.fileName(prepared, extension), lang, (out) => {
      switch (extension) {
        case 'xlsx':
          return this.exports.writeXlsx(prepared, out);
        case 'json':
          return this.exports.writeNdjson(prepared, out);
        case 'csv':
          return this.exports.writeCsv(prepared, out, csv);
      }
    });
  }
}
