import { createTestApp, TestApp } from './support/test-app';

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'] as const;
const listeners = () => Object.fromEntries(SIGNALS.map((signal) => [signal, process.listenerCount(signal)]));

describe('smoke', () => {
  let t: TestApp;
  let before: Record<string, number>;
  beforeAll(async () => {
    before = listeners();
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

  it('stops gracefully on SIGTERM, SIGINT and SIGHUP, and leaves SIGUSR1/SIGUSR2 to Node (the inspector, heap snapshots)', () => {
    const added = Object.fromEntries(SIGNALS.map((signal) => [signal, listeners()[signal] - before[signal]]));
    expect(added).toEqual({ SIGTERM: 1, SIGINT: 1, SIGHUP: 1, SIGUSR1: 0, SIGUSR2: 0 });
  });
});
