import { Injectable, NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpLogger, pinoHttp, startTime } from 'pino-http';
import { CrashGuard } from './crash-guard';
import { PinoLoggerService } from './pino-logger.service';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A client-supplied x-request-id is kept when it is sane; otherwise a new one is made. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * A request to /health (any query string): not logged, a probe every few seconds would drown
 * the log. Express strips the mount path from `req.url` inside middleware, so the path is read
 * from `originalUrl`, as the client sent it.
 */
export function isHealthCheck(req: IncomingMessage & { originalUrl?: string }): boolean {
  const url = req.originalUrl ?? req.url ?? '';
  const path = url.split('?', 1)[0];
  return path === '/health' || path === '/health/';
}

/**
 * Marks when a request arrived, which its log line's responseTime counts from: configure-app
 * registers it before the body parsers and admission, so the time a request waited for a slot
 * (RequestAdmission) is in it, not only the time it was worked on.
 */
export function markArrival(_req: IncomingMessage, res: ServerResponse, next: () => void): void {
  res[startTime] = Date.now();
  next();
}

/** Gives each request its id (`req.id`, echoed as x-request-id) and logs it when it ends (pino-http). */
@Injectable()
export class RequestLoggingMiddleware implements NestMiddleware {
  private readonly handle: HttpLogger<IncomingMessage, ServerResponse>;

  constructor(
    logger: PinoLoggerService,
    private readonly crashGuard: CrashGuard,
  ) {
    this.handle = pinoHttp({
      logger: logger.pino,
      genReqId: (req, res) => {
        const id = requestIdOf(req, res);
        // A crash names the requests in flight and answers them (see CrashGuard).
        this.crashGuard.track(id, res);
        return id;
      },
      autoLogging: { ignore: isHealthCheck },
    });
  }

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    this.handle(req, res, next);
  }
}
