import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { configureApp } from './configure-app';
import { AppConfig } from './config/app-config.service';

async function bootstrap(): Promise<void> {
  // Imported here so that a configuration error (validated while the module loads) is reported below.
  const { AppModule } = await import('./app.module.js');
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  configureApp(app);
  const port = app.get(AppConfig).get('PORT');
  await app.listen(port);
  app.get(Logger).log(`roundtable tracker listening on http://localhost:${port}/graphql`);
}

bootstrap().catch((error: unknown) => {
  // Config validation and database failures land here: say why, exit non-zero.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
