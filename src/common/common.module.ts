import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { Clock } from './clock';
import { BodyDepthMiddleware } from './validation/body-depth.middleware';

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class CommonModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(BodyDepthMiddleware).forRoutes('*');
  }
}
