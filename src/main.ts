import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { CrashGuard } from './logging/crash-guard';
import { PinoLoggerService } from './logging/pino-logger.service';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config.service';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule.forRoot(), { bufferLogs: true, bodyParser: false });
  configureApp(app);
  // An error nothing handled is logged with the requests in flight, never silent (see CrashGuard).
  app.get(CrashGuard).install();
  const port = app.get(AppConfig).get('PORT');
  await app.listen(port);
  app.get(PinoLoggerService).log(`roundtable tracker listening on http://localhost:${port}/graphql`);
}

bootstrap().catch((error: unknown) => {
  // Configuration and database failures end here: say why in one line, exit non-zero.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
