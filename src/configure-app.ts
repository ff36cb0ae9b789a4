import { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { createValidationPipe } from './common/validation/validation.pipe';

/** What main.ts and the e2e tests both apply to the application. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  // SIGTERM/SIGINT: stop accepting requests, finish, then close the database.
  // process.exit(0) after the graceful close, so pino flushes and orchestrators see a clean exit.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
}
