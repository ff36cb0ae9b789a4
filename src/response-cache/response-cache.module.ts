import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DataVersionModule } from '../data-version/data-version.module';
import { AnswerLabeller } from './answer-labeller';
import { EarlyAnswerMiddleware } from './early-answer.middleware';
import { ResponseCachePlugin } from './response-cache.plugin';
import { ResponseCacheService } from './response-cache.service';

@Module({
  imports: [AuthModule, DataVersionModule],
  providers: [ResponseCacheService, AnswerLabeller, ResponseCachePlugin],
  exports: [ResponseCacheService, ResponseCachePlugin],
})
export class ResponseCacheModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // After the application's own middleware (logging and request ids, statement counts), before Apollo.
    consumer.apply(EarlyAnswerMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.ALL });
  }
}
