import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../../auth/roles.decorator';
import { AppConfig } from '../../config/app-config.service';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { assertKnownParameters } from '../dto/known-parameters';
import { streamDownload } from '../download';
import { requestedLocale } from '../export-language';
import { ExportsService, PreparedExport } from '../exports.service';
import { languageSuffix } from '../export-language';
import { STATISTICS_CSV } from './statistics-csv';
import { StatisticsFileQuery } from './statistics-files.query';
import { StatisticsFileOptions, StatisticsFilesService } from './statistics-files.service';


/** `5-5-1.csv` → ['5-5-1', 'csv']; `DF_SDG_KG.meta.json` → ['DF_SDG_KG', 'meta.json']. */
function split(file: string, extensions: readonly string[], what: string): [string, string] {
  const extension = extensions.find((e) => file.endsWith(`.${e}`));
  if (!extension) throw new DomainError(ErrorCode.NOT_FOUND, `${what} ${file} does not exist (${extensions.map((e) => `.${e}`).join(', ')})`, { field: what, id: file });
  return [file.slice(0, -extension.length - 1), extension];
}

/**
 * Files statisticians load (issue 24), public like the pages (approved values only; none with PUBLIC_SITE=false):
 * GET /exports/open-sdg/5-5-1.csv (Open SDG data), .md (its metadata), .meta.json (the CSV's Table Schema);
 * GET /exports/sdmx/DF_SDG_KG.csv (SDMX-CSV 2.0), .meta.json; GET /exports/sdmx/codelists/CL_SEX.csv.
 * Thin: parameters in, StatisticsFilesService prepares, ExportsService writes.
 */
@Public()
@Controller('exports')
export class StatisticsFilesController {
  constructor(
    private readonly files: StatisticsFilesService,
    private readonly exports: ExportsService,
    private readonly config: AppConfig,
  ) {}

  @Get('open-sdg/:file')
  async openSdg(@Param('file') file: string, @Query() query: StatisticsFileQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(StatisticsFileQuery, req.query);
    const [id, extension] = split(file, ['csv', 'md', 'meta.json'], 'sdgIndicator');
    const options = this.options(query, req);
    if (extension === 'md') {
      const { prepared, text } = await this.files.openSdgMetadata(id, options);
      const name = `${id}-${prepared.context.asOf}${languageSuffix(prepared.context.language.locale)}.md`;
      return streamDownload(res, 'md', name, prepared.context.language.locale, async (out) => {
        out.end(text);
      });
    }
    return this.send(res, await this.files.openSdgData(id, options), extension);
  }

  @Get('sdmx/codelists/:file')
  async sdmxCodeList(@Param('file') file: string, @Query() query: StatisticsFileQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(StatisticsFileQuery, req.query);
    const [id, extension] = split(file, ['csv'], 'codeList');
    return this.send(res, await this.files.sdmxCodeList(id, this.options(query, req)), extension);
  }

  @Get('sdmx/:file')
  async sdmx(@Param('file') file: string, @Query() query: StatisticsFileQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(StatisticsFileQuery, req.query);
    const [id, extension] = split(file, ['csv', 'meta.json'], 'dataflow');
    return this.send(res, await this.files.sdmxData(id, this.options(query, req)), extension);
  }

  /** Public like the pages: with PUBLIC_SITE=false they do not exist either (NOT_FOUND). */
  private options(query: StatisticsFileQuery, req: Request): StatisticsFileOptions {
    if (!this.config.get('PUBLIC_SITE')) throw new DomainError(ErrorCode.NOT_FOUND, 'the public site is switched off (PUBLIC_SITE=false): its statistics files with it', { field: 'PUBLIC_SITE' });
    return { asOf: query.asOf, valuesKnownBy: query.valuesKnownBy, lang: requestedLocale(query.lang, req.headers['accept-language']) };
  }

  private async send(res: Response, prepared: PreparedExport, extension: string): Promise<void> {
    const lang = prepared.context.language.locale;
    if (extension === 'meta.json') {
      const description = await this.exports.describeCsv(prepared, STATISTICS_CSV);
      return streamDownload(res, 'json', this.exports.fileName(prepared, 'meta.json'), lang, async (out) => {
        out.end(`${JSON.stringify(description, null, 2)}\n`);
      });
    }
    await streamDownload(res, 'csv', this.exports.fileName(prepared, 'csv'), lang, (out) => this.exports.writeCsv(prepared, out, STATISTICS_CSV));
  }
}
