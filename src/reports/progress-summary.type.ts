import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DateScalarType } from '../common/scalars/date.scalar';
import { IndicatorProgress } from '../action-plan/indicator-progress';
import { ValueStatus } from '../action-plan/value-status';
import { RecommendationStatus } from '../recommendations/recommendation.enums';

@ObjectType({ description: 'How many recommendations have one status' })
export class StatusCount {
  @Field(() => RecommendationStatus, { description: 'The status' })
  status: RecommendationStatus;

  @Field(() => Int, { description: 'How many recommendations have it' })
  count: number;
}

@ObjectType({
  description:
    'Where the programme stood at the end of `asOf` (default: the end of `year`, or today for the current year): each ' +
    'recommendation counted in the status it had then, and each indicator measured against `year`’s target with the values known by `valuesKnownBy`.',
})
export class ProgressSummary {
  @Field(() => Int, { description: 'The plan year the indicator figures are for' })
  year: number;

  @Field(() => DateScalarType, { description: 'The day the figures are taken at: statuses, due dates and responsibilities as they stood at its end' })
  asOf: string;

  @Field(() => DateScalarType, { description: "The value versions approved by the end of this day count: asOf plus the plan's reporting lag unless asked otherwise" })
  valuesKnownBy: string;

  @Field(() => ValueStatus, { description: 'Which versions counted: APPROVED, or SUBMITTED (staff only)' })
  valueStatus: ValueStatus;

  @Field(() => Int, { description: 'How many recommendations count (of the action plan when one is asked)' })
  recommendationsTotal: number;

  @Field(() => [StatusCount], { description: 'Every status, zero counts included' })
  byStatus: StatusCount[];

  @Field(() => Int, { description: 'How many were overdue at asOf' })
  overdue: number;

  @Field(() => Float, { description: 'IMPLEMENTED / (total - REJECTED) * 100; 0 when nothing counts' })
  implementationRate: number;

  /** Resolved by ReportsResolver.indicators unless already computed (see ProgressSummaryService.summarize). */
  indicators?: IndicatorProgress[];

  /** The plan the summary is restricted to (not a GraphQL field: it is what `indicators` needs). */
  actionPlanId: string | null;
}
