import { validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the defaults', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      MIGRATIONS_RUN: true,
      SEED_DEMO: true,
      PUBLIC_READ: false,
      GRAPHQL_MAX_DEPTH: 10,
      APP_TIMEZONE: 'Asia/Bishkek',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.ADMIN_TOKEN).toBeUndefined();
  });

  it('reads the content locales: the default, and the fallback order as a list of locales', () => {
    expect(validateEnvironment({})).toMatchObject({ DEFAULT_CONTENT_LOCALE: 'en', CONTENT_FALLBACK_LOCALES: ['ru', 'en', 'ky'] });
    expect(validateEnvironment({ DEFAULT_CONTENT_LOCALE: 'ky', CONTENT_FALLBACK_LOCALES: ' RU , ky' })).toMatchObject({
      DEFAULT_CONTENT_LOCALE: 'ky',
      CONTENT_FALLBACK_LOCALES: ['ru', 'ky'],
    });
    expect(() => validateEnvironment({ DEFAULT_CONTENT_LOCALE: 'de' })).toThrow(/DEFAULT_CONTENT_LOCALE/);
    expect(() => validateEnvironment({ CONTENT_FALLBACK_LOCALES: 'ru,de' })).toThrow(/CONTENT_FALLBACK_LOCALES/);
    expect(() => validateEnvironment({ CONTENT_FALLBACK_LOCALES: 'ru,ru' })).toThrow(/CONTENT_FALLBACK_LOCALES/);
  });

  it('parses numbers and booleans', () => {
    expect(validateEnvironment({ PORT: '8080', SEED_DEMO: 'false', PUBLIC_READ: '1' })).toMatchObject({
      PORT: 8080,
      SEED_DEMO: false,
      PUBLIC_READ: true,
    });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: '0' }],
    ['DATABASE_POOL_SIZE', { DATABASE_POOL_SIZE: 'ten' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
    ['ADMIN_TOKEN', { ADMIN_TOKEN: 'too-short' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'javascript:alert(1)' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'javascript://alert(1)' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'https://evil.example"><script>' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'https://user:pass@tracker.example.kg' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'https://tracker.example.kg/?next=x' }],
    ['REQUEST_BODY_LIMIT', { REQUEST_BODY_LIMIT: 'a lot' }],
    ['APP_TIMEZONE', { APP_TIMEZONE: 'Mars/Olympus' }],
    ['RATE_LIMIT_REDIS_PREFIX', { RATE_LIMIT_REDIS_PREFIX: 'has spaces' }],
    ['RATE_LIMIT_REDIS_PREFIX', { RATE_LIMIT_REDIS_PREFIX: '' }],
  ])('stops with a message naming %s', (name, raw) => {
    expect(() => validateEnvironment(raw)).toThrow(new RegExp(name));
  });
});
