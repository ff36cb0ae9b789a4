import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { READERS } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { IndicatorProgressReader } from '../../action-plan/indicator-progress.reader';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { valueStatusOf } from '../dto/values-parameter';
import { AppConfig } from '../../config/app-config.service';
import { I18nService } from '../../i18n/i18n.service';
import { requestedLocale, languageSuffix } from '../export-language';
import { ReportLanguage } from '../../reports/printed/report-language';
import { assertKnownParameters } from '../dto/known-parameters';
import { ProgressReportQuery } from '../dto/progress-report.query';
import { streamDownload } from '../download';
import { renderProgressReport } from '../../reports/printed/progress-report.pdf';
import { ProgressReportService } from '../../reports/printed/progress-report.service';

@Controller('reports')
export class ProgressReportController {
  constructor(
    private readonly reports: ProgressReportService,
    private readonly progressReader: IndicatorProgressReader,
    private readonly config: AppConfig,
    private readonly i18n: I18nService,
  ) {}

  /** The printable progress report of a year (and optionally one plan), as a PDF, in `lang` (else Accept-Language's, else English). */
  @Get('progress.pdf')
  @Roles(...READERS)
  async progress(@Query() query: ProgressReportQuery, @Req() req: Request, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    assertKnownParameters(ProgressReportQuery, req.query);
    const request = this.progressReader.requestFor(actor, { asOf: query.asOf, valuesKnownBy: query.valuesKnownBy, valueStatus: valueStatusOf(query.values) });
    const year = query.year ?? (await this.progressReader.defaultYear(request, query.actionPlanId ?? null));
    // Gathered first: an unknown plan or a bad asOf is still a JSON error, not a broken download.
    const scope = {
      actionPlanId: query.actionPlanId ?? null,
      organizationId: query.organizationId ?? null,
      region: query.region ?? null,
      meetingId: query.meetingId ?? null,
    };
    const lang = requestedLocale(query.lang, req.headers['accept-language']);
    const data = await this.reports.gather(year, scope, request, lang);
    const compress = this.config.get('NODE_ENV') !== 'test';
    const language = new ReportLanguage(this.i18n.translator(lang));
    const fileName = `progress-report-${year}-${data.asOf}${languageSuffix(lang)}.pdf`;
    await streamDownload(res, 'pdf', fileName, lang, (out) => renderProgressReport(data, out, { compress, language }));
  }
}
