import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { AuthGuard } from '../auth/auth.guard';
import type { AuthenticatedRequest } from '../auth/current-actor.decorator';
import { RateLimitGuard } from '../auth/rate-limit.guard';
import { Role } from '../auth/role.enum';
import { ErrorFilter } from '../common/errors/error.filter';
import type { GraphqlContext } from '../common/graphql-context';

const ALL_ROLES = Object.values(Role);

/**
 * The rate limit, checked once per GraphQL operation, after validation and before anything
 * executes (the RateLimitGuard leaves GraphQL resolvers alone). An operation over the limit is
 * refused whole, TOO_MANY_REQUESTS with Retry-After (HTTP 429): none of its fields runs, so it
 * writes nothing; one let in runs to the end, however many root fields it has. A caller who cannot
 * be identified is not charged here: the resolvers' AuthGuard answers UNAUTHENTICATED, as before.
 */
export function operationRateLimitPlugin(
  authGuard: AuthGuard,
  rateLimit: RateLimitGuard,
  filter: ErrorFilter = new ErrorFilter(),
): NonNullable<ApolloDriverConfig['plugins']>[number] {
  return {
    async requestDidStart({ contextValue }: { contextValue: GraphqlContext }) {
      return {
        async didResolveOperation() {
          const { req, res } = contextValue;
          try {
            await authGuard.identify(req as AuthenticatedRequest, ALL_ROLES, false);
          } catch {
            return;
          }
          try {
            await chargeOperation(rateLimit, req, res);
          } catch (error) {
            throw filter.toGraphqlError(error, req);
          }
        },
      };
    },
  };
}

/**
 * Charges one operation to the caller's budget (req.actor, identified before): throws
 * TOO_MANY_REQUESTS over the limit. Also for subscriptions over WebSocket, one per subscribe.
 */
export async function chargeOperation(rateLimit: RateLimitGuard, req: object, res: object | undefined): Promise<void> {
  // Seen by the throttler as one HTTP call of this plugin (no @SkipThrottle on it).
  await rateLimit.canActivate(new ExecutionContextHost([req, res], OperationRateLimit, operation));
}

/** The class and handler the throttler sees for a GraphQL operation. */
class OperationRateLimit {}
function operation(): void {}
