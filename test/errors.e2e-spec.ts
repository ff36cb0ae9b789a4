import request from 'supertest';
import { CONTRACT_ERROR_CODES, expectError } from './support/expect-error';
import { createMeeting, createOrganization } from './support/factories';
import { createTestApp, GraphqlResponse, TestApp } from './support/test-app';

describe('errors and health', () => {
  let t: TestApp;
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestApp();
    meetingId = (await createMeeting(t)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('malformed requests are BAD_USER_INPUT', () => {
    it('a syntax error', async () => {
      const res = await t.gql('{ organizations { id ');
      expectError(res, 'BAD_USER_INPUT', /Syntax Error/);
      expect(res.data).toBeNull();
    });

    it('an unknown field', async () => {
      expectError(await t.gql('{ organizations { id nickname } }'), 'BAD_USER_INPUT', /nickname/);
    });

    it('an unknown argument', async () => {
      expectError(await t.gql('{ barriers(color: RED) { id } }'), 'BAD_USER_INPUT', /color/);
    });

    it('a missing required argument', async () => {
      expectError(await t.gql('{ progressSummary { year } }'), 'BAD_USER_INPUT', /year/);
    });

    it('a variable of the wrong type', async () => {
      const res = await t.gql('query ($year: Int!) { progressSummary(year: $year) { year } }', { year: 'this year' });
      expectError(res, 'BAD_USER_INPUT', /\$year/);
    });

    it('a missing required variable', async () => {
      expectError(await t.gql('query ($year: Int!) { progressSummary(year: $year) { year } }', {}), 'BAD_USER_INPUT', /\$year/);
    });

    it('an enum value that does not exist', async () => {
      expectError(await t.gql('{ barriers(category: WEATHER) { id } }'), 'BAD_USER_INPUT', /WEATHER/);
    });

    it('a request without a query', async () => {
      const res = await request(t.app.getHttpServer()).post('/graphql').send({ variables: {} });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  it('every error carries a code of the contract, and neither SQL nor a stack trace', async () => {
    const org = await createOrganization(t);
    const { createRecommendation: rec } = await t.gqlOk(
      `mutation ($meetingId: ID!) { createRecommendation(input: { title: "R", kind: QUOTA, meetingId: $meetingId }) { id } }`,
      { meetingId },
    );
    const unknownId = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
    const failures: [string, GraphqlResponse, string][] = [
      ['syntax', await t.gql('mutation {'), 'BAD_USER_INPUT'],
      ['validation', await t.gql(`mutation { createOrganization(input: { name: "", kind: NGO }) { id } }`), 'BAD_USER_INPUT'],
      ['bad date', await t.gql(`mutation { createMeeting(input: { title: "M", heldOn: "2024-13-01", format: OTHER }) { id } }`), 'BAD_USER_INPUT'],
      ['conflict', await t.gql(`mutation ($name: String!) { createOrganization(input: { name: $name, kind: NGO }) { id } }`, { name: org.name }), 'CONFLICT'],
      ['not found', await t.gql(`mutation { createBarrier(input: { title: "B", category: LEGAL, meetingIds: ["${unknownId}"] }) { id } }`), 'NOT_FOUND'],
      ['not found (plan)', await t.gql(`{ progressSummary(year: 2025, actionPlanId: "${unknownId}") { year } }`), 'NOT_FOUND'],
      ['transition', await t.gql(`mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: IMPLEMENTED }) { id } }`, { id: rec.id }), 'INVALID_TRANSITION'],
    ];
    for (const [label, res, expected] of failures) {
      expect({ label, codes: res.errors?.map((e) => e.extensions?.code) }).toEqual({ label, codes: [expected] });
      for (const error of res.errors!) {
        expect(CONTRACT_ERROR_CODES).toContain(error.extensions?.code);
        expect(error.message).not.toMatch(/\b(SELECT|INSERT|UPDATE|DELETE)\b|duplicate key|violates|relation "/i);
        expect(error.extensions).not.toHaveProperty('stacktrace');
      }
    }
  });

  it('a field resolver failing on input answers BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async () => {
    const { createActionPlan: plan } = await t.gqlOk(
      `mutation { createActionPlan(input: { code: "ERR-1", title: "P", startYear: 2024, endYear: 2025 }) { id } }`,
    );
    await t.gqlOk(`mutation ($id: ID!) { createIndicator(input: { actionPlanId: $id, code: "E-1", name: "E", unit: "%", direction: INCREASE }) { id } }`, {
      id: plan.id,
    });
    const res = await t.gql(`{ indicators { edges { node { code progress(year: 3000) { status } } } } }`);
    expectError(res, 'BAD_USER_INPUT', /^year: /);
  });

  describe('GET /health', () => {
    it('answers 200 with the database up', async () => {
      const res = await request(t.app.getHttpServer()).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    });
  });
});
