import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Logger as Pino } from 'pino';
import { PinoLoggerService } from './pino-logger.service';

/** How long the requests in flight get to receive their 500 before the process exits. */
const EXIT_GRACE_MS = 1_000;

/**
 * What happens to an error nothing handled. Errors inside a request's promise chain
 * (resolvers, controllers, services) never get here: the ErrorFilter answers them as
 * INTERNAL_SERVER_ERROR with the request id and logs them, and the service goes on.
 * What does get here is never silent:
 *
 * - An unhandled promise rejection is logged (error level, with the ids of the requests
 *   in flight) and the service keeps serving: the promise's own stack has unwound, so
 *   nothing was left half done that a later request could see (Node's default would
 *   end the process for it).
 * - An uncaught exception (a stream's 'error' without a listener, a throw in a callback)
 *   is logged at fatal level with the ids of the requests in flight; each of them still
 *   waiting is answered 500 INTERNAL_SERVER_ERROR with its request id (none hangs), and
 *   then the process exits with status 1 for the service manager (systemd
 *   Restart=on-failure, Docker's restart policy) to start it again. It does not keep
 *   serving: the throw skipped whatever cleanup came after it (a pool connection not
 *   released, a lock not freed, a half-written file), and Node documents the process
 *   state as undefined then. Which request caused it cannot be known without an
 *   AsyncLocalStorage on the request path, which the service avoids for its cost
 *   (docs/benchmarks.md), so every request in flight is named.
 */
@Injectable()
export class CrashGuard {
  private readonly inFlight = new Map<ServerResponse, string>();
  private readonly log: Pino;
  private exiting = false;

  constructor(logger: PinoLoggerService) {
    this.log = logger.pino;
  }

  /** Called by the request logging middleware for every request: forgotten when its response closes. */
  track(id: string, res: ServerResponse): void {
    this.inFlight.set(res, id);
    res.once('close', () => this.inFlight.delete(res));
  }

  /** Installs the process handlers (main.ts; not in tests, which share one process). */
  install(exit: (code: number) => void = (code) => process.exit(code)): void {
    process.on('unhandledRejection', (reason) => this.unhandledRejection(reason));
    process.on('uncaughtException', (error, origin) => this.uncaughtException(error, origin, exit));
  }

  unhandledRejection(reason: unknown): void {
    this.log.error({ err: reason, inFlightRequestIds: [...this.inFlight.values()] }, 'unhandled promise rejection; the service keeps serving');
  }

  uncaughtException(error: unknown, origin: string, exit: (code: number) => void): void {
    const requestIds = [...this.inFlight.values()];
    this.log.fatal({ err: error, origin, inFlightRequestIds: requestIds }, 'uncaught exception: failing the requests in flight and exiting, for the service manager to restart the service');
    if (this.exiting) return;
    this.exiting = true;
    for (const [res, requestId] of this.inFlight) {
      if (res.headersSent) {
        res.destroy();
        continue;
      }
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('connection', 'close');
      res.end(JSON.stringify({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', requestId } }));
    }
    setTimeout(() => {
      this.log.flush();
      exit(1);
    }, EXIT_GRACE_MS).unref();
    // unref'd: with nothing else left the process ends by itself; make sure it does with status 1.
    process.exitCode = 1;
  }
}
