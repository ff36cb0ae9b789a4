import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalarType } from '../common/scalars/date.scalar';
import type { Translations } from '../i18n/translations';

/** Where one expected value stands at the cut-off date. */
export enum ExpectedValueStatus {
  ON_TIME = 'ON_TIME',
  LATE = 'LATE',
  OVERDUE = 'OVERDUE',
  NOT_YET_DUE = 'NOT_YET_DUE',
}
registerEnumType(ExpectedValueStatus, {
  name: 'ExpectedValueStatus',
  description: "Where a value an indicator owes for a period stands at the cut-off date (due: the period's end plus the plan's reportingLagDays)",
  valuesMap: {
    ON_TIME: { description: 'Its first version was submitted by the due date' },
    LATE: { description: 'Its first version was submitted after the due date' },
    OVERDUE: { description: 'No version yet, and the due date has passed' },
    NOT_YET_DUE: { description: 'No version yet, but the due date has not passed' },
  },
});

/** The counts of expected values, for one period or an organisation's whole year. */
@ObjectType({ description: 'Counts of the values expected from an organisation (periods ended by the cut-off date)' })
export class CompletenessCounts {
  @Field(() => Int, { description: "Values expected: one per indicator and period (a YEARLY indicator's year, a QUARTERLY one's quarters) that ended by the cut-off date" })
  expected: number;

  @Field(() => Int, { description: 'Of those, values with a version submitted by the cut-off date' })
  reported: number;

  @Field(() => Int, { description: 'Of those, values with a version approved by the cut-off date' })
  approved: number;

  @Field(() => Int, { description: "Values whose first version was submitted within the plan's reportingLagDays after the period's end" })
  reportedOnTime: number;

  @Field(() => Int, { description: 'Values first submitted after their due date' })
  reportedLate: number;

  @Field(() => Int, { description: 'Values with no version whose due date has passed' })
  overdue: number;

  @Field(() => Int, { description: 'Values with no version whose due date is still to come' })
  notYetDue: number;

  @Field(() => Int, { description: 'Days late summed over the late and overdue values (overdue ones counted to the cut-off date)' })
  daysLate: number;
}

@ObjectType({ description: "One period's counts for an organisation" })
export class PeriodCompleteness extends CompletenessCounts {
  @Field({ description: '"2025" (the year of YEARLY indicators) or "2025-Q3" (a quarter of QUARTERLY ones)' })
  period: string;

  @Field(() => DateScalarType, { description: "The period's last day" })
  periodEnd: string;

  @Field(() => DateScalarType, { description: "The earliest due date of the period's values (plans may set different lags)" })
  dueOn: string;
}

@ObjectType({ description: 'Reporting completeness of one organisation (the indicators it is responsible for) in a year' })
export class OrganizationCompleteness {
  @Field(() => ID, { description: 'The organisation responsible for the indicators counted' })
  organizationId: string;

  /** Its name as stored (for pages and the PDF; GraphQL resolves `organization`). */
  name?: Translations;

  @Field(() => [PeriodCompleteness], { description: 'The year, then its quarters, in order' })
  periods: PeriodCompleteness[];

  @Field(() => CompletenessCounts, { description: 'The periods summed' })
  totals: CompletenessCounts;
}

/** One expected value: what completeness counts, and what "My work" lists. */
export interface ExpectedValue {
  indicatorId: string;
  indicatorCode: string;
  organizationId: string;
  period: string;
  periodEnd: string;
  dueOn: string;
  firstSubmittedOn: string | null;
  approved: boolean;
  status: ExpectedValueStatus;
  daysLate: number;
}
