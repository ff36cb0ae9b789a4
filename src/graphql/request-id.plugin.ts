import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLFormattedError } from 'graphql';
import type { GraphqlContext } from '../common/graphql-context';

/**
 * Every error of a GraphQL answer carries the request's id (`extensions.requestId`, the
 * `x-request-id` header's value), whatever raised it: parsing, validation, the query limits,
 * a resolver or the rate limiter, in compiled and interpreted execution alike. A client
 * quotes it when reporting a problem; the log line of the request has the same id.
 */
export function requestIdInErrorsPlugin(): NonNullable<ApolloDriverConfig['plugins']>[number] {
  return {
    async requestDidStart({ contextValue }: { contextValue: GraphqlContext }) {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const requestId = requestIdOf(contextValue);
          if (!result.errors || !requestId) return;
          result.errors = result.errors.map((error) => withRequestId(error, requestId));
        },
      };
    },
  };
}

export function withRequestId(error: GraphQLFormattedError, requestId: string): GraphQLFormattedError {
  return { ...error, extensions: { ...error.extensions, requestId } };
}

function requestIdOf(context: GraphqlContext | undefined): string | undefined {
  const id = (context?.req as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
