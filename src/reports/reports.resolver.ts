import { Args, ArgsType, Field, ID, Int, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { READERS } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { PlanYear } from '../action-plan/reporting-period';
import { ProgressCutArgs } from '../action-plan/dto/progress-cut.args';
import { IndicatorProgressReader } from '../action-plan/indicator-progress.reader';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IndicatorProgress } from '../action-plan/indicator-progress';
import { ProgressSummaryService } from './progress-summary.service';
import { ProgressSummary } from './progress-summary.type';

@ArgsType()
class ProgressSummaryArgs extends ProgressCutArgs {
  @Field(() => Int, { description: 'The plan year for the indicator figures' })
  @PlanYear()
  year: number;

  @Field(() => ID, { nullable: true, description: "Only this action plan's recommendations and indicators; all when absent" })
  @IsOptional()
  @IsUUID()
  actionPlanId?: string | null;

}

@Resolver(() => ProgressSummary)
export class ReportsResolver {
  constructor(
    private readonly summaries: ProgressSummaryService,
    private readonly progress: IndicatorProgressReader,
  ) {}

  @Query(() => ProgressSummary, { description: 'The figures of the progress report: statuses, overdue count, implementation rate, indicator progress' })
  @Roles(...READERS)
  progressSummary(@Args() args: ProgressSummaryArgs, @CurrentActor() actor: Actor): Promise<ProgressSummary> {
    return this.summaries.recommendationCounts(args.year, args.actionPlanId, this.progress.requestFor(actor, args));
  }

  /** Computed only when asked for: it is one row per indicator, while the counts are a few rows whatever the data size. */
  @ResolveField(() => [IndicatorProgress], { description: 'Progress of every indicator in the year' })
  indicators(summary: ProgressSummary): Promise<IndicatorProgress[]> {
    return summary.indicators ? Promise.resolve(summary.indicators) : this.summaries.indicatorProgress(summary);
  }
}
