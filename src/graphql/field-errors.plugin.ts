import type { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError } from 'graphql';
import { ErrorFilter } from '../common/errors/error.filter';
import { GraphqlContext } from '../common/graphql-context';

/**
 * Field resolvers run outside Nest's exception filters, so that @nestjs/graphql can call
 * them directly (see NoArgs in common/graphql-context.ts). What they throw is handed here to
 * the same ErrorFilter, with the request, and the error answers as the filter decides: a
 * DomainError keeps its code, anything else is logged with the request id and answered
 * INTERNAL_SERVER_ERROR without its message.
 */
export function fieldErrorsPlugin(filter: ErrorFilter = new ErrorFilter()): NonNullable<ApolloDriverConfig['plugins']>[number] {
  return {
    async requestDidStart({ contextValue }: { contextValue: GraphqlContext }) {
      return {
        async didEncounterErrors({ errors }: { errors: readonly GraphQLError[] }) {
          for (const error of errors) {
            // Root resolvers' errors already passed the filter (they arrive as GraphQLErrors);
            // parse and validation errors have no path.
            if (!error.path || !error.originalError || error.originalError instanceof GraphQLError) continue;
            const answer = filter.toGraphqlError(error.originalError, contextValue.req);
            // Apollo formats the errors it reported here, so they are rewritten in place.
            error.message = answer.message;
            for (const key of Object.keys(error.extensions)) delete (error.extensions as Record<string, unknown>)[key];
            Object.assign(error.extensions, answer.extensions);
          }
        },
      };
    },
  };
}
