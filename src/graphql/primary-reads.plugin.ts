import type { ApolloDriverConfig } from '@nestjs/apollo';
import { OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import { GraphqlContext } from '../common/graphql-context';
import { readFromPrimary } from '../database/read-routing';

/**
 * With read replicas, a mutation's answer (its field resolvers and DataLoaders,
 * which run after the mutation's transaction) reads from the primary, so it shows
 * what the mutation wrote even while the replicas catch up. Queries read from the
 * replicas. See src/database/read-routing.ts.
 */
export function primaryReadsForMutationsPlugin(): NonNullable<ApolloDriverConfig['plugins']>[number] {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }: { operation?: OperationDefinitionNode; contextValue: GraphqlContext }) {
          if (operation?.operation === OperationTypeNode.MUTATION) readFromPrimary(contextValue.loaders);
        },
      };
    },
  };
}
