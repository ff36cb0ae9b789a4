import { DataSource } from 'typeorm';
import { dateAsReportedOnTime } from '../../support/factories';
import { ReviewDecision, ReviewValueInput } from '../../../src/action-plan/dto/review-value.input';
import { ValueReviewService } from '../../../src/action-plan/value-review.service';
import { ActionPlan } from '../../../src/action-plan/action-plan.entity';
import { IndicatorDirection } from '../../../src/action-plan/action-plan.enums';
import { ActionPlansService } from '../../../src/action-plan/action-plans.service';
import { CreateActionPlanInput } from '../../../src/action-plan/dto/create-action-plan.input';
import { CreateIndicatorInput } from '../../../src/action-plan/dto/create-indicator.input';
import { RecordIndicatorValueInput } from '../../../src/action-plan/dto/record-indicator-value.input';
import { Indicator } from '../../../src/action-plan/indicator.entity';
import { IndicatorValue } from '../../../src/action-plan/indicator-value.entity';
import { IndicatorsService } from '../../../src/action-plan/indicators.service';
import { CreateMeetingInput } from '../../../src/meetings/dto/create-meeting.input';
import { Meeting } from '../../../src/meetings/meeting.entity';
import { MeetingFormat } from '../../../src/meetings/meeting.enums';
import { MeetingsService } from '../../../src/meetings/meetings.service';
import { CreateRecommendationInput } from '../../../src/recommendations/dto/create-recommendation.input';
import { Recommendation } from '../../../src/recommendations/recommendation.entity';
import { RecommendationKind, RecommendationStatus } from '../../../src/recommendations/recommendation.enums';
import { RecommendationsService } from '../../../src/recommendations/recommendations.service';
import { MediumModule } from './medium-module';

/**
 * Factories of the medium tier: they insert through the features' services (and so
 * their repositories, rules, transactions and audit), as the API would, in English.
 */
let sequence = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;

export function createActionPlan(m: MediumModule, overrides: Partial<CreateActionPlanInput> = {}): Promise<ActionPlan> {
  const input = { code: unique('PLAN'), title: unique('Plan'), startYear: 2024, endYear: 2027, ...overrides } as CreateActionPlanInput;
  return m.module.get(ActionPlansService).create(input, m.actor, 'en');
}

export async function createIndicator(m: MediumModule, overrides: Partial<CreateIndicatorInput> = {}): Promise<Indicator> {
  const actionPlanId = overrides.actionPlanId ?? (await createActionPlan(m)).id;
  const input = { code: unique('IND'), name: unique('Indicator'), unit: '%', direction: IndicatorDirection.INCREASE, ...overrides, actionPlanId } as CreateIndicatorInput;
  return m.module.get(IndicatorsService).create(input, m.actor, 'en');
}

/**
 * Records a value and approves it as the factories' ADMIN (who may approve their own values while
 * nobody else may review), so that it counts as the e2e factory's values do.
 */
export async function recordValue(m: MediumModule, input: Pick<RecordIndicatorValueInput, 'indicatorId' | 'period' | 'value'> & Partial<RecordIndicatorValueInput>): Promise<IndicatorValue> {
  const recorded = await m.module.get(IndicatorsService).recordValue({ correctionReason: 'corrected by the test', ...input }, m.actor, 'en');
  const reviews = m.module.get(ValueReviewService);
  const versions = await reviews.versionsOf(recorded.id);
  const latest = versions.reduce((a, b) => (b.number > a.number ? b : a));
  await reviews.reviewValue(Object.assign(new ReviewValueInput(), { versionId: latest.id, decision: ReviewDecision.APPROVE }), m.actor);
  // Dated as reported on time, as the e2e factory's values are (see dateAsReportedOnTime there).
  await dateAsReportedOnTime({ sql: (text, params) => m.module.get(DataSource).query(text, params) }, recorded.id, recorded.period);
  return recorded;
}

export function createMeeting(m: MediumModule, overrides: Partial<CreateMeetingInput> = {}): Promise<Meeting> {
  const input = { title: unique('Roundtable'), heldOn: '2024-08-13', format: MeetingFormat.ROUNDTABLE, ...overrides } as CreateMeetingInput;
  return m.module.get(MeetingsService).create(input, m.actor, 'en');
}

export function createRecommendation(m: MediumModule, input: Pick<CreateRecommendationInput, 'meetingId'> & Partial<CreateRecommendationInput>): Promise<Recommendation> {
  return m.module.get(RecommendationsService).create({ title: unique('Recommendation'), kind: RecommendationKind.MONITORING, ...input }, m.actor, 'en');
}

export function transition(m: MediumModule, id: string, to: RecommendationStatus): Promise<Recommendation> {
  return m.module.get(RecommendationsService).transition({ id, to }, m.actor, 'en');
}
