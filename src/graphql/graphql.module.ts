import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { DateScalar } from '../common/scalars/date.scalar';
import { ResponseCacheModule } from '../response-cache/response-cache.module';
import { GraphqlOptionsFactory } from './graphql-options.factory';

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [ResponseCacheModule],
      useClass: GraphqlOptionsFactory,
    }),
  ],
  providers: [DateScalar],
})
export class AppGraphqlModule {}
