import { createMeeting } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

/**
 * One shape for the version a change was made to: `input.expectedVersion` on every update, as
 * transitionRecommendation and reviewValue take it; the older `expectedVersion` argument keeps
 * working, deprecated, and the two must agree when both are given.
 */
const UPDATES = ['updateMeeting', 'updateBarrier', 'updateActionPlan', 'updateIndicator', 'updateRecommendation'];

describe('expectedVersion: one shape for every mutation', () => {
  let t: TestApp;
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestApp();
    meetingId = (await createMeeting(t)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is an input field of every update, and the argument is deprecated', async () => {
    const schema = await t.gqlOk<{ __schema: { mutationType: { fields: { name: string; args: { name: string; isDeprecated: boolean; type: { name: string | null; ofType: { name: string } | null } }[] }[] } } }>(
      `{ __schema { mutationType { fields { name args(includeDeprecated: true) { name isDeprecated type { name ofType { name } } } } } } }`,
    );
    for (const name of UPDATES) {
      const field = schema.__schema.mutationType.fields.find((f) => f.name === name)!;
      expect(field.args.find((a) => a.name === 'expectedVersion')).toMatchObject({ isDeprecated: true });
      const inputType = field.args.find((a) => a.name === 'input')!.type.ofType!.name;
      const input = await t.gqlOk<{ __type: { inputFields: { name: string }[] } }>(`query ($n: String!) { __type(name: $n) { inputFields { name } } }`, { n: inputType });
      expect(input.__type.inputFields.map((f) => f.name)).toContain('expectedVersion');
    }
  });

  it('refuses a stale version given in input, and changes nothing', async () => {
    const res = await t.gql(`mutation ($id: ID!) { updateMeeting(id: $id, input: { summary: "stale", expectedVersion: 7 }) { id } }`, { id: meetingId });
    expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', subcode: 'STALE_VERSION', currentVersion: 1 });
    expect(await t.sql('SELECT version, summary FROM meeting WHERE id = $1', [meetingId])).toEqual([{ version: 1, summary: null }]);
  });

  it('applies a current version given in input, and still takes the deprecated argument', async () => {
    const first = await t.gqlOk<{ updateMeeting: { version: number } }>(`mutation ($id: ID!) { updateMeeting(id: $id, input: { summary: "one", expectedVersion: 1 }) { version } }`, { id: meetingId });
    expect(first.updateMeeting.version).toBe(2);
    const second = await t.gqlOk<{ updateMeeting: { version: number } }>(`mutation ($id: ID!) { updateMeeting(id: $id, expectedVersion: 2, input: { summary: "two" }) { version } }`, { id: meetingId });
    expect(second.updateMeeting.version).toBe(3);
  });

  it('refuses two different versions, one in each place, with BAD_USER_INPUT and no change', async () => {
    const res = await t.gql(`mutation ($id: ID!) { updateMeeting(id: $id, expectedVersion: 3, input: { summary: "both", expectedVersion: 2 }) { id } }`, { id: meetingId });
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expectedVersion' });
    expect(await t.sql('SELECT version FROM meeting WHERE id = $1', [meetingId])).toEqual([{ version: 3 }]);
    const same = await t.gqlOk<{ updateMeeting: { version: number } }>(`mutation ($id: ID!) { updateMeeting(id: $id, expectedVersion: 3, input: { summary: "agreed", expectedVersion: 3 }) { version } }`, { id: meetingId });
    expect(same.updateMeeting.version).toBe(4);
  });
});
