import { Clock } from '../src/common/clock';
import { expectError } from './support/expect-error';
import { createActionPlan, createIndicator, createOrganization, recordValue } from './support/factories';
import { download } from './exports-support';
import { bearer, createTestApp, TestApp } from './support/test-app';

const RECORD = `mutation ($input: RecordIndicatorValueInput!) {
  recordIndicatorValue(input: $input) { id period value versions { id number value reviewStatus correctionReason submittedBy } }
}`;
const REVIEW = `mutation ($input: ReviewValueInput!) {
  reviewValue(input: $input) { id number value reviewStatus reviewedAt reviewedBy returnReason submittedBy }
}`;
const VALUES = `query ($id: ID!, $knownBy: Date) {
  indicator(id: $id) {
    values { id period value versions { number value reviewStatus correctionReason returnReason submittedBy reviewedBy } }
    latestValue { period value }
    progress(year: 2025, valuesKnownBy: $knownBy) { actual }
  }
}`;
const QUEUE = `{ valueReviewQueue { period indicator { id } version { id number value } } }`;
const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } } }`;

interface Version {
  id: string;
  number: number;
  value: number;
  reviewStatus: string;
}

/** Issue 23: every write is a version, reviewed by someone else before it is public. */
describe('indicator value versions and review', () => {
  let t: TestApp;
  let planId: string;
  let ministryOrgId: string;
  const tokens: Record<string, string> = {};

  const as = (role: string) => ({ authorization: bearer(tokens[role]) });
  const versionCount = async () => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM indicator_value_version'))[0].n;
  const record = (input: Record<string, unknown>, role?: string) => t.gql(RECORD, { input }, role ? as(role) : {});
  const review = (input: Record<string, unknown>, role?: string) => t.gql(REVIEW, { input }, role ? as(role) : {});
  const valuesOf = async (indicatorId: string, role?: string) => {
    // Values approved today count for 2025 only when asked with valuesKnownBy: today (the default is 2025's end plus the lag).
    const res = await t.gql(VALUES, { id: indicatorId, knownBy: t.app.get(Clock).today() }, role ? as(role) : {});
    expect(res.errors).toBeUndefined();
    return res.data!.indicator;
  };

  beforeAll(async () => {
    t = await createTestApp();
    planId = (await createActionPlan(t, { startYear: 2024, endYear: 2027 })).id;
    ministryOrgId = (await createOrganization(t, { kind: 'MINISTRY' })).id;
  });
  afterAll(() => t.close());

  it('lets the only ADMIN approve their own values, and says so, while nobody else may review', async () => {
    expect((await t.gqlOk('{ mayApproveOwnValues }')).mayApproveOwnValues).toBe(true);
    const indicator = await createIndicator(t, { actionPlanId: planId });
    const res = await record({ indicatorId: indicator.id, period: '2025', value: 7 });
    const [v1] = res.data!.recordIndicatorValue.versions as Version[];
    expect((await t.gqlOk(QUEUE)).valueReviewQueue.map((q: { version: { id: string } }) => q.version.id)).toContain(v1.id);
    const approved = await review({ versionId: v1.id, decision: 'APPROVE' });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.reviewValue.reviewStatus).toBe('APPROVED');
  });

  it('Indicator.progress(year) names the period of its actual (it was always null)', async () => {
    const indicator = await createIndicator(t, { actionPlanId: planId });
    await recordValue(t, { indicatorId: indicator.id, period: '2025-Q1', value: 4 });
    await recordValue(t, { indicatorId: indicator.id, period: '2025-Q3', value: 6 });
    const read = await t.gqlOk(`query ($id: ID!) { indicator(id: $id) { a: progress(year: 2025) { actual actualPeriod } b: progress(year: 2026) { actual actualPeriod } } }`, {
      id: indicator.id,
    });
    expect(read.indicator).toEqual({ a: { actual: 6, actualPeriod: '2025-Q3' }, b: { actual: null, actualPeriod: null } });
  });

  describe('with other reviewers', () => {
    beforeAll(async () => {
      for (const [role, organizationId] of [
        ['EDITOR', null],
        ['MINISTRY', ministryOrgId],
        ['VIEWER', null],
      ] as const) {
        tokens[role] = (await t.gqlOk(CREATE_TOKEN, { input: { name: `${role.toLowerCase()}-reviewing`, role, organizationId } })).createApiToken.token;
      }
      tokens.EDITOR2 = (await t.gqlOk(CREATE_TOKEN, { input: { name: 'second-editor', role: 'EDITOR' } })).createApiToken.token;
    });

    it('no longer lets the ADMIN approve their own values', async () => {
      expect((await t.gqlOk('{ mayApproveOwnValues }')).mayApproveOwnValues).toBe(false);
      const indicator = await createIndicator(t, { actionPlanId: planId });
      const [v1] = (await record({ indicatorId: indicator.id, period: '2025', value: 3 })).data!.recordIndicatorValue.versions as Version[];
      const before = await versionCount();
      const error = expectError(await review({ versionId: v1.id, decision: 'APPROVE' }), 'FORBIDDEN', /four eyes/);
      expect(error.extensions?.reason).toBe('FOUR_EYES');
      expect(await versionCount()).toBe(before);
      expect((await t.gqlOk(QUEUE)).valueReviewQueue.map((q: { version: { id: string } }) => q.version.id)).not.toContain(v1.id);
      expect((await t.gql(QUEUE, {}, as('EDITOR'))).data!.valueReviewQueue.map((q: { version: { id: string } }) => q.version.id)).toContain(v1.id);
    });

    it('submit, return with a reason, correct with a reason, approve: only the approved value is public, every version is kept', async () => {
      const indicator = await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: ministryOrgId });
      const submitted = await record({ indicatorId: indicator.id, period: '2025', value: 40, source: 'district report' }, 'MINISTRY');
      expect(submitted.errors).toBeUndefined();
      const [v1] = submitted.data!.recordIndicatorValue.versions as Version[];
      expect(v1).toMatchObject({ number: 1, value: 40, reviewStatus: 'SUBMITTED', submittedBy: 'ministry-reviewing' });

      // Not public until approved: neither values, latestValue nor progress show it.
      let read = await valuesOf(indicator.id, 'VIEWER');
      expect(read.values).toEqual([]);
      expect(read.latestValue).toBeNull();
      expect(read.progress.actual).toBeNull();

      // Reviewing is for ADMIN and EDITOR; a return needs a reason.
      expectError(await review({ versionId: v1.id, decision: 'APPROVE' }, 'MINISTRY'), 'FORBIDDEN');
      expectError(await review({ versionId: v1.id, decision: 'RETURN', reason: '  ' }, 'EDITOR'), 'BAD_USER_INPUT', /reason/);
      const returned = await review({ versionId: v1.id, decision: 'RETURN', reason: 'the district total double-counts Q3' }, 'EDITOR');
      expect(returned.errors).toBeUndefined();
      expect(returned.data!.reviewValue).toMatchObject({ reviewStatus: 'RETURNED', returnReason: 'the district total double-counts Q3', reviewedBy: 'editor-reviewing' });
      expectError(await review({ versionId: v1.id, decision: 'APPROVE' }, 'EDITOR'), 'INVALID_TRANSITION');

      // A correction without a reason changes nothing; with one it is version 2.
      const before = await versionCount();
      expectError(await record({ indicatorId: indicator.id, period: '2025', value: 38 }, 'MINISTRY'), 'BAD_USER_INPUT', /correctionReason/);
      expect(await versionCount()).toBe(before);
      const corrected = await record({ indicatorId: indicator.id, period: '2025', value: 38, correctionReason: 'Q3 counted once' }, 'MINISTRY');
      expect(corrected.errors).toBeUndefined();
      const versions = corrected.data!.recordIndicatorValue.versions as Version[];
      expect(versions.map((v) => [v.number, v.value, v.reviewStatus])).toEqual([
        [1, 40, 'RETURNED'],
        [2, 38, 'SUBMITTED'],
      ]);

      // An out-of-date review is refused; the submitter cannot approve; another EDITOR can.
      expectError(await review({ versionId: versions[1].id, decision: 'APPROVE', expectedVersion: 1 }, 'EDITOR'), 'CONFLICT');
      const approved = await review({ versionId: versions[1].id, decision: 'APPROVE', expectedVersion: 2 }, 'EDITOR');
      expect(approved.errors).toBeUndefined();
      expect(approved.data!.reviewValue).toMatchObject({ number: 2, value: 38, reviewStatus: 'APPROVED', reviewedBy: 'editor-reviewing' });
      // Approved is locked.
      expectError(await review({ versionId: versions[1].id, decision: 'RETURN', reason: 'again' }, 'EDITOR2'), 'INVALID_TRANSITION');

      read = await valuesOf(indicator.id, 'VIEWER');
      expect(read.values.map((v: { period: string; value: number }) => [v.period, v.value])).toEqual([['2025', 38]]);
      expect(read.latestValue).toEqual({ period: '2025', value: 38 });
      expect(read.progress.actual).toBe(38);
      // The public sees the approved version only; staff see all three steps' versions.
      expect(read.values[0].versions.map((v: Version) => v.number)).toEqual([2]);
      const staff = await valuesOf(indicator.id, 'MINISTRY');
      expect(staff.values[0].versions).toEqual([
        { number: 1, value: 40, reviewStatus: 'RETURNED', correctionReason: null, returnReason: 'the district total double-counts Q3', submittedBy: 'ministry-reviewing', reviewedBy: 'editor-reviewing' },
        { number: 2, value: 38, reviewStatus: 'APPROVED', correctionReason: 'Q3 counted once', returnReason: null, submittedBy: 'ministry-reviewing', reviewedBy: 'editor-reviewing' },
      ]);

      // Every step audited.
      const audit = await t.sql<{ action: string }>(
        `SELECT action FROM audit_entry WHERE entity_type = 'IndicatorValue' AND entity_id = $1 ORDER BY at, id`,
        [read.values[0].id],
      );
      expect(audit.map((a) => a.action)).toEqual(['indicatorValue.record', 'indicatorValue.return', 'indicatorValue.replace', 'indicatorValue.approve']);
    });

    it('a correction of an approved value leaves the approved one public until the correction is approved', async () => {
      const indicator = await createIndicator(t, { actionPlanId: planId });
      const first = await recordValue(t, { indicatorId: indicator.id, period: '2025', value: 10 }, { approve: false });
      const [v1] = (await t.gqlOk(VALUES, { id: indicator.id, knownBy: t.app.get(Clock).today() })).indicator.values as never[];
      expect(v1).toBeUndefined();
      const versionId = (await t.sql<{ id: string }>('SELECT id FROM indicator_value_version WHERE indicator_value_id = $1', [first.id]))[0].id;
      expect((await review({ versionId, decision: 'APPROVE' }, 'EDITOR')).errors).toBeUndefined();
      const correction = await record({ indicatorId: indicator.id, period: '2025', value: 12, correctionReason: 'late district' }, 'EDITOR2');
      expect(correction.errors).toBeUndefined();
      expect((await valuesOf(indicator.id, 'VIEWER')).values.map((v: { value: number }) => v.value)).toEqual([10]);
      const v2 = (correction.data!.recordIndicatorValue.versions as Version[])[1];
      expect((await review({ versionId: v2.id, decision: 'APPROVE' }, 'EDITOR')).errors).toBeUndefined();
      expect((await valuesOf(indicator.id, 'VIEWER')).values.map((v: { value: number }) => v.value)).toEqual([12]);
    });

    it('leaves a report as of a past day byte-identical when a value is corrected, returned and approved later', async () => {
      const plan = await createActionPlan(t, { startYear: 2024, endYear: 2027 });
      const indicator = await createIndicator(t, { actionPlanId: plan.id });
      const value = await recordValue(t, { indicatorId: indicator.id, period: '2025', value: 50 }, { approve: false });
      const [v1] = (await t.sql<{ id: string }>('SELECT id FROM indicator_value_version WHERE indicator_value_id = $1', [value.id])).map((r) => r.id);
      expect((await review({ versionId: v1, decision: 'APPROVE' }, 'EDITOR')).errors).toBeUndefined();
      // Reported and approved in January 2026; the report is as of 2026-02-01.
      await t.sql(`UPDATE indicator_value SET recorded_at = '2026-01-10T09:00:00+06:00' WHERE id = $1`, [value.id]);
      await t.sql(`UPDATE indicator_value_version SET submitted_at = '2026-01-10T09:00:00+06:00', reviewed_at = '2026-01-12T09:00:00+06:00' WHERE id = $1`, [v1]);
      const paths = [
        `/exports/indicators.csv?asOf=2026-02-01&year=2025&actionPlanId=${plan.id}`,
        `/exports/indicator-values.csv?asOf=2026-02-01&actionPlanId=${plan.id}`,
        `/reports/progress.pdf?year=2025&asOf=2026-02-01&actionPlanId=${plan.id}`,
      ];
      const before = await Promise.all(paths.map((path) => download(t, path)));
      expect(before.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(before[0].text).toContain('50');

      const v2 = (await record({ indicatorId: indicator.id, period: '2025', value: 55, correctionReason: 'revised' }, 'EDITOR2')).data!.recordIndicatorValue.versions[1].id;
      expect((await review({ versionId: v2, decision: 'RETURN', reason: 'source missing' }, 'EDITOR')).errors).toBeUndefined();
      const v3 = (await record({ indicatorId: indicator.id, period: '2025', value: 56, correctionReason: 'with source' }, 'EDITOR2')).data!.recordIndicatorValue.versions[2].id;
      expect((await review({ versionId: v3, decision: 'APPROVE' }, 'EDITOR')).errors).toBeUndefined();
      expect((await valuesOf(indicator.id, 'VIEWER')).values.map((v: { value: number }) => v.value)).toEqual([56]);

      const after = await Promise.all(paths.map((path) => download(t, path)));
      for (let i = 0; i < paths.length; i++) expect(Buffer.compare(after[i].body, before[i].body)).toBe(0);
    });

    it('refuses unknown versions', async () => {
      expectError(await review({ versionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', decision: 'APPROVE' }, 'EDITOR'), 'NOT_FOUND', /versionId/);
    });
  });
});
