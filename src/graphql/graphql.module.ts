import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { DateScalar } from '../common/scalars/date.scalar';
import { AuthModule } from '../auth/auth.module';
import { ResponseCacheModule } from '../response-cache/response-cache.module';
import { GraphqlOptionsFactory } from './graphql-options.factory';
import { SchemaFileController } from './schema-file.controller';
import { NodeRepository } from './node/node.repository';
import { NodeResolver } from './node/node.resolver';

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [ResponseCacheModule, AuthModule],
      useClass: GraphqlOptionsFactory,
    }),
    AuthModule,
  ],
  controllers: [SchemaFileController],
  providers: [DateScalar, NodeRepository, NodeResolver],
})
export class AppGraphqlModule {}
