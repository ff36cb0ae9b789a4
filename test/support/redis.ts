import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/** The Redis the shared-cache and shared-limit tests use: TEST_REDIS_URL, else the local one (loopback only). */
export const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379/0';

/**
 * A key prefix of a test's own (for RESPONSE_CACHE_REDIS_PREFIX, RATE_LIMIT_REDIS_PREFIX): other test
 * files, and the other runs of `npm test`, share the Redis.
 */
export function testRedisPrefix(): string {
  return `test:${randomUUID()}:`;
}

/** One PING over a plain socket, in a child process so that the answer is known while tests are declared. */
const PING = `
const u = new URL(process.argv[1]);
const s = require('node:net').connect(Number(u.port || 6379), u.hostname);
s.setTimeout(1500);
s.on('connect', () => s.write('PING\\r\\n'));
s.on('data', (d) => process.exit(String(d).startsWith('+PONG') ? 0 : 1));
s.on('error', () => process.exit(1));
s.on('timeout', () => process.exit(1));`;

export function redisAnswers(url: string = REDIS_URL): boolean {
  if (url === 'none') return false;
  return spawnSync(process.execPath, ['-e', PING, url], { timeout: 5000 }).status === 0;
}

/**
 * Whether a test that needs Redis runs. Under CI (CI=true) or with TEST_REDIS_URL
 * set (other than "none") it always runs, so a missing Redis fails it; elsewhere a
 * missing Redis skips it (reported as skipped by Jest, with the reason printed),
 * never a test that passes without running. TEST_REDIS_URL=none skips it on purpose.
 */
export function redisTest(what: string): { run: boolean; it: jest.It } {
  const required = process.env.CI === 'true' || (!!process.env.TEST_REDIS_URL && process.env.TEST_REDIS_URL !== 'none');
  if (required) return { run: true, it };
  if (REDIS_URL === 'none') {
    console.warn(`[e2e] TEST_REDIS_URL=none: ${what} is skipped`);
    return { run: false, it: it.skip };
  }
  if (redisAnswers()) return { run: true, it };
  console.warn(`[e2e] no Redis at ${REDIS_URL}: ${what} is skipped (start redis-server to run it; under CI=true it fails instead)`);
  return { run: false, it: it.skip };
}
