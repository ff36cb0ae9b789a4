import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { ActionPlanRepository } from '../../action-plan/action-plan.repository';
import { IndicatorsService } from '../../action-plan/indicators.service';
import type { Indicator } from '../../action-plan/indicator.entity';
import { ValueReviewService } from '../../action-plan/value-review.service';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { STAFF_READERS, Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { Clock } from '../../common/clock';
import { LoaderRegistry } from '../../common/loaders/loader-registry';
import { OrganizationsService } from '../../organizations/organizations.service';
import { isOverdue } from '../../recommendations/recommendation-lifecycle';
import { OrderDirection, RecommendationOrderField, RecommendationStatus } from '../../recommendations/recommendation.enums';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import { StaffErrorFilter } from './staff-error.filter';
import type { OwnValues } from './own-values.views';
import { StaffPages } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { WorkPage } from './work.views';
import { CalendarService } from '../../reminders/calendar.service';
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
/** How far ahead /work lists deadlines (days). */
export const WORK_DAYS_AHEAD = 30;

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
    private readonly review: ValueReviewService,
    private readonly plans: ActionPlanRepository,
    private readonly completeness: ReportingCompletenessService,
    private readonly calendar: CalendarService,
  ) {}

  @Get()
  @Roles(...STAFF_READERS)
  async work(@Req() req: StaffRequest, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    const organizationId = actor.role === Role.MINISTRY ? actor.organizationId : null;
    const today = this.clock.today();
    const period = previousQuarter(today);
    const [page, awaiting, organizations, own, owed, deadlines, toReview] = await Promise.all([
      this.recommendations.list({
        first: MAX_ITEMS,
        filter: { status: OPEN, responsibleOrganizationId: organizationId },
        orderBy: { field: RecommendationOrderField.DUE_DATE, direction: OrderDirection.ASC },
      }),
      this.indicators.awaitingValue(organizationId, period.year, period.quarter),
      this.organizations.list(),
      this.ownValues(actor),
      this.completeness.openValues(organizationId),
      // The calendar feed's deadlines (one source), scoped as the feed is: a MINISTRY user's organisation's.
      this.calendar.worklist(organizationId, WORK_DAYS_AHEAD, MAX_ITEMS),
      this.review.reviewQueue(actor, MAX_ITEMS),
    ]);
    const lists = { daysAhead: WORK_DAYS_AHEAD, today, ...deadlines, toReview, returned: own?.returned ?? [] };
    // Due date ascending already puts the overdue (due before today) first; undated ones come last.
    const items = page.edges.map(({ node }) => ({ recommendation: node, overdue: isOverdue(node.dueDate, node.status, today) }));
    const organizationName = organizations.find((o) => o.id === organizationId)?.name ?? null;
    await this.pages.render(req, res, (ctx, stylesheetHref) => WorkPage({ ctx, stylesheetHref, organizationName, items, awaiting, period, own, owed, dueSoonDays: DUE_SOON_DAYS, lists }));
  }

  /** For those who submit values: theirs returned to them and theirs waiting for review. */
  private async ownValues(actor: Actor): Promise<OwnValues | null> {
    if (actor.role !== Role.ADMIN && actor.role !== Role.EDITOR && actor.role !== Role.MINISTRY) return null;
    const [returned, waiting] = await Promise.all([this.review.returnedTo(actor, MAX_ITEMS), this.review.waitingFrom(actor, MAX_ITEMS)]);
    const loaders = new LoaderRegistry();
    const ids = [...new Set([...returned, ...waiting].map((r) => r.indicatorId))];
    const found = await Promise.all(ids.map((id) => this.plans.indicatorById(loaders).load(id)));
    return { returned, waiting, indicators: new Map(found.filter((i): i is Indicator => i !== null).map((i) => [i.id, i])) };
  }
}

/** The last quarter that has ended by `today` (YYYY-MM-DD). */
export function previousQuarter(today: string): { year: number; quarter: number } {
  const year = Number(today.slice(0, 4));
  const quarter = Math.ceil(Number(today.slice(5, 7)) / 3);
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}
