import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { DateScalar } from '../common/scalars/date.scalar';
import { ResponseCacheModule } from '../response-cache/response-cache.module';
import { GraphqlOptionsFactory } from './graphql-options.factory';
import { ListBoundsService } from './list-bounds';

/** The list lengths the query cost is estimated with, for the options factory. */
@Module({ providers: [ListBoundsService], exports: [ListBoundsService] })
export class ListBoundsModule {}

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [ResponseCacheModule, ListBoundsModule],
      useClass: GraphqlOptionsFactory,
    }),
  ],
  providers: [DateScalar],
})
export class AppGraphqlModule {}
