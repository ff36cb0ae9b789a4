import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { ErrorCode } from '../common/errors/error-codes';

/** Who may still receive: re-identifies a caller from its credentials (the AuthGuard's one path). */
export type Identify = (req: AuthenticatedRequest) => Promise<Actor>;
/** A failure as the client sees it (the ErrorFilter's mapping). */
export type ToClientError = (error: unknown, req: AuthenticatedRequest) => GraphQLError;

const REFUSALS = new Set<unknown>([ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN]);

/**
 * The request a WebSocket connection's operations run with: the upgrade request's headers, but
 * the Authorization of `connection_init` (connectionParams.authorization), else the upgrade's own
 * header, and never its cookies (GraphQL is bearer-only: a session cookie would let any web page
 * a staff member opens subscribe as them).
 */
export function connectionRequest(upgrade: IncomingMessage, authorization: string | undefined, trustedProxies: number): AuthenticatedRequest {
  const { cookie: _cookie, authorization: _header, ...headers } = upgrade.headers;
  return {
    headers: authorization ? { ...headers, authorization } : headers,
    ip: clientAddress(upgrade, trustedProxies),
    method: 'GET',
    url: upgrade.url,
    id: randomUUID(),
  } as unknown as AuthenticatedRequest;
}

/**
 * The client's address as Express reads it with `trust proxy` = TRUST_PROXY hops: the address
 * that many hops back along X-Forwarded-For (anonymous subscribers are rate-limited by it).
 */
export function clientAddress(upgrade: IncomingMessage, trustedProxies: number): string | undefined {
  const forwarded = upgrade.headers['x-forwarded-for'];
  const chain = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean)
    .reverse();
  const addresses = [upgrade.socket.remoteAddress, ...chain];
  return addresses[Math.min(trustedProxies, addresses.length - 1)];
}

/**
 * One WebSocket connection's caller. Identified at connection_init; identified again, at most
 * every `recheckMs`, before an event is sent and before a subscription starts, so that a revoked
 * token, a deactivated owner or anonymous reading switched off gets nothing more after at most
 * that long: every subscription of the connection then ends with UNAUTHENTICATED (or
 * FORBIDDEN), and so does every later one. A failure to check (the database away) is not a
 * refusal: the last verdict holds and the next event tries again.
 */
export class LiveConnection {
  private readonly logger = new Logger('LiveConnection');
  private checkedAt: number;
  private refusal: GraphQLError | null = null;
  private checking: Promise<void> | null = null;

  constructor(
    readonly req: AuthenticatedRequest & { actor: Actor },
    private readonly identify: Identify,
    private readonly toClientError: ToClientError,
    private readonly recheckMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.checkedAt = now();
  }

  get actor(): Actor {
    return this.req.actor;
  }

  /** Resolves while the caller may still receive; throws the refusal (a GraphQLError with its code) once it may not. */
  ensureAllowed(): Promise<void> {
    if (this.refusal) return Promise.reject(this.refusal);
    if (this.now() - this.checkedAt < this.recheckMs) return Promise.resolve();
    this.checking ??= this.recheck().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async recheck(): Promise<void> {
    const fresh = { ...this.req, actor: undefined } as AuthenticatedRequest;
    let actor: Actor;
    try {
      actor = await this.identify(fresh);
    } catch (error) {
      const answer = this.toClientError(error, this.req);
      if (!REFUSALS.has(answer.extensions.code)) {
        this.logger.warn(`subscriber's access not re-checked (${answer.message}); the last check holds`);
        return;
      }
      this.refusal = answer;
      throw answer;
    }
    // The owner's role or organisation may have changed: the field rules see them as they are now.
    this.req.actor = { ...actor, requestId: this.req.actor.requestId };
    this.checkedAt = this.now();
  }
}
