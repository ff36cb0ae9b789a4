import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { READERS } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config.service';
import { assertKnownParameters } from '../dto/known-parameters';
import { ProgressReportQuery } from '../dto/progress-report.query';
import { streamDownload } from '../download';
import { renderProgressReport } from './progress-report.pdf';
import { ProgressReportService } from './progress-report.service';

@Controller('reports')
export class ProgressReportController {
  constructor(
    private readonly reports: ProgressReportService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The printable progress report of a year (and optionally one plan), as a PDF. */
  @Get('progress.pdf')
  @Roles(...READERS)
  async progress(@Query() query: ProgressReportQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    assertKnownParameters(ProgressReportQuery, req.query);
    const today = this.clock.today();
    const year = query.year ?? Number((query.asOf ?? today).slice(0, 4));
    // Gathered first: an unknown plan or a bad asOf is still a JSON error, not a broken download.
    const scope = {
      actionPlanId: query.actionPlanId ?? null,
      organizationId: query.organizationId ?? null,
      region: query.region ?? null,
      meetingId: query.meetingId ?? null,
    };
    const data = await this.reports.gather(year, scope, query.asOf ?? null);
    const compress = this.config.get('NODE_ENV') !== 'test';
    await streamDownload(res, 'pdf', `progress-report-${year}-${data.asOf}.pdf`, (out) => renderProgressReport(data, out, { compress }));
  }
}
