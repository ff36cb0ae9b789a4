import type {
  BarrierCategory,
  CreateActionPlanInput,
  CreateBarrierInput,
  CreateIndicatorInput,
  CreateMeetingInput,
  CreateOrganizationInput,
  CreatePersonInput,
  CreateRecommendationInput,
  IndicatorDirection,
  IndicatorTargetInput,
  MeetingFormat,
  OrganizationKind,
  Priority,
  RecommendationKind,
  RecommendationStatus,
  RecordIndicatorValueInput,
} from './graphql-types';
import { TestApp } from './test-app';

/**
 * Test data built through the public GraphQL API, with unique defaults that any
 * field of the input can override. Each factory fails the test on a GraphQL error.
 */

let sequence = 0;

/** A value no other call in this process returns, e.g. `Organization 7`. */
export function unique(prefix: string): string {
  sequence += 1;
  return `${prefix} ${sequence}`;
}

/** A unique code that survives upper-casing and the code pattern, e.g. `AP-7`. */
export function uniqueCode(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

// ---------- input shapes: generated from schema.gql (`npm run codegen`) ----------

// Every type of the contract, for tests that build inputs of their own.
export type * from './graphql-types';

// ---------- what the factories return ----------

export interface OrganizationResult {
  id: string;
  name: string;
  kind: OrganizationKind;
}

export interface PersonResult {
  id: string;
  fullName: string;
  position: string | null;
  organization: { id: string } | null;
}

export interface MeetingResult {
  id: string;
  title: string;
  heldOn: string;
  format: MeetingFormat;
  sourceUrl: string | null;
}

export interface BarrierResult {
  id: string;
  title: string;
  category: BarrierCategory;
  meetings: { id: string }[];
}

export interface ActionPlanResult {
  id: string;
  code: string;
  title: string;
  startYear: number;
  endYear: number;
}

export interface IndicatorResult {
  id: string;
  code: string;
  name: string;
  direction: IndicatorDirection;
  baselineYear: number | null;
  baselineValue: number | null;
  targets: IndicatorTargetInput[];
  actionPlan: { id: string };
}

export interface RecommendationResult {
  id: string;
  code: string;
  title: string;
  kind: RecommendationKind;
  priority: Priority;
  status: RecommendationStatus;
  version: number;
  meeting: { id: string };
  barriers: { id: string }[];
  responsibleOrganizations: { id: string }[];
  indicators: { id: string }[];
}

export interface IndicatorValueResult {
  id: string;
  period: string;
  value: number;
  source: string | null;
  note: string | null;
  recordedAt: string;
}

// ---------- factories ----------

async function mutate<T>(t: TestApp, mutation: string, field: string, input: object): Promise<T> {
  const data = await t.gqlOk<Record<string, T>>(mutation, { input });
  return data[field];
}

export function createOrganization(
  t: TestApp,
  overrides: Partial<CreateOrganizationInput> = {},
): Promise<OrganizationResult> {
  return mutate(
    t,
    `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name kind } }`,
    'createOrganization',
    { name: unique('Organization'), kind: 'MINISTRY', ...overrides },
  );
}

export function createPerson(t: TestApp, overrides: Partial<CreatePersonInput> = {}): Promise<PersonResult> {
  return mutate(
    t,
    `mutation ($input: CreatePersonInput!) {
      createPerson(input: $input) { id fullName position organization { id } }
    }`,
    'createPerson',
    { fullName: unique('Person'), ...overrides },
  );
}

export function createMeeting(t: TestApp, overrides: Partial<CreateMeetingInput> = {}): Promise<MeetingResult> {
  return mutate(
    t,
    `mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { id title heldOn format sourceUrl } }`,
    'createMeeting',
    { title: unique('Roundtable'), heldOn: '2024-08-13', format: 'ROUNDTABLE', ...overrides },
  );
}

/** Raised in a new meeting unless `meetingIds` is given. */
export async function createBarrier(t: TestApp, overrides: Partial<CreateBarrierInput> = {}): Promise<BarrierResult> {
  const meetingIds = overrides.meetingIds ?? [(await createMeeting(t)).id];
  return mutate(
    t,
    `mutation ($input: CreateBarrierInput!) { createBarrier(input: $input) { id title category meetings { id } } }`,
    'createBarrier',
    { title: unique('Barrier'), category: 'LEGAL', ...overrides, meetingIds },
  );
}

/** A plan for 2024-2027 by default. */
export function createActionPlan(t: TestApp, overrides: Partial<CreateActionPlanInput> = {}): Promise<ActionPlanResult> {
  return mutate(
    t,
    `mutation ($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id code title startYear endYear } }`,
    'createActionPlan',
    { code: uniqueCode('AP'), title: unique('Action plan'), startYear: 2024, endYear: 2027, ...overrides },
  );
}

/** An INCREASE indicator without baseline or targets, in a new plan unless `actionPlanId` is given. */
export async function createIndicator(t: TestApp, overrides: Partial<CreateIndicatorInput> = {}): Promise<IndicatorResult> {
  const actionPlanId = overrides.actionPlanId ?? (await createActionPlan(t)).id;
  return mutate(
    t,
    `mutation ($input: CreateIndicatorInput!) {
      createIndicator(input: $input) {
        id code name direction baselineYear baselineValue targets { year value } actionPlan { id }
      }
    }`,
    'createIndicator',
    { code: uniqueCode('IND'), name: unique('Indicator'), unit: '%', direction: 'INCREASE', ...overrides, actionPlanId },
  );
}

/**
 * Records a value (for 2025 unless told otherwise) of an indicator and, unless `approve` is
 * false, approves it as the bootstrap ADMIN (who may approve their own values while nobody
 * else may review: a test database's usual state), so that it is public as before review
 * existed. Recording a period again is a correction: a reason is given unless the test gives one.
 */
export async function recordValue(
  t: TestApp,
  input: Partial<RecordIndicatorValueInput> & Pick<RecordIndicatorValueInput, 'indicatorId'>,
  options: { approve?: boolean; reportedOnTime?: boolean } = {},
): Promise<IndicatorValueResult> {
  const recorded = await mutate<IndicatorValueResult & { versions: { id: string; number: number }[] }>(
    t,
    `mutation ($input: RecordIndicatorValueInput!) {
      recordIndicatorValue(input: $input) { id period value source note recordedAt versions { id number } }
    }`,
    'recordIndicatorValue',
    { period: '2025', value: 1, correctionReason: 'corrected by the test', ...input },
  );
  const { versions, ...value } = recorded;
  if (options.approve !== false) {
    await t.gqlOk(`mutation ($input: ReviewValueInput!) { reviewValue(input: $input) { id reviewStatus } }`, {
      input: { versionId: versions[versions.length - 1].id, decision: 'APPROVE' },
    });
  }
  if (options.reportedOnTime !== false) await dateAsReportedOnTime(t, recorded.id, recorded.period);
  return value;
}

/**
 * Dates a value's versions as if reported (and reviewed) REPORTED_AFTER_DAYS after its period
 * ended, or leaves them at now for a period too recent for that: as values reported on time are
 * known by a report's default cut (asOf plus the plan's reporting lag of 45 days). Tests of what
 * happens to a value recorded today pass `reportedOnTime: false` or ask with valuesKnownBy.
 */
export async function dateAsReportedOnTime(t: Pick<TestApp, 'sql'>, indicatorValueId: string, period: string): Promise<void> {
  await t.sql(
    `UPDATE indicator_value_version
        SET submitted_at = LEAST(submitted_at, $2::timestamptz), reviewed_at = LEAST(reviewed_at, $2::timestamptz)
      WHERE indicator_value_id = $1`,
    [indicatorValueId, reportedOnTimeAt(period).toISOString()],
  );
}

/** REPORTED_AFTER_DAYS after the period ("2025", "2025-Q3") ends. */
export function reportedOnTimeAt(period: string): Date {
  const [year, quarter] = period.split('-Q').map(Number);
  return new Date(Date.UTC(year, (quarter || 4) * 3, 1) + REPORTED_AFTER_DAYS * 86_400_000);
}
const REPORTED_AFTER_DAYS = 30;

/**
 * A PROPOSED recommendation with every kind of link: made in a new meeting, against a
 * new barrier raised there, with a new responsible organisation and a new indicator,
 * unless `meetingId`, `barrierIds`, `responsibleOrganizationIds` or `indicatorIds` are
 * given (an empty list: no such link).
 */
export async function createRecommendation(
  t: TestApp,
  overrides: Partial<CreateRecommendationInput> = {},
): Promise<RecommendationResult> {
  const meetingId = overrides.meetingId ?? (await createMeeting(t)).id;
  const barrierIds = overrides.barrierIds ?? [(await createBarrier(t, { meetingIds: [meetingId] })).id];
  const responsibleOrganizationIds = overrides.responsibleOrganizationIds ?? [(await createOrganization(t)).id];
  const indicatorIds = overrides.indicatorIds ?? [(await createIndicator(t)).id];
  return mutate(
    t,
    `mutation ($input: CreateRecommendationInput!) {
      createRecommendation(input: $input) {
        id code title kind priority status version
        meeting { id } barriers { id } responsibleOrganizations { id } indicators { id }
      }
    }`,
    'createRecommendation',
    {
      title: unique('Recommendation'),
      kind: 'QUOTA',
      ...overrides,
      meetingId,
      barrierIds,
      responsibleOrganizationIds,
      indicatorIds,
    },
  );
}
