import { validateEnvironment } from '../config/environment';

describe('digest settings', () => {
  it('validates DIGEST_HOUR (0–23), default 7', () => {
    expect(validateEnvironment({}).DIGEST_HOUR).toBe(7);
    expect(validateEnvironment({ DIGEST_HOUR: '0' }).DIGEST_HOUR).toBe(0);
    expect(validateEnvironment({ DIGEST_HOUR: '23' }).DIGEST_HOUR).toBe(23);
    expect(() => validateEnvironment({ DIGEST_HOUR: '24' })).toThrow(/DIGEST_HOUR/);
    expect(() => validateEnvironment({ DIGEST_HOUR: 'seven' })).toThrow(/DIGEST_HOUR/);
  });
});
