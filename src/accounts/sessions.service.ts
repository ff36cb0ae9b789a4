import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { hashTokenSecret } from '../auth/token-secret';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { AppConfig } from '../config/app-config.service';
import { AccountsRepository } from './accounts.repository';
import { PasswordHasher } from './password-hasher';
import { csrfTokenOfSession } from './session-cookie';
import { SignInThrottle } from './sign-in-throttle';
import { User } from './user.entity';

/** last_seen_at is advanced at most this often: no write on every page view. */
const TOUCH_RESOLUTION_MS = 60_000;
const MINUTE_MS = 60_000;

/** One message for every failed sign-in, known address or not. */
export const SIGN_IN_FAILED = 'the email address or the password is not right';

export interface SignedIn {
  /** The new cookie value: a fresh session id, whatever the browser sent before (no fixation). */
  secret: string;
  user: User;
}

export interface ActiveSession {
  idHash: string;
  csrfToken: string;
  user: User;
}

/**
 * Server-side sessions: a random secret in an httpOnly cookie, its hash in
 * user_session with idle and absolute timeouts. Sign-in is throttled per email
 * and per IP and answers alike (and in similar time) for unknown addresses,
 * wrong passwords and deactivated accounts.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async signIn(
    rawEmail: string,
    password: string,
    client: { ip: string; userAgent: string | null; previousSecret: string | null },
  ): Promise<SignedIn> {
    const email = rawEmail.trim().toLowerCase().slice(0, 320);
    // Counted as a failure before the (slow) hash, so parallel attempts cannot overrun the budget.
    await this.throttle.reserveAttempt(email, client.ip);
    const user = email && password ? await this.accounts.findUserByEmail(email) : null;
    const ok =
      user?.passwordHash && !user.deactivatedAt && password.length <= 1024
        ? await this.hasher.verify(user.passwordHash, password)
        : await this.hasher.verifyDummy(password.slice(0, 1024));
    if (!ok || !user) {
      // The reservation stays: it is this failure.
      throw new DomainError(ErrorCode.UNAUTHENTICATED, SIGN_IN_FAILED, { reason: 'signInFailed' });
    }
    await this.throttle.recordSuccess(email);
    // Housekeeping off the answer's path: dead sessions are refused anyway.
    this.purgeExpired().catch(() => undefined);
    const secret = randomBytes(32).toString('base64url');
    const now = Date.now();
    await this.accounts.transaction(async (tx) => {
      // The session the browser had before (if any) ends: a signed-in browser always gets a new id.
      if (client.previousSecret) await this.accounts.deleteSession(hashTokenSecret(client.previousSecret), tx);
      await this.accounts.insertSession(tx, {
        idHash: hashTokenSecret(secret),
        userId: user.id,
        lastSeenAt: new Date(now),
        expiresAt: new Date(now + this.config.get('SESSION_ABSOLUTE_HOURS') * 60 * MINUTE_MS),
        ip: client.ip.slice(0, 64),
        userAgent: client.userAgent?.slice(0, 300) ?? null,
      });
      await this.accounts.markSignedIn(tx, user.id);
    });
    return { secret, user };
  }

  /**
   * The live session behind a cookie, with its user; null when it is unknown,
   * idle too long, past its absolute timeout, or its user is deactivated.
   * Read from the primary: a signed-out or deactivated session must end at once.
   */
  async resolve(secret: string): Promise<ActiveSession | null> {
    const idHash = hashTokenSecret(secret);
    const session = await this.accounts.findLiveSession(idHash, this.config.get('SESSION_IDLE_MINUTES'));
    if (!session?.user) return null;
    if (Date.now() - session.lastSeenAt.getTime() >= TOUCH_RESOLUTION_MS) {
      await this.accounts.touchSession(idHash);
    }
    return { idHash, csrfToken: csrfTokenOfSession(secret), user: session.user };
  }

  async signOut(secret: string): Promise<void> {
    await this.accounts.deleteSession(hashTokenSecret(secret));
  }

  /** Ends every session of the user, this one included. */
  async signOutEverywhere(actor: Actor): Promise<number> {
    if (!actor.userId) throw new DomainError(ErrorCode.FORBIDDEN, 'only a signed-in person has sessions');
    const userId = actor.userId;
    return this.accounts.transaction(async (tx) => {
      const sessionsEnded = await this.accounts.deleteSessionsOfUser(tx, userId);
      await this.audit.record(tx, {
        actor,
        action: 'user.signOutEverywhere',
        entityType: 'User',
        entityId: userId,
        before: null,
        after: { sessionsEnded },
      });
      return sessionsEnded;
    });
  }

  /** Deletes sessions past either timeout (they are refused anyway; this keeps the table small). */
  async purgeExpired(): Promise<number> {
    return this.accounts.deleteExpiredSessions(this.config.get('SESSION_IDLE_MINUTES'));
  }
}

/** The actor a session acts as: the person, with their role and organisation as they are now. */
export function actorOfSession(session: ActiveSession, requestId: string | null): Actor {
  const { user } = session;
  return {
    tokenId: null,
    userId: user.id,
    name: user.displayName,
    role: user.role,
    organizationId: user.organizationId,
    requestId,
    session: { idHash: session.idHash, csrfToken: session.csrfToken },
  };
}
