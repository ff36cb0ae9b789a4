import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { READERS } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { ActionPlanExportQuery } from './dto/action-plan-export.query';
import { IndicatorsExportQuery } from './dto/indicators-export.query';
import { assertKnownParameters } from './dto/known-parameters';
import { RecommendationsExportQuery } from './dto/recommendations-export.query';
import { streamDownload } from './download';
import { ExportName, ExportOptions, ExportsService } from './exports.service';

/** No parameters at all. */
class NoParameters {}

/**
 * Downloads for analysts: GET /exports/<name>.csv and .xlsx, and every table in
 * one workbook. Streamed from PostgreSQL as they are written.
 */
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get(['recommendations.csv', 'recommendations.xlsx'])
  @Roles(...READERS)
  recommendations(@Query() filter: RecommendationsExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(RecommendationsExportQuery, req.query);
    return this.send(req, res, 'recommendations', { filter });
  }

  @Get(['status-history.csv', 'status-history.xlsx'])
  @Roles(...READERS)
  statusHistory(@Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(NoParameters, req.query);
    return this.send(req, res, 'status-history', {});
  }

  @Get(['indicators.csv', 'indicators.xlsx'])
  @Roles(...READERS)
  indicators(@Query() query: IndicatorsExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(IndicatorsExportQuery, req.query);
    return this.send(req, res, 'indicators', query);
  }

  @Get(['indicator-values.csv', 'indicator-values.xlsx'])
  @Roles(...READERS)
  indicatorValues(@Query() query: ActionPlanExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(ActionPlanExportQuery, req.query);
    return this.send(req, res, 'indicator-values', query);
  }

  /** Every export as a sheet; actionPlanId limits the indicator sheets, year is the progress year. */
  @Get('workbook.xlsx')
  @Roles(...READERS)
  workbook(@Query() query: IndicatorsExportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(IndicatorsExportQuery, req.query);
    return this.send(req, res, 'workbook', query);
  }

  private async send(req: Request, res: Response, name: ExportName, options: ExportOptions): Promise<void> {
    const format = req.path.endsWith('.xlsx') ? 'xlsx' : 'csv';
    const tables = await this.exports.prepare(name, options);
    await streamDownload(res, format, this.exports.fileName(name, format), (out) =>
      format === 'xlsx' ? this.exports.writeXlsx(tables, out) : this.exports.writeCsv(tables[0], out),
    );
  }
}
