import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix that makes a leaked token recognisable (secret scanners, logs). */
const PREFIX = 'rtt_';

/** A new secret: 32 random bytes, base64url, prefixed. */
export function generateTokenSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of the secret. A fast hash is right here: the secrets are 256-bit
 * random values, not passwords, so there is nothing to brute-force.
 */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison, for the bootstrap ADMIN_TOKEN. */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}
