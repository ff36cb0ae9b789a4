import { validateEnvironment } from '../config/environment';
import { buildDataSourceOptions, databasePoolSize } from './data-source-options';

describe('databasePoolSize', () => {
  it('is 5 on the embedded database and 10 on a server, unless DATABASE_POOL_SIZE says', () => {
    expect(databasePoolSize(validateEnvironment({}))).toBe(5);
    expect(databasePoolSize(validateEnvironment({ DATABASE_POOL_SIZE: '' }))).toBe(5);
    expect(databasePoolSize(validateEnvironment({ DATABASE_URL: 'postgres://db/tracker' }))).toBe(10);
    expect(databasePoolSize(validateEnvironment({ DATABASE_POOL_SIZE: '12' }))).toBe(12);
    expect(databasePoolSize(validateEnvironment({ DATABASE_URL: 'postgres://db/tracker', DATABASE_POOL_SIZE: '3' }))).toBe(3);
  });

  it('is the pool every server gets', () => {
    const replicated = buildDataSourceOptions({ DATABASE_URL: 'postgres://db/tracker', DATABASE_REPLICA_URLS: 'postgres://replica/tracker' });
    expect(replicated).toMatchObject({ poolSize: 10 });
    expect(buildDataSourceOptions({})).toMatchObject({ poolSize: 5 });
  });
});
