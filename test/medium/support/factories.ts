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

export function recordValue(m: MediumModule, input: Pick<RecordIndicatorValueInput, 'indicatorId' | 'period' | 'value'> & Partial<RecordIndicatorValueInput>): Promise<IndicatorValue> {
  return m.module.get(IndicatorsService).recordValue(input, m.actor, 'en');
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
