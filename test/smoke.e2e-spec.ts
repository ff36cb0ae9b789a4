import { createTestApp, TestApp } from './support/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a query', async () => {
    const res = await t.gql('{ organizations { id name } meetings { totalCount } }');
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ organizations: [], meetings: { totalCount: 0 } });
  });
});
