import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { Request } from 'express';
import helmet from 'helmet';
import { RequestAdmission } from './common/http/request-admission';
import { isHealthCheck, markArrival } from './logging/request-logging.middleware';
import { PinoLoggerService } from './logging/pino-logger.service';
import { createValidationPipe } from './common/validation/validation.pipe';
import { AppConfig } from './config/app-config.service';

/**
 * What main.ts and the e2e tests both apply to the application. The app must be
 * created with `bodyParser: false`: the JSON parser is registered here, with its limit.
 */
export function configureApp(app: INestApplication): void {
  const config = app.get(AppConfig);
  const express = app as NestExpressApplication;
  app.useLogger(app.get(PinoLoggerService));
  // First: a request's logged responseTime counts from here, its wait for a slot included.
  app.use(markArrival);
  express.useBodyParser('json', { limit: config.get('REQUEST_BODY_LIMIT') });
  // The staff pages' forms (flat fields; uploads are multipart, read by the import route).
  express.useBodyParser('urlencoded', { limit: config.get('REQUEST_BODY_LIMIT'), extended: false });
  // A few requests worked on at once, the others waiting (RequestAdmission): after the body parsers, so
  // a slow sender holds no slot. Probes answer under load; an upload is read by its handler, at the sender's pace.
  app.use(app.get(RequestAdmission).admit((req) => isHealthCheck(req) || Boolean((req as Request).is('multipart'))));
  // Behind TRUST_PROXY reverse proxies, req.ip and req.secure come from X-Forwarded-For/-Proto.
  express.set('trust proxy', config.get('TRUST_PROXY'));
  // No ETags: GraphQL answers are POST responses no cache revalidates, and hashing each
  // (the dashboard's is ~90 kB) costs CPU on every request. Downloads are streamed without one anyway.
  express.set('etag', false);
  app.use(helmet());
  // Pages, feeds and GraphQL answers are compressed (brotli or gzip, as Accept-Encoding asks) from 1 kB:
  // the dashboard's answer is ~90 kB of JSON, a page's HTML 5-20 kB. A client that sends no
  // Accept-Encoding (autocannon, curl) gets them as they are. Cached answers sent early come
  // compressed once per entry (EarlyAnswerMiddleware), and the stylesheet comes precompressed.
  app.use(compression());
  const origins = config
    .get('CORS_ORIGINS')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  app.enableCors({
    origin: origins.length ? origins : false,
    // The response cache's (revalidation, persisted queries over GET, read-your-writes, see src/response-cache/),
    // the CSRF-prevention headers Apollo Client, urql and graphql-request can send on a GET, and Apollo's client awareness.
    allowedHeaders: [
      'authorization',
      'content-type',
      'x-request-id',
      'if-none-match',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      'apollographql-client-name',
      'apollographql-client-version',
      'x-min-data-version',
    ],
    // What a dashboard reads: revalidation, the request id to quote, the answer's language and the rate limit.
    exposedHeaders: [
      'etag',
      'x-data-version',
      'x-request-id',
      'content-language',
      'retry-after',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  // SIGTERM/SIGINT/SIGHUP: stop accepting requests, finish, close the database, then exit 0 (pino flushes).
  // Named, not Nest's default of every signal: SIGUSR1/SIGUSR2 are Node's own (the inspector, and heap
  // snapshots with --heapsnapshot-signal=SIGUSR2), which must not stop the service.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP'], { useProcessExit: true });
}
