import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** Argon2 algorithm id of @node-rs/argon2 (its const enum is not usable with isolatedModules). */
const ARGON2ID = 2;

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane), run on
 * libuv's thread pool by @node-rs/argon2 (a prebuilt binary in the npm package).
 */
@Injectable()
export class PasswordHasher implements OnApplicationBootstrap {
  /** Verified against for unknown emails, so they take as long as a wrong password. */
  private dummyHash: Promise<string> | null = null;

  /** Made at start, so that the first unknown email does not take twice as long as a wrong password. */
  async onApplicationBootstrap(): Promise<void> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.dummyHash;
  }

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash is a failed verification, never a sign-in.
      return false;
    }
  }

  /** Spends the time of one verification, for a sign-in that cannot succeed. */
  async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
