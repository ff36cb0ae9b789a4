import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPlansService } from '../../action-plan/action-plans.service';
import { STAFF_READERS } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { Clock } from '../../common/clock';
import { OrganizationsService } from '../../organizations/organizations.service';
import { ReportingCompletenessService } from '../../reporting-completeness/reporting-completeness.service';
import { CompletenessPage } from './completeness.views';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffPages } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';

/** `/work/completeness`: every organisation's reporting completeness in a year (the year a GET form). */
@Controller('work/completeness')
@UseFilters(StaffErrorFilter)
export class CompletenessPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly completeness: ReportingCompletenessService,
    private readonly plans: ActionPlansService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles(...STAFF_READERS)
  async overview(@Req() req: StaffRequest, @Res() res: Response, @Query('year') year?: string): Promise<void> {
    const plans = await this.plans.list();
    const currentYear = Number(this.clock.today().slice(0, 4));
    const first = Math.min(currentYear, ...plans.map((p) => p.startYear));
    const last = Math.min(currentYear, Math.max(currentYear, ...plans.map((p) => p.endYear)));
    const years: number[] = [];
    for (let y = first; y <= last; y++) years.push(y);
    // An unknown year is dropped, not refused: the form offers the years there are.
    const chosen = years.includes(Number(year)) ? Number(year) : currentYear;
    const locale = this.pages.locale(req);
    const [result, organizations] = await Promise.all([this.completeness.forYear(chosen, null, null, locale), this.organizations.list()]);
    const names = new Map(organizations.map((o) => [o.id, o.name]));
    await this.pages.render(req, res, (ctx, stylesheetHref) =>
      CompletenessPage({ ctx, stylesheetHref, year: chosen, years, asOf: result.asOf, organizations: result.organizations, names }),
    );
  }
}
