import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { IndicatorsService } from '../../action-plan/indicators.service';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { READERS, Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { Clock } from '../../common/clock';
import { OrganizationsService } from '../../organizations/organizations.service';
import { isOverdue } from '../../recommendations/recommendation-lifecycle';
import { OrderDirection, RecommendationOrderField, RecommendationStatus } from '../../recommendations/recommendation.enums';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffPages } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { WorkPage } from './work.views';
import { DUE_SOON_DAYS, ReportingCompletenessService } from '../../reporting-completeness/reporting-completeness.service';

const OPEN: RecommendationStatus[] = [
  RecommendationStatus.PROPOSED,
  RecommendationStatus.UNDER_REVIEW,
  RecommendationStatus.ACCEPTED,
  RecommendationStatus.IN_PROGRESS,
  RecommendationStatus.STALLED,
];
/** Enough for one organisation's open work; the list pages and exports hold the rest. */
const MAX_ITEMS = 100;

/**
 * "My work": the open recommendations of my organisation (overdue first, then by due date), the
 * indicators awaiting a value, and the values owed: overdue, or due within DUE_SOON_DAYS.
 */
@Controller('work')
@UseFilters(StaffErrorFilter)
export class WorkController {
  constructor(
    private readonly pages: StaffPages,
    private readonly recommendations: RecommendationsService,
    private readonly indicators: IndicatorsService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly completeness: ReportingCompletenessService,
  ) {}

  @Get()
  @Roles(...READERS)
  async work(@Req() req: StaffRequest, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    const organizationId = actor.role === Role.MINISTRY ? actor.organizationId : null;
    const today = this.clock.today();
    const period = previousQuarter(today);
    const [page, awaiting, organizations, owed] = await Promise.all([
      this.recommendations.list({
        first: MAX_ITEMS,
        filter: { status: OPEN, responsibleOrganizationId: organizationId },
        orderBy: { field: RecommendationOrderField.DUE_DATE, direction: OrderDirection.ASC },
      }),
      this.indicators.awaitingValue(organizationId, period.year, period.quarter),
      this.organizations.list(),
      this.completeness.openValues(organizationId),
    ]);
    // Due date ascending already puts the overdue (due before today) first; undated ones come last.
    const items = page.edges.map(({ node }) => ({ recommendation: node, overdue: isOverdue(node.dueDate, node.status, today) }));
    const organizationName = organizations.find((o) => o.id === organizationId)?.name ?? null;
    await this.pages.render(req, res, (ctx, stylesheetHref) => WorkPage({ ctx, stylesheetHref, organizationName, items, awaiting, period, owed, dueSoonDays: DUE_SOON_DAYS }));
  }
}

/** The last quarter that has ended by `today` (YYYY-MM-DD). */
export function previousQuarter(today: string): { year: number; quarter: number } {
  const year = Number(today.slice(0, 4));
  const quarter = Math.ceil(Number(today.slice(5, 7)) / 3);
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}
