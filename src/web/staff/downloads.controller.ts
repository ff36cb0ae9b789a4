import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPlansService } from '../../action-plan/action-plans.service';
import { STAFF_READERS } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { Clock } from '../../common/clock';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { DownloadFilters, DownloadsPage } from './downloads.views';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffPages } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';

/** The CSV/XLSX/PDF exports with their filters, as plain links (the filters are a GET form). */
@Controller('work/downloads')
@UseFilters(StaffErrorFilter)
export class DownloadsController {
  constructor(
    private readonly pages: StaffPages,
    private readonly plans: ActionPlansService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...STAFF_READERS)
  async downloads(
    @Req() req: StaffRequest,
    @Res() res: Response,
    @Query('year') year?: string,
    @Query('plan') plan?: string,
    @Query('status') status?: string | string[],
    @Query('overdue') overdue?: string,
  ): Promise<void> {
    const plans = await this.plans.list();
    const currentYear = Number(this.clock.today().slice(0, 4));
    const first = Math.min(currentYear, ...plans.map((p) => p.startYear));
    const last = Math.max(currentYear, ...plans.map((p) => p.endYear));
    const years: number[] = [];
    for (let y = first; y <= last; y++) years.push(y);
    // Unknown values are dropped, not refused: this page only builds links.
    const filters: DownloadFilters = {
      year: years.includes(Number(year)) ? Number(year) : currentYear,
      planId: plans.some((p) => p.id === plan) ? (plan as string) : null,
      statuses: [status ?? []].flat().filter((s): s is RecommendationStatus => (Object.values(RecommendationStatus) as string[]).includes(s)),
      overdue: overdue === 'true',
    };
    await this.pages.render(req, res, (ctx, stylesheetHref) => DownloadsPage({ ctx, stylesheetHref, plans, years, filters }));
  }
}
