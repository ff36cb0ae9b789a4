import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { CrashGuard } from './crash-guard';
import { RequestLoggingMiddleware } from './request-logging.middleware';
import { PinoLoggerService } from './pino-logger.service';

/** Structured JSON logs (pino): Nest's logger, and one line per request with its request id. */
@Global()
@Module({
  providers: [PinoLoggerService, RequestLoggingMiddleware, CrashGuard],
  exports: [PinoLoggerService, CrashGuard],
})
export class LoggingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggingMiddleware).forRoutes('*');
  }
}
