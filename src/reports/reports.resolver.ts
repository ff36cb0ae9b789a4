import { Args, ArgsType, Field, ID, Int, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { READERS } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { PlanYear } from '../action-plan/reporting-period';
import { IsCalendarDate } from '../common/validation/decorators';
import { DateScalarType } from '../common/scalars/date.scalar';
import { IndicatorProgress } from '../action-plan/indicator-progress';
import { ProgressSummaryService } from './progress-summary.service';
import { ProgressSummary } from './progress-summary.type';

@ArgsType()
class ProgressSummaryArgs {
  @Field(() => Int)
  @PlanYear()
  year: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  actionPlanId?: string | null;

  @Field(() => DateScalarType, { nullable: true, description: 'the day to take the figures at (not after today); default: the end of year, or today for the current year' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string | null;
}

@Resolver(() => ProgressSummary)
export class ReportsResolver {
  constructor(private readonly summaries: ProgressSummaryService) {}

  @Query(() => ProgressSummary)
  @Roles(...READERS)
  progressSummary(@Args() args: ProgressSummaryArgs): Promise<ProgressSummary> {
    return this.summaries.recommendationCounts(args.year, args.actionPlanId, args.asOf);
  }

  /** Computed only when asked for: it is one row per indicator, while the counts are a few rows whatever the data size. */
  @ResolveField(() => [IndicatorProgress])
  indicators(summary: ProgressSummary): Promise<IndicatorProgress[]> {
    return summary.indicators ? Promise.resolve(summary.indicators) : this.summaries.indicatorProgress(summary.year, summary.actionPlanId, summary.asOf);
  }
}
