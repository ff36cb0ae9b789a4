import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { Clock } from './clock';
import { RequestAdmission } from './http/request-admission';
import { BodyDepthMiddleware } from './validation/body-depth.middleware';

@Global()
@Module({ providers: [Clock, RequestAdmission], exports: [Clock, RequestAdmission] })
export class CommonModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(BodyDepthMiddleware).forRoutes('*');
  }
}
