import { Injectable } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { Actor } from '../auth/actor';
import { AuthGuard } from '../auth/auth.guard';
import { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { RateLimitGuard } from '../auth/rate-limit.guard';
import { Role } from '../auth/role.enum';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config.service';
import { DataVersionService } from '../data-version/data-version.service';
import { readFromPrimary } from '../database/read-routing';

/** Sent with every mutation's answer: the data version its write produced. */
export const DATA_VERSION_HEADER = 'x-data-version';
/** Sent back by a client that wants answers at least as new as its own last write (read-your-writes with replicas). */
export const MIN_DATA_VERSION_HEADER = 'x-min-data-version';

const ALL_ROLES = Object.values(Role);

/** What identifies an answer apart from the caller: the document (by hash), the operation in it, the variables, the content locale. */
export interface OperationRequest {
  queryHash: string;
  operationName: string | null;
  variables: unknown;
  /** The content locale the answer is written in (ContentLocaleService.forRequest, as the GraphQL context has it). */
  locale: string;
}

export interface Label {
  key: string;
  etag: string;
  version: string;
  anonymous: boolean;
}

/**
 * The read scope a cached answer may be shared within: callers of the same role see the
 * same data, except MINISTRY and NGO callers, who are scoped to their organisation, and anonymous
 * readers, kept apart from tokens of any role.
 */
export function readScope(actor: Actor): string {
  if (actor.name === 'anonymous' && actor.tokenId === null) return 'anonymous';
  return actor.role === Role.MINISTRY || actor.role === Role.NGO ? `${actor.role}:${actor.organizationId ?? ''}` : actor.role;
}

/**
 * The rules shared by the two ways a query answer is served without executing it: Apollo's
 * plugin (ResponseCachePlugin) and the early answers before Apollo (EarlyAnswerMiddleware).
 * The label is a key of (data version, caller's read scope, document hash, operation name,
 * variables, content locale, "today" in APP_TIMEZONE); it is the ETag and the response cache's key.
 */
@Injectable()
export class AnswerLabeller {
  constructor(
    private readonly versions: DataVersionService,
    private readonly guard: AuthGuard,
    private readonly rateLimit: RateLimitGuard,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * The request's label, or null when it must simply execute (caller not identified; or, without
   * `loaders`, a caller asking for a version newer than this instance can read without them).
   * With `loaders` (Apollo's request), a version behind x-min-data-version is read, with all the
   * request's data, from the primary.
   */
  async label(req: Request, operation: OperationRequest, loaders: object | null): Promise<Label | null> {
    let actor: Actor;
    try {
      actor = await this.guard.identify(req as AuthenticatedRequest, ALL_ROLES, false);
    } catch {
      // Let the operation run: its guard answers with the coded error, which is never cached.
      return null;
    }
    const wanted = parseVersion(req.headers[MIN_DATA_VERSION_HEADER]);
    let version = (await this.versions.current(loaders, wanted)).version;
    if (wanted !== null && BigInt(version) < wanted) {
      if (!loaders) return null;
      // This reader has written a newer version than the replica shows: read it all from the primary.
      readFromPrimary(loaders);
      version = (await this.versions.current(loaders, wanted)).version;
    }
    const scope = readScope(actor);
    const key = createHash('sha256')
      .update(
        JSON.stringify([version, scope, operation.queryHash, operation.operationName, operation.variables ?? null, operation.locale, this.clock.today()]),
      )
      .digest('base64url');
    return { key, etag: `"${key}"`, version, anonymous: scope === 'anonymous' };
  }

  /**
   * Counts the operation once against the caller's budget, as operationRateLimitPlugin does before
   * Apollo executes one. False when over the limit: the operation then goes to Apollo, whose check
   * answers TOO_MANY_REQUESTS with Retry-After.
   */
  async charge(req: Request, res: Response | undefined): Promise<boolean> {
    // Seen by the throttler as an HTTP call of this class (the guard reads @SkipThrottle metadata from a handler).
    const context = new ExecutionContextHost([req, res], AnswerLabeller, chargeHandler);
    try {
      await this.rateLimit.canActivate(context);
      return true;
    } catch {
      return false;
    }
  }

  /** The headers of a labelled answer (a 200 or a 304). */
  headers(label: Label): [string, string][] {
    return [
      ['etag', label.etag],
      [DATA_VERSION_HEADER, label.version],
      ['vary', 'Authorization, Accept-Language'],
      ['cache-control', this.cacheControl(label.anonymous)],
    ];
  }

  private cacheControl(anonymous: boolean): string {
    if (!anonymous) return 'private, no-cache';
    const maxAge = this.config.get('RESPONSE_CACHE_PUBLIC_MAX_AGE');
    return `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 2}`;
  }
}

/** The handler the throttler sees for answers served without executing (no @SkipThrottle on it). */
function chargeHandler(): void {}

function parseVersion(header: string | string[] | undefined): bigint | null {
  return typeof header === 'string' && /^\d{1,19}$/.test(header.trim()) ? BigInt(header.trim()) : null;
}

/** If-None-Match holds a list of entity tags (weak ones compared weakly, as RFC 9110 says for GET), or `*`. */
export function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (typeof header !== 'string' || !header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
