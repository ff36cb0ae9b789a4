import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateScalarType } from '../common/scalars/date.scalar';
import { IndicatorProgress } from '../action-plan/indicator-progress';
import { RecommendationStatus } from '../recommendations/recommendation.enums';

@ObjectType()
export class StatusCount {
  @Field(() => RecommendationStatus)
  status: RecommendationStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType({
  description:
    'Where the programme stood at the end of `asOf` (default: the end of `year`, or today for the current year): each ' +
    'recommendation counted in the status it had then, and each indicator measured against `year`’s target with the values recorded by then.',
})
export class ProgressSummary {
  @Field(() => Int)
  year: number;

  @Field(() => DateScalarType, { description: 'the day the figures are taken at: statuses at its end, values recorded by then' })
  asOf: string;

  @Field(() => Int)
  recommendationsTotal: number;

  @Field(() => [StatusCount], { description: 'every status, zero counts included' })
  byStatus: StatusCount[];

  @Field(() => Int)
  overdue: number;

  @Field(() => Float, { description: 'IMPLEMENTED / (total - REJECTED) * 100; 0 when nothing counts' })
  implementationRate: number;

  /** Resolved by ReportsResolver.indicators unless already computed (see ProgressSummaryService.summarize). */
  indicators?: IndicatorProgress[];

  /** The plan the summary is restricted to (not a GraphQL field: it is what `indicators` needs). */
  actionPlanId: string | null;
}
