import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIRST_ADMIN_EMAIL, FIRST_ADMIN_LINK_FILE } from './accounts/first-run-admin-user';
import { CrashGuard } from './logging/crash-guard';
import { PinoLoggerService } from './logging/pino-logger.service';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config.service';
import { configureApp } from './configure-app';
import { startMessage } from './start-message';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule.forRoot(), { bufferLogs: true, bodyParser: false });
  configureApp(app);
  // An error nothing handled is logged with the requests in flight, never silent (see CrashGuard).
  app.get(CrashGuard).install();
  const config = app.get(AppConfig);
  const port = config.get('PORT');
  await app.listen(port);
  const linkFile = join(config.get('DATA_DIR'), FIRST_ADMIN_LINK_FILE);
  const logger = app.get(PinoLoggerService);
  const lines = startMessage({
    baseUrl: config.get('PUBLIC_BASE_URL') ?? `http://localhost:${port}`,
    publicSite: config.get('PUBLIC_SITE'),
    // Written on the first start of the embedded database; gone once the operator removes it after use.
    firstAdminLinkFile: config.usesEmbeddedDatabase && existsSync(linkFile) ? linkFile : null,
    firstAdminEmail: FIRST_ADMIN_EMAIL,
  });
  for (const line of lines) logger.log(line);
}

bootstrap().catch((error: unknown) => {
  // Configuration and database failures end here: say why in one line, exit non-zero.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
