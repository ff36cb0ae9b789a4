import { GraphQLSchemaHost } from '@nestjs/graphql';
import { PublicEventsService } from '../src/public-events/public-events.service';
import { createActionPlan, createBarrier, createIndicator, createMeeting, createOrganization } from './support/factories';
import { collect, liveClient, subscriptionUrl, until } from './support/subscriptions';
import { bearer, createTestApp, TestApp } from './support/test-app';

type RoleName = 'ADMIN' | 'EDITOR' | 'MINISTRY' | 'ANALYST' | 'VIEWER' | 'NGO';
/** NGO: a civil-society organisation's token reads like a VIEWER and changes no official data. */
const ROLES: RoleName[] = ['ADMIN', 'EDITOR', 'MINISTRY', 'ANALYST', 'VIEWER', 'NGO'];
const EVERYONE = ROLES;
const EDITORS: RoleName[] = ['ADMIN', 'EDITOR'];

interface Fixtures {
  orgId: string;
  meetingId: string;
  barrierId: string;
  planId: string;
  indicatorId: string;
  /** A QUARTERLY indicator of the MINISTRY token's organisation (milestones are set on it). */
  quarterlyIndicatorId: string;
  /** An indicator of the MINISTRY token's organisation broken down by SEX. */
  breakdownIndicatorId: string;
  recommendationId: () => Promise<string>;
  tokenId: () => Promise<string>;
  /** A new value's first version, submitted by the MINISTRY token (so any reviewer is someone else). */
  submittedVersionId: () => Promise<string>;
  /** An independent assessment's first version, submitted by the NGO token. */
  submittedAssessmentId: () => Promise<string>;
  /** A new webhook endpoint of the NGO token's organisation (so its ADMIN and that NGO both manage it). */
  webhookEndpointId: () => Promise<string>;
  /** A delivery to such an endpoint (an assessment by that NGO, published and dispatched). */
  webhookDeliveryId: () => Promise<string>;
  /** SDG target 5.5, from the reference lists. */
  frameworkItemId: string;
  /** A new recommendation mapped to frameworkItemId (a mapping to remove). */
  mappedRecommendationId: () => Promise<string>;
  /** A write as the bootstrap admin. */
  write: (query: string, variables: Record<string, unknown>) => Promise<void>;
}

interface Operation {
  /** Which roles may call it; every other role, and anonymous callers, are refused. */
  allowed: RoleName[];
  /** A call that would succeed for an allowed role (so a refusal is only ever about access). */
  call: (f: Fixtures) => Promise<[string, Record<string, unknown>?]>;
  /** Open to anonymous callers too (@Public): a request of the public, not an act of a role. */
  anonymous?: true;
  /** false: a mutation that writes no audit entry (e.g. one whose only data is a member of the public's address). */
  audited?: false;
}

let counter = 0;
const next = () => ++counter;

/**
 * The authorization matrix: every query and mutation of the schema, who may
 * call it. A test checks that this table names exactly the schema's operations,
 * so a new operation cannot be added without deciding who may call it.
 */
const MATRIX: Record<string, Operation> = {
  'Query.organizations': { allowed: EVERYONE, call: async () => ['{ organizations { id } }'] },
  'Query.people': { allowed: EVERYONE, call: async () => ['{ people { id } }'] },
  'Query.organizationsConnection': { allowed: EVERYONE, call: async () => ['{ organizationsConnection(first: 5) { totalCount edges { node { id } } } }'] },
  'Query.peopleConnection': { allowed: EVERYONE, call: async () => ['{ peopleConnection(first: 5) { totalCount edges { node { id } } } }'] },
  'Query.meetings': { allowed: EVERYONE, call: async () => ['{ meetings { totalCount } }'] },
  'Query.node': { allowed: EVERYONE, call: async (f) => ['query ($id: ID!) { node(id: $id) { id } }', { id: f.meetingId }] },
  'Query.nodes': { allowed: EVERYONE, call: async (f) => ['query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [f.meetingId] }] },
  'Query.meeting': { allowed: EVERYONE, call: async (f) => ['query ($id: ID!) { meeting(id: $id) { id } }', { id: f.meetingId }] },
  'Query.barriers': { allowed: EVERYONE, call: async () => ['{ barriers { id } }'] },
  'Query.barriersConnection': { allowed: EVERYONE, call: async () => ['{ barriersConnection(first: 5) { totalCount edges { node { id } } } }'] },
  'Query.recommendations': { allowed: EVERYONE, call: async () => ['{ recommendations { totalCount } }'] },
  'Query.recommendation': {
    allowed: EVERYONE,
    call: async (f) => ['query ($id: ID!) { recommendation(id: $id) { id } }', { id: await f.recommendationId() }],
  },
  'Query.actionPlans': { allowed: EVERYONE, call: async () => ['{ actionPlans { id } }'] },
  'Query.indicators': { allowed: EVERYONE, call: async () => ['{ indicators { totalCount } }'] },
  'Query.indicator': { allowed: EVERYONE, call: async (f) => ['query ($id: ID!) { indicator(id: $id) { id } }', { id: f.indicatorId }] },
  'Query.progressSummary': { allowed: EVERYONE, call: async () => ['{ progressSummary(year: 2025) { recommendationsTotal } }'] },
  'Query.reportingCompleteness': {
    allowed: EVERYONE,
    call: async () => ['{ reportingCompleteness(year: 2025) { organizationId periods { period expected } totals { reported } } }'],
  },
  'Query.apiTokens': { allowed: ['ADMIN'], call: async () => ['{ apiTokens { id } }'] },
  // A person's own choices: every role may, but only as a person (a session or a personal token,
  // see test/notification-digests.e2e-spec.ts); these shared tokens are nobody, so FORBIDDEN for all.
  'Query.notificationPreferences': { allowed: [], call: async () => ['{ notificationPreferences { kind delivery } }'] },
  'Mutation.setNotificationPreference': {
    allowed: [],
    call: async () => ['mutation { setNotificationPreference(input: { kind: VALUE_SUBMITTED, delivery: DAILY }) { kind delivery } }'],
  },
  'Query.auditLog': { allowed: ['ADMIN', 'ANALYST'], call: async () => ['{ auditLog { totalCount } }'] },
  'Query.mayApproveOwnValues': { allowed: EVERYONE, call: async () => ['{ mayApproveOwnValues }'] },
  'Query.valueReviewQueue': { allowed: EVERYONE, call: async () => ['{ valueReviewQueue { period } }'] },
  'Mutation.reviewValue': {
    allowed: EDITORS,
    call: async (f) => [
      'mutation ($v: ID!) { reviewValue(input: { versionId: $v, decision: APPROVE }) { reviewStatus } }',
      { v: await f.submittedVersionId() },
    ],
  },
  'Query.assessments': { allowed: EVERYONE, call: async () => ['{ assessments { totalCount } }'] },
  'Mutation.submitAssessment': {
    // Only a civil-society organisation assesses, for itself; the secretariat moderates.
    allowed: ['NGO'],
    call: async (f) => [
      'mutation ($r: ID!) { submitAssessment(input: { recommendationId: $r, status: STALLED, text: "Stalled" }) { id } }',
      { r: await f.recommendationId() },
    ],
  },
  'Mutation.publishAssessment': {
    allowed: EDITORS,
    call: async (f) => ['mutation ($id: ID!) { publishAssessment(input: { id: $id }) { id } }', { id: await f.submittedAssessmentId() }],
  },
  'Mutation.returnAssessment': {
    allowed: EDITORS,
    call: async (f) => ['mutation ($id: ID!) { returnAssessment(input: { id: $id, reason: "Form" }) { id } }', { id: await f.submittedAssessmentId() }],
  },
  // Anyone may ask to follow a record by e-mail, without a token; the address is personal data, so
  // nothing is audited (the request leaves a pending follow, and a mail job at most).
  'Mutation.followByEmail': {
    allowed: EVERYONE,
    anonymous: true,
    audited: false,
    call: async (f) => ['mutation ($r: ID!) { followByEmail(input: { email: "matrix@example.kg", recommendationId: $r, language: RU }) }', { r: await f.recommendationId() }],
  },
  'Query.frameworkItems': { allowed: EVERYONE, call: async () => ['{ frameworkItems(framework: SDG) { id code title } }'] },
  'Mutation.mapToFrameworkItem': {
    allowed: EDITORS,
    call: async (f) => [
      'mutation ($i: ID!, $r: ID!) { mapToFrameworkItem(input: { frameworkItemId: $i, recommendationId: $r }) { id } }',
      { i: f.frameworkItemId, r: await f.recommendationId() },
    ],
  },
  'Mutation.unmapFromFrameworkItem': {
    allowed: EDITORS,
    call: async (f) => [
      'mutation ($i: ID!, $r: ID!) { unmapFromFrameworkItem(input: { frameworkItemId: $i, recommendationId: $r }) { id } }',
      { i: f.frameworkItemId, r: await f.mappedRecommendationId() },
    ],
  },
  'Mutation.updateFrameworkItem': {
    allowed: ['ADMIN'],
    call: async (f) => ['mutation ($i: ID!) { updateFrameworkItem(input: { id: $i, titleTranslations: [{ locale: EN, text: "Women in leadership" }] }) { id } }', { i: f.frameworkItemId }],
  },
  'Mutation.createOrganization': {
    allowed: EDITORS,
    call: async () => ['mutation ($n: String!) { createOrganization(input: { name: $n, kind: NGO }) { id } }', { n: `Org ${next()}` }],
  },
  'Mutation.createPerson': { allowed: EDITORS, call: async () => ['mutation { createPerson(input: { fullName: "A. Person" }) { id } }'] },
  'Mutation.createMeeting': {
    allowed: EDITORS,
    call: async () => ['mutation { createMeeting(input: { title: "Hearing", heldOn: "2025-01-01", format: HEARING }) { id } }'],
  },
  'Mutation.updateMeeting': {
    allowed: EDITORS,
    call: async (f) => ['mutation ($id: ID!) { updateMeeting(id: $id, input: { format: WORKSHOP }) { id } }', { id: f.meetingId }],
  },
  'Mutation.createBarrier': {
    allowed: EDITORS,
    call: async (f) => [
      'mutation ($m: ID!) { createBarrier(input: { title: "Barrier", category: LEGAL, meetingIds: [$m] }) { id } }',
      { m: f.meetingId },
    ],
  },
  'Mutation.updateBarrier': {
    allowed: EDITORS,
    call: async (f) => ['mutation ($id: ID!) { updateBarrier(id: $id, input: { category: SOCIAL_SUPPORT }) { id } }', { id: f.barrierId }],
  },
  'Mutation.createRecommendation': {
    allowed: EDITORS,
    call: async (f) => [
      'mutation ($m: ID!) { createRecommendation(input: { title: "R", kind: QUOTA, meetingId: $m }) { id } }',
      { m: f.meetingId },
    ],
  },
  'Mutation.updateRecommendation': {
    allowed: EDITORS,
    call: async (f) => [
      'mutation ($id: ID!) { updateRecommendation(id: $id, input: { title: "Renamed" }) { id } }',
      { id: await f.recommendationId() },
    ],
  },
  'Mutation.transitionRecommendation': {
    // MINISTRY: for recommendations its organisation is responsible for (the fixture's are).
    allowed: ['ADMIN', 'EDITOR', 'MINISTRY'],
    call: async (f) => [
      'mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { id } }',
      { id: await f.recommendationId() },
    ],
  },
  'Mutation.createActionPlan': {
    allowed: EDITORS,
    call: async () => [
      'mutation ($c: String!) { createActionPlan(input: { code: $c, title: "Plan", startYear: 2024, endYear: 2027 }) { id } }',
      { c: `AP-${next()}` },
    ],
  },
  'Mutation.updateActionPlan': {
    allowed: EDITORS,
    call: async (f) => ['mutation ($id: ID!) { updateActionPlan(id: $id, input: { approvedBy: "Decree" }) { id } }', { id: f.planId }],
  },
  'Mutation.createIndicator': {
    allowed: EDITORS,
    call: async (f) => [
      'mutation ($p: ID!, $c: String!) { createIndicator(input: { actionPlanId: $p, code: $c, name: "I", unit: "%", direction: INCREASE }) { id } }',
      { p: f.planId, c: `I-${next()}` },
    ],
  },
  'Mutation.updateIndicator': {
    // Not MINISTRY, even for its own organisation's indicators: creating one is for editors only.
    allowed: EDITORS,
    call: async (f) => ['mutation ($id: ID!) { updateIndicator(id: $id, input: { baselineValue: 12 }) { id } }', { id: f.indicatorId }],
  },
  'Mutation.setIndicatorTarget': {
    allowed: ['ADMIN', 'EDITOR', 'MINISTRY'],
    call: async (f) => ['mutation ($i: ID!) { setIndicatorTarget(indicatorId: $i, year: 2026, value: 40) { id } }', { i: f.indicatorId }],
  },
  'Mutation.setIndicatorMilestone': {
    allowed: ['ADMIN', 'EDITOR', 'MINISTRY'],
    call: async (f) => ['mutation ($i: ID!) { setIndicatorMilestone(indicatorId: $i, year: 2026, quarter: 2, value: 40) { id } }', { i: f.quarterlyIndicatorId }],
  },
  'Mutation.recordIndicatorValue': {
    allowed: ['ADMIN', 'EDITOR', 'MINISTRY'],
    call: async (f) => [
      'mutation ($i: ID!) { recordIndicatorValue(input: { indicatorId: $i, period: "2025", value: 30, correctionReason: "matrix" }) { id } }',
      { i: f.indicatorId },
    ],
  },
  'Query.dimensions': { allowed: EVERYONE, call: async () => ['{ dimensions { code members { code } } }'] },
  'Mutation.createDimension': {
    allowed: ['ADMIN'],
    call: async () => ['mutation ($c: String!) { createDimension(input: { code: $c, name: "Disability" }) { id } }', { c: `DIS-${next()}` }],
  },
  'Mutation.createDimensionMember': {
    allowed: ['ADMIN'],
    call: async () => [
      'mutation ($c: String!) { createDimensionMember(input: { dimensionCode: "TERRITORY", code: $c, name: "Tong district", parentCode: "ISSYK-KUL" }) { id } }',
      { c: `TONG-${next()}` },
    ],
  },
  'Mutation.setIndicatorDimensions': {
    allowed: EDITORS,
    call: async (f) => [
      'mutation ($i: ID!) { setIndicatorDimensions(input: { indicatorId: $i, dimensionCodes: ["SEX"], totalSource: DERIVED }) { id } }',
      { i: f.breakdownIndicatorId },
    ],
  },
  'Mutation.recordIndicatorValueBreakdown': {
    allowed: ['ADMIN', 'EDITOR', 'MINISTRY'],
    call: async (f) => [
      `mutation ($i: ID!) { recordIndicatorValueBreakdown(input: { indicatorId: $i, period: "2025", correctionReason: "matrix",
         cells: [{ members: ["F"], value: 3 }, { members: ["M"], value: 4 }] }) { id } }`,
      { i: f.breakdownIndicatorId },
    ],
  },
  'Mutation.setFocalPoints': {
    allowed: ['ADMIN'],
    call: async (f) => ['mutation ($o: ID!) { setFocalPoints(input: { organizationId: $o, userIds: [] }) { id } }', { o: f.orgId }],
  },
  'Mutation.createApiToken': {
    allowed: ['ADMIN'],
    call: async () => ['mutation ($n: String!) { createApiToken(input: { name: $n, role: VIEWER }) { token } }', { n: `t-${next()}` }],
  },
  'Mutation.revokeApiToken': {
    allowed: ['ADMIN'],
    call: async (f) => ['mutation ($id: ID!) { revokeApiToken(id: $id) { id } }', { id: await f.tokenId() }],
  },
  // Webhooks: ADMIN manages every endpoint, an NGO its own organisation's (the fixtures' are the NGO token's).
  'Query.webhookEndpoints': { allowed: ['ADMIN', 'NGO'], call: async () => ['{ webhookEndpoints { id } }'] },
  'Query.webhookEndpoint': {
    allowed: ['ADMIN', 'NGO'],
    call: async (f) => ['query ($id: ID!) { webhookEndpoint(id: $id) { id deliveries(first: 5) { totalCount } } }', { id: await f.webhookEndpointId() }],
  },
  'Mutation.createWebhookEndpoint': {
    allowed: ['ADMIN', 'NGO'],
    call: async () => ['mutation { createWebhookEndpoint(input: { url: "https://93.184.215.14/hook", eventTypes: [ASSESSMENT_PUBLISHED] }) { secret } }'],
  },
  'Mutation.updateWebhookEndpoint': {
    allowed: ['ADMIN', 'NGO'],
    call: async (f) => ['mutation ($id: ID!) { updateWebhookEndpoint(input: { id: $id, description: "Changed" }) { id } }', { id: await f.webhookEndpointId() }],
  },
  'Mutation.rotateWebhookEndpointSecret': {
    allowed: ['ADMIN', 'NGO'],
    call: async (f) => ['mutation ($id: ID!) { rotateWebhookEndpointSecret(id: $id) { secret } }', { id: await f.webhookEndpointId() }],
  },
  'Mutation.deleteWebhookEndpoint': {
    allowed: ['ADMIN', 'NGO'],
    call: async (f) => ['mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }', { id: await f.webhookEndpointId() }],
  },
  'Mutation.redeliverWebhook': {
    allowed: ['ADMIN', 'NGO'],
    call: async (f) => ['mutation ($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }', { id: await f.webhookDeliveryId() }],
  },
};

const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name role createdAt lastUsedAt revokedAt organization { id } } }
}`;

interface SubscriptionRow {
  /** Which roles may subscribe; every other role, and anonymous callers, are refused. */
  allowed: RoleName[];
  /** The subscription, and a write that makes it send a message (none: it sends one at once). */
  subscribe: (f: Fixtures) => Promise<{ query: string; variables?: Record<string, unknown>; trigger?: () => Promise<void> }>;
}

const TRANSITION = 'mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { id } }';

/** The Subscription fields (over WebSocket, graphql-ws), like MATRIX for queries and mutations. */
const SUBSCRIPTION_MATRIX: Record<string, SubscriptionRow> = {
  'Subscription.publicEvent': {
    allowed: EVERYONE,
    subscribe: async (f) => {
      const id = await f.recommendationId();
      return {
        query: 'subscription ($id: ID) { publicEvent(recommendationId: $id) { id recommendation { id } } }',
        variables: { id },
        trigger: async () => {
          await f.write(TRANSITION, { id });
        },
      };
    },
  },
  'Subscription.dataVersionChanged': { allowed: EVERYONE, subscribe: async () => ({ query: 'subscription { dataVersionChanged { version } }' }) },
};

describe('access control', () => {
  let t: TestApp;
  let f: Fixtures;
  const tokens = {} as Record<RoleName, string>;
  let ministryOrgId: string;
  let ngoOrgId: string;

  const createToken = async (input: Record<string, unknown>) => {
    const res = await t.gqlOk(CREATE_TOKEN, { input });
    return res.createApiToken as { token: string; apiToken: { id: string; name: string } };
  };
  const auditCount = async () =>
    (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM audit_entry'))[0].n;

  beforeAll(async () => {
    // Mail on (SMTP_URL) so that followByEmail is offered; no job worker runs here, so nothing is sent.
    t = await createTestApp({ SMTP_URL: 'smtp://127.0.0.1:9' });
    await t.app.listen(0, '127.0.0.1');
    ministryOrgId = (await createOrganization(t, { kind: 'MINISTRY' })).id;
    ngoOrgId = (await createOrganization(t, { kind: 'NGO' })).id;
    const organizationOf: Partial<Record<RoleName, string>> = { MINISTRY: ministryOrgId, NGO: ngoOrgId };
    for (const role of ROLES) {
      const input = { name: `${role.toLowerCase()}-token`, role, organizationId: organizationOf[role] ?? null };
      tokens[role] = (await createToken(input)).token;
    }
    const meetingId = (await createMeeting(t)).id;
    const planId = (await createActionPlan(t)).id;
    f = {
      frameworkItemId: (await t.sql<{ id: string }>("SELECT id FROM framework_item WHERE framework = 'SDG' AND code = '5.5'"))[0].id,
      orgId: ministryOrgId,
      meetingId,
      barrierId: (await createBarrier(t, { meetingIds: [meetingId] })).id,
      planId,
      indicatorId: (await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: ministryOrgId })).id,
      quarterlyIndicatorId: (
        await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: ministryOrgId, reportingFrequency: 'QUARTERLY' })
      ).id,
      breakdownIndicatorId: await (async () => {
        const { id } = await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: ministryOrgId });
        await t.gqlOk('mutation ($i: ID!) { setIndicatorDimensions(input: { indicatorId: $i, dimensionCodes: ["SEX"], totalSource: DERIVED }) { id } }', { i: id });
        return id;
      })(),
      recommendationId: async () =>
        (
          await t.gqlOk(
            'mutation ($m: ID!, $o: ID!) { createRecommendation(input: { title: "R", kind: QUOTA, meetingId: $m, responsibleOrganizationIds: [$o] }) { id } }',
            { m: meetingId, o: ministryOrgId },
          )
        ).createRecommendation.id,
      write: async (query, variables) => {
        await t.gqlOk(query, variables);
      },
      mappedRecommendationId: async () => {
        const r = await f.recommendationId();
        await t.gqlOk('mutation ($i: ID!, $r: ID!) { mapToFrameworkItem(input: { frameworkItemId: $i, recommendationId: $r }) { id } }', { i: f.frameworkItemId, r });
        return r;
      },
      tokenId: async () => (await createToken({ name: `victim-${next()}`, role: 'VIEWER' })).apiToken.id,
      submittedVersionId: async () => {
        const indicator = await createIndicator(t, { actionPlanId: planId, responsibleOrganizationId: ministryOrgId });
        const res = await t.gql(
          'mutation ($i: ID!) { recordIndicatorValue(input: { indicatorId: $i, period: "2025", value: 5 }) { versions { id } } }',
          { i: indicator.id },
          { authorization: bearer(tokens.MINISTRY) },
        );
        return res.data!.recordIndicatorValue.versions[0].id as string;
      },
      webhookEndpointId: async () =>
        (
          await t.gqlOk(
            'mutation ($o: ID!) { createWebhookEndpoint(input: { url: "https://93.184.215.14/hook", eventTypes: [ASSESSMENT_PUBLISHED], organizationId: $o }) { endpoint { id } } }',
            { o: ngoOrgId },
          )
        ).createWebhookEndpoint.endpoint.id,
      webhookDeliveryId: async () => {
        const endpointId = await f.webhookEndpointId();
        const assessmentId = await f.submittedAssessmentId();
        await t.gqlOk('mutation ($id: ID!) { publishAssessment(input: { id: $id }) { id } }', { id: assessmentId });
        const [event] = await t.sql<{ id: string }>(`SELECT id FROM public_event WHERE type = 'assessment.published' AND data->>'assessmentId' = (SELECT assessment_id::text FROM assessment_version WHERE id = $1)`, [assessmentId]);
        await t.app.get(PublicEventsService).dispatch(event.id);
        return (await t.sql<{ id: string }>('SELECT id FROM webhook_delivery WHERE endpoint_id = $1', [endpointId]))[0].id;
      },
      submittedAssessmentId: async () => {
        const res = await t.gql(
          'mutation ($r: ID!) { submitAssessment(input: { recommendationId: $r, status: STALLED, text: "Stalled" }) { id } }',
          { r: await f.recommendationId() },
          { authorization: bearer(tokens.NGO) },
        );
        return res.data!.submitAssessment.id as string;
      },
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has a row in the matrix for every query and mutation of the schema, and no other', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const operations = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((name) => `Query.${name}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((name) => `Mutation.${name}`),
    ].sort();
    expect(Object.keys(MATRIX).sort()).toEqual(operations);
  });

  describe.each(Object.entries(MATRIX))('%s', (name, operation) => {
    it.each(ROLES)(`as %s is ${'allowed or refused by the matrix'}`, async (role) => {
      const [query, variables] = await operation.call(f);
      const before = await auditCount();
      const res = await t.gql(query, variables, { authorization: bearer(tokens[role]) });
      if (operation.allowed.includes(role)) {
        expect(res.errors).toBeUndefined();
        if (name.startsWith('Mutation.')) expect(await auditCount()).toBe(operation.audited === false ? before : before + 1);
      } else {
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
        expect(res.data).toBeNull();
        expect(await auditCount()).toBe(before);
      }
    });

    it(operation.anonymous ? 'is allowed anonymously' : 'is refused anonymously with UNAUTHENTICATED and changes nothing', async () => {
      const [query, variables] = await operation.call(f);
      const before = await auditCount();
      const res = await t.gql(query, variables, { authorization: '' });
      if (operation.anonymous) expect(res.errors).toBeUndefined();
      else expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(await auditCount()).toBe(before);
    });
  });

  it('has a row in the subscription matrix for every subscription field, and no other', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    expect(Object.keys(SUBSCRIPTION_MATRIX).sort()).toEqual(Object.keys(schema.getSubscriptionType()!.getFields()).map((name) => `Subscription.${name}`).sort());
  });

  describe.each(Object.entries(SUBSCRIPTION_MATRIX))('%s', (_name, row) => {
    it.each(ROLES)(`as %s is ${'allowed or refused by the matrix'}`, async (role) => {
      const client = liveClient(subscriptionUrl(t.app), bearer(tokens[role]));
      try {
        const { query, variables, trigger } = await row.subscribe(f);
        const received = collect(client, query, variables);
        if (row.allowed.includes(role)) {
          // Registered once the subscription is running: give it a moment before the write it waits for.
          await new Promise((resolve) => setTimeout(resolve, 200));
          await trigger?.();
          await until(() => received.data.length > 0 || received.completed);
          expect(received.errors).toEqual([]);
          expect(received.data).toHaveLength(1);
        } else {
          await until(() => received.completed);
          expect(received.errors.flat().map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
          expect(received.data).toEqual([]);
        }
      } finally {
        await client.dispose();
      }
    });

    it('is refused anonymously: the connection is closed UNAUTHENTICATED (4401)', async () => {
      const client = liveClient(subscriptionUrl(t.app));
      try {
        expect(await client.closed).toEqual({ code: 4401, reason: expect.stringMatching(/^UNAUTHENTICATED: /) });
      } finally {
        await client.dispose();
      }
    });
  });

  describe('tokens', () => {
    it('stores only a hash of the secret, which is long and random', async () => {
      const { token, apiToken } = await createToken({ name: 'dashboard', role: 'VIEWER' });
      expect(token).toMatch(/^rtt_[A-Za-z0-9_-]{43}$/);
      const rows = await t.sql('SELECT * FROM api_token WHERE id = $1', [apiToken.id]);
      expect(JSON.stringify(rows)).not.toContain(token.slice(4));
      expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses unknown, revoked and malformed credentials with UNAUTHENTICATED', async () => {
      const { token, apiToken } = await createToken({ name: 'to-revoke', role: 'EDITOR' });
      expect((await t.gql('{ organizations { id } }', {}, { authorization: bearer(token) })).errors).toBeUndefined();
      const revoked = await t.gqlOk('mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', { id: apiToken.id });
      expect(revoked.revokeApiToken.revokedAt).toEqual(expect.any(String));
      for (const authorization of [bearer(token), bearer('rtt_unknown'), 'Basic abc', `Bearer`, token]) {
        const res = await t.gql('{ organizations { id } }', {}, { authorization });
        expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      }
    });

    it('requires an organisation for MINISTRY and NGO tokens, and only for them', async () => {
      for (const input of [
        { name: 'm', role: 'MINISTRY' },
        { name: 'n', role: 'NGO' },
        { name: 'v', role: 'VIEWER', organizationId: ministryOrgId },
        { name: 'v', role: 'VIEWER', organizationId: ngoOrgId },
      ]) {
        const res = await t.gql(CREATE_TOKEN, { input });
        expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(res.errors?.[0].message).toContain('organizationId');
      }
      const unknownOrg = await t.gql(CREATE_TOKEN, {
        input: { name: 'm', role: 'MINISTRY', organizationId: '7d1b1c9e-0000-4000-8000-000000000000' },
      });
      expect(unknownOrg.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      // An NGO token acts for a civil-society organisation, never for a ministry.
      const before = (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM api_token'))[0].n;
      const ministryNgo = await t.gql(CREATE_TOKEN, { input: { name: 'n', role: 'NGO', organizationId: ministryOrgId } });
      expect(ministryNgo.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(ministryNgo.errors?.[0].extensions?.reason).toBe('notNgo');
      expect((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM api_token'))[0].n).toBe(before);
    });

    it('lists tokens for ADMIN with lastUsedAt kept, never the secret', async () => {
      const { token, apiToken } = await createToken({ name: 'used', role: 'ANALYST' });
      await t.gql('{ organizations { id } }', {}, { authorization: bearer(token) });
      const deadline = Date.now() + 5000;
      let lastUsedAt: string | null = null;
      while (!lastUsedAt && Date.now() < deadline) {
        const { apiTokens } = await t.gqlOk('{ apiTokens { id name role lastUsedAt } }');
        lastUsedAt = apiTokens.find((x: { id: string }) => x.id === apiToken.id).lastUsedAt;
      }
      expect(lastUsedAt).toEqual(expect.any(String));
    });

    it('puts the token name in changedBy and recordedBy', async () => {
      const id = await f.recommendationId();
      const res = await t.gql(
        'mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { statusHistory { changedBy } } }',
        { id },
        { authorization: bearer(tokens.MINISTRY) },
      );
      expect(res.data!.transitionRecommendation.statusHistory.at(-1)).toEqual({ changedBy: 'ministry-token' });
      const value = await t.gql(
        'mutation ($i: ID!) { recordIndicatorValue(input: { indicatorId: $i, period: "2024", value: 1, correctionReason: "recorder" }) { recordedBy versions { submittedBy } } }',
        { i: f.indicatorId },
        { authorization: bearer(tokens.EDITOR) },
      );
      expect(value.data!.recordIndicatorValue).toEqual({ recordedBy: 'editor-token', versions: [{ submittedBy: 'editor-token' }] });
    });
  });

  describe('MINISTRY tokens act only for their organisation', () => {
    it('refuses recommendations and indicators another organisation is responsible for', async () => {
      const otherOrg = (await createOrganization(t)).id;
      const { createRecommendation } = await t.gqlOk(
        'mutation ($m: ID!, $o: ID!) { createRecommendation(input: { title: "Other", kind: QUOTA, meetingId: $m, responsibleOrganizationIds: [$o] }) { id } }',
        { m: f.meetingId, o: otherOrg },
      );
      const otherIndicator = await createIndicator(t, { actionPlanId: f.planId, responsibleOrganizationId: otherOrg });
      const unowned = await createIndicator(t, { actionPlanId: f.planId });
      const as = { authorization: bearer(tokens.MINISTRY) };
      const before = await auditCount();
      const attempts = [
        t.gql('mutation ($id: ID!) { transitionRecommendation(input: { id: $id, to: UNDER_REVIEW }) { id } }', { id: createRecommendation.id }, as),
        t.gql('mutation ($i: ID!) { recordIndicatorValue(input: { indicatorId: $i, period: "2025", value: 1 }) { id } }', { i: otherIndicator.id }, as),
        t.gql('mutation ($i: ID!) { recordIndicatorValue(input: { indicatorId: $i, period: "2025", value: 1 }) { id } }', { i: unowned.id }, as),
        t.gql('mutation ($i: ID!) { setIndicatorTarget(indicatorId: $i, year: 2026, value: 1) { id } }', { i: otherIndicator.id }, as),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      expect(await auditCount()).toBe(before);
      const [{ status }] = await t.sql('SELECT status::text FROM recommendation WHERE id = $1', [createRecommendation.id]);
      expect(status).toBe('PROPOSED');
    });
  });
});

describe('access control with PUBLIC_READ=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_READ: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets anonymous callers read as VIEWER, and nothing more', async () => {
    const anonymous = { authorization: '' };
    expect((await t.gql('{ recommendations { totalCount } progressSummary(year: 2025) { year } }', {}, anonymous)).errors).toBeUndefined();
    for (const query of ['{ auditLog { totalCount } }', '{ apiTokens { id } }', 'mutation { createPerson(input: { fullName: "X" }) { id } }']) {
      const res = await t.gql(query, {}, anonymous);
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    // A token that is sent must still be valid.
    const bad = await t.gql('{ organizations { id } }', {}, { authorization: bearer('rtt_nope') });
    expect(bad.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
