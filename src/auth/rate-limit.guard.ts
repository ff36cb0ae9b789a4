import { ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { AuthenticatedRequest } from './current-actor.decorator';

/** What the throttler reads from requests and writes to responses (Express objects). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the throttler's own signatures use any
type HttpLike = Record<string, any>;

/**
 * Rate limiting per token (per IP for anonymous readers), for GraphQL and HTTP
 * alike. Runs after the AuthGuard, which has identified the actor. The counters
 * live in Redis when REDIS_URL is set (one budget across instances, see
 * SharedThrottlerStorage), in this process otherwise.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  static requestOf(context: ExecutionContext): HttpLike | undefined {
    return context.getType<string>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<{ req?: HttpLike }>().req
      : context.switchToHttp().getRequest<HttpLike>();
  }

  /** GraphQL operations are charged once each, before execution (operationRateLimitPlugin), not per root field. */
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() === 'graphql') return true;
    return super.canActivate(context);
  }

  protected override getRequestResponse(context: ExecutionContext): { req: HttpLike; res: HttpLike } {
    if (context.getType<string>() === 'graphql') {
      const ctx = GqlExecutionContext.create(context).getContext<{ req: HttpLike; res: HttpLike }>();
      return { req: ctx.req, res: ctx.res };
    }
    return super.getRequestResponse(context);
  }

  protected override async getTracker(req: HttpLike): Promise<string> {
    const actor = (req as AuthenticatedRequest).actor;
    if (actor?.userId) return `user:${actor.userId}`;
    if (actor && actor.role && actor.name !== 'anonymous') return `token:${actor.tokenId ?? actor.name}`;
    return `ip:${await super.getTracker(req)}`;
  }

  /** One budget per caller across all operations, not one per operation. */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return createHash('sha256').update(`${name}:${tracker}`).digest('hex');
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new DomainError(
      ErrorCode.TOO_MANY_REQUESTS,
      `rate limit of ${detail.limit} requests per ${Math.round(detail.ttl / 1000)} s reached; retry after ${retryAfter} s`,
      { retryAfter },
    );
  }
}
