import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { DateScalar } from '../common/scalars/date.scalar';
import { AuthModule } from '../auth/auth.module';
import { ResponseCacheModule } from '../response-cache/response-cache.module';
import { CsrfPreventionMiddleware } from './csrf-prevention';
import { GraphqlOptionsFactory } from './graphql-options.factory';
import { SchemaFileController } from './schema-file.controller';
import { NodeRepository } from './node/node.repository';
import { NodeResolver } from './node/node.resolver';
import { ListBoundsService } from './list-bounds';
import { ListBoundsRepository } from './list-bounds.repository';
import { SubscriptionServerModule } from '../live-updates/live-updates.module';
import { RecommendationPageAssembler } from './page-assembler/recommendation-page-assembler';

/** The list lengths the query cost is estimated with, for the options factory. */
@Module({ providers: [ListBoundsRepository, ListBoundsService], exports: [ListBoundsService] })
export class ListBoundsModule {}

/** The page assembler, for the options factory (it finds the resolvers it calls by ModuleRef). */
@Module({ imports: [AuthModule], providers: [RecommendationPageAssembler], exports: [RecommendationPageAssembler] })
export class PageAssemblerModule {}

@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [ResponseCacheModule, AuthModule, ListBoundsModule, SubscriptionServerModule, PageAssemblerModule],
      useClass: GraphqlOptionsFactory,
    }),
    AuthModule,
  ],
  controllers: [SchemaFileController],
  providers: [DateScalar, NodeRepository, NodeResolver],
})
export class AppGraphqlModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsrfPreventionMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.GET });
  }
}
