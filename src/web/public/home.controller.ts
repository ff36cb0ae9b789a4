import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { Clock } from '../../common/clock';
import { ProgressSummaryService } from '../../reports/progress-summary.service';
import type { WebRequest } from '../layout/page-context';
import { PageResponder } from '../layout/page-responder.service';
import { WebErrorFilter } from '../layout/web-error.filter';
import { HomePage } from './home.page';
import { PublicSiteGuard } from './public-site.guard';
import { Public } from '../../auth/roles.decorator';

// Anonymous by design: these pages and files are for everyone (the AuthGuard lets @Public through).
@Public()
@Controller()
@UseGuards(PublicSiteGuard)
@UseFilters(WebErrorFilter)
export class HomeController {
  constructor(
    private readonly pages: PageResponder,
    private readonly summaries: ProgressSummaryService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async home(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.pages.publicPage(req, res, async (ctx, stylesheetHref) => {
      const year = Number(this.clock.today().slice(0, 4));
      const summary = await this.summaries.recommendationCounts(year);
      return HomePage({ ctx, stylesheetHref, data: { summary } });
    });
  }
}
