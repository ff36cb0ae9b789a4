import { validateEnvironment } from '../config/environment';
import { buildDataSourceOptions, databasePoolSize } from './data-source-options';

describe('databasePoolSize', () => {
  it('is 4 on the embedded database and 10 on a server, unless DATABASE_POOL_SIZE says', () => {
    expect(databasePoolSize(validateEnvironment({}))).toBe(4);
    expect(databasePoolSize(validateEnvironment({ DATABASE_POOL_SIZE: '' }))).toBe(4);
    expect(databasePoolSize(validateEnvironment({ DATABASE_URL: 'postgres://db/tracker' }))).toBe(10);
    expect(databasePoolSize(validateEnvironment({ DATABASE_POOL_SIZE: '12' }))).toBe(12);
    expect(databasePoolSize(validateEnvironment({ DATABASE_URL: 'postgres://db/tracker', DATABASE_POOL_SIZE: '3' }))).toBe(3);
  });

  it('is the pool every server gets', () => {
    const replicated = buildDataSourceOptions({ DATABASE_URL: 'postgres://db/tracker', DATABASE_REPLICA_URLS: 'postgres://replica/tracker' });
    expect(replicated).toMatchObject({ poolSize: 10 });
    expect(buildDataSourceOptions({})).toMatchObject({ poolSize: 4 });
  });
});

describe('buildDataSourceOptions', () => {
  it('turns JIT off on each new connection of every pool unless DATABASE_JIT', async () => {
    const queries: string[] = [];
    const client = { query: async (sql: string) => void queries.push(sql) };
    for (const env of [{}, { DATABASE_URL: 'postgres://db/tracker' }, { DATABASE_URL: 'postgres://db/tracker', DATABASE_REPLICA_URLS: 'postgres://replica/tracker' }]) {
      const { extra } = buildDataSourceOptions(validateEnvironment(env)) as { extra: { onConnect?: (c: typeof client) => Promise<void> } };
      await extra.onConnect!(client);
    }
    expect(queries).toEqual(['SET jit = off', 'SET jit = off', 'SET jit = off']);
    expect((buildDataSourceOptions(validateEnvironment({ DATABASE_JIT: 'true' })) as { extra: object }).extra).not.toHaveProperty('onConnect');
  });
});
