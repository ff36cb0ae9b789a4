import type { ApolloDriverConfig } from '@nestjs/apollo';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextResponseForOperation, type GraphQLResponse, type HTTPGraphQLHead } from '@apollo/server';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { OperationTypeNode } from 'graphql';
import { Actor } from '../auth/actor';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { AuthGuard } from '../auth/auth.guard';
import { RateLimitGuard } from '../auth/rate-limit.guard';
import { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { Role } from '../auth/role.enum';
import { Clock } from '../common/clock';
import { GraphqlContext } from '../common/graphql-context';
import { AppConfig } from '../config/app-config.service';
import { DataVersionService } from '../data-version/data-version.service';
import { readFromPrimary } from '../database/read-routing';
import { negotiateLocale } from '../i18n/negotiate-locale';
import { ResponseCacheService } from './response-cache.service';

type Plugin = NonNullable<ApolloDriverConfig['plugins']>[number];

/** Sent with every mutation's answer: the data version its write produced. */
export const DATA_VERSION_HEADER = 'x-data-version';
/** Sent back by a client that wants answers at least as new as its own last write (read-your-writes with replicas). */
export const MIN_DATA_VERSION_HEADER = 'x-min-data-version';

const ALL_ROLES = Object.values(Role);

interface Labelled {
  key: string;
  etag: string;
  version: string;
  anonymous: boolean;
  hit: boolean;
}

/**
 * The read scope a cached answer may be shared within: callers of the same role see the
 * same data, except MINISTRY callers, who are scoped to their organisation, and anonymous
 * readers, kept apart from tokens of any role.
 */
export function readScope(actor: Actor): string {
  if (actor.name === 'anonymous' && actor.tokenId === null) return 'anonymous';
  return actor.role === Role.MINISTRY ? `MINISTRY:${actor.organizationId ?? ''}` : actor.role;
}

/**
 * Query answers that cost nothing while nothing changed. Before executing a query it labels
 * the request with a key of (data version, caller's read scope, document hash, operation name,
 * variables, locale, "today" in APP_TIMEZONE); the key is the ETag, so If-None-Match answers
 * 304 without executing, and it is the response cache's key, so a warm entry answers without
 * executing. Only error-free answers are stored. Mutations answer with the version they made
 * (x-data-version); a client that sends it back (x-min-data-version) is never answered from an
 * older version: when the replica's version is behind, version and data come from the primary.
 */
@Injectable()
export class ResponseCachePlugin {
  constructor(
    private readonly cache: ResponseCacheService,
    private readonly versions: DataVersionService,
    private readonly guard: AuthGuard,
    private readonly rateLimit: RateLimitGuard,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  plugin(): Plugin {
    const plugin: ApolloServerPlugin<GraphqlContext> = {
      requestDidStart: async () => {
        let labelled: Labelled | null = null;
        let mutation = false;
        return {
          responseForOperation: async (requestContext) => {
            if (requestContext.operation.operation !== OperationTypeNode.QUERY) {
              mutation = requestContext.operation.operation === OperationTypeNode.MUTATION;
              return null;
            }
            labelled = await this.label(requestContext);
            if (!labelled) return null;
            const head: HTTPGraphQLHead = { status: undefined, headers: new HeaderMap() };
            const revalidated = etagMatches(requestContext.request.http?.headers.get('if-none-match'), labelled.etag);
            const cached = revalidated ? undefined : await this.cache.get(labelled.key);
            if (!revalidated && !cached) return null;
            // An answer without executing still counts against the caller's rate limit.
            if (!(await this.charge(requestContext))) return null;
            labelled.hit = true;
            if (revalidated || !cached) {
              head.status = 304;
              return { http: head, body: { kind: 'single', singleResult: {} } } satisfies GraphQLResponse;
            }
            return { http: head, body: { kind: 'single', singleResult: cached } } satisfies GraphQLResponse;
          },
          willSendResponse: async ({ response }) => {
            if (mutation) {
              if (!this.cache.enabled) return;
              // The version the write produced, from the primary (a replica may not have it yet); from
              // memory when listening, which the write's commit has already advanced (DataVersionService).
              const primary = {};
              readFromPrimary(primary);
              response.http.headers.set(DATA_VERSION_HEADER, (await this.versions.current(primary)).version);
              return;
            }
            const label = labelled;
            if (!label) return;
            const body = response.body;
            const answered = response.http.status === 304;
            const clean = body.kind === 'single' && !body.singleResult.errors?.length && (response.http.status ?? 200) === 200;
            // Errors are never labelled nor cached: they stay no-store (cache-control.plugin.ts).
            if (!answered && !clean) return;
            // Headers first, before any await: the no-store default runs alongside this hook.
            const headers = response.http.headers;
            headers.set('etag', label.etag);
            headers.set(DATA_VERSION_HEADER, label.version);
            headers.set('vary', 'Authorization, Accept-Language');
            headers.set('cache-control', this.cacheControl(label.anonymous));
            if (clean && !label.hit && body.kind === 'single') await this.cache.set(label.key, body.singleResult);
          },
        };
      },
    };
    return plugin as unknown as Plugin;
  }

  /**
   * Counts the operation's root fields against the caller's budget, as the RateLimitGuard does when
   * resolvers run. False when over the limit: the operation then executes, and its guard answers
   * TOO_MANY_REQUESTS with Retry-After.
   */
  private async charge(requestContext: GraphQLRequestContextResponseForOperation<GraphqlContext>): Promise<boolean> {
    const { req, res } = requestContext.contextValue;
    // Seen by the throttler as an HTTP call of this plugin (the guard reads @SkipThrottle metadata from a handler).
    const context = new ExecutionContextHost([req, res], ResponseCachePlugin, chargeHandler);
    const rootFields = requestContext.operation.selectionSet.selections.length;
    try {
      for (let i = 0; i < rootFields; i++) await this.rateLimit.canActivate(context);
      return true;
    } catch {
      return false;
    }
  }

  private cacheControl(anonymous: boolean): string {
    if (!anonymous) return 'private, no-cache';
    const maxAge = this.config.get('RESPONSE_CACHE_PUBLIC_MAX_AGE');
    return `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 2}`;
  }

  /** The request's cache key, or null when it must simply execute (cache off, caller not identified). */
  private async label(requestContext: GraphQLRequestContextResponseForOperation<GraphqlContext>): Promise<Labelled | null> {
    if (!this.cache.enabled) return null;
    const { contextValue, request } = requestContext;
    const req = contextValue.req as AuthenticatedRequest;
    let actor: Actor;
    try {
      actor = await this.guard.identify(req, ALL_ROLES, false);
    } catch {
      // Let the operation run: its guard answers with the coded error, which is never cached.
      return null;
    }
    const wanted = parseVersion(request.http?.headers.get(MIN_DATA_VERSION_HEADER));
    let version = (await this.versions.current(contextValue.loaders, wanted)).version;
    if (wanted !== null && BigInt(version) < wanted) {
      // This reader has written a newer version than the replica shows: read it all from the primary.
      readFromPrimary(contextValue.loaders);
      version = (await this.versions.current(contextValue.loaders, wanted)).version;
    }
    const locale = negotiateLocale(
      { query: req.query?.lang, acceptLanguage: req.headers['accept-language'] },
      this.config.get('DEFAULT_LOCALE'),
    );
    const scope = readScope(actor);
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          version,
          scope,
          requestContext.queryHash,
          request.operationName ?? null,
          request.variables ?? null,
          locale,
          this.clock.today(),
        ]),
      )
      .digest('base64url');
    return { key, etag: `"${key}"`, version, anonymous: scope === 'anonymous', hit: false };
  }
}

/** The handler the throttler sees for answers served here (no @SkipThrottle on it). */
function chargeHandler(): void {}

function parseVersion(header: string | undefined): bigint | null {
  return header && /^\d{1,19}$/.test(header.trim()) ? BigInt(header.trim()) : null;
}

/** If-None-Match holds a list of entity tags (weak ones compared weakly, as RFC 9110 says for GET), or `*`. */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
