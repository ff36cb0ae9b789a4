import { Injectable, LoggerService } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { AppConfig } from '../config/app-config.service';
import { chooseLogFormat, createPino } from './log-destination';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's logger, writing pino JSON lines (readable lines in a terminal, see LOG_FORMAT). Nest calls `log(message, ...params, context)`;
 * an object message (e.g. `{ err, requestId }`) becomes the line's fields.
 *
 * Request-scoped fields are passed explicitly (the error filter logs the request id),
 * not looked up in an AsyncLocalStorage: keeping one per request turns on async hooks
 * for every promise in the process, which cost about a fifth of the GraphQL API's
 * throughput in the benchmark (docs/benchmarks.md).
 */
@Injectable()
export class PinoLoggerService implements LoggerService {
  readonly pino: Pino;

  constructor(config: AppConfig) {
    this.pino = createPino(
      {
        level: config.get('LOG_LEVEL'),
        // Tokens and cookies never reach the log, nor the session cookies the service sets.
        redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      },
      chooseLogFormat(config.get('LOG_FORMAT'), process.stdout.isTTY === true),
    );
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    // Nest appends the logger's context (its name) as the last parameter.
    if (params.length > 0 && typeof params[params.length - 1] === 'string') fields.context = params.pop();
    if (message instanceof Error) {
      fields.err = message;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
    } else if (level === 'error' && typeof params[0] === 'string' && /\n\s*at /.test(params[0])) {
      // Nest's own exception handlers call error(message, stack).
      const err = new Error(String(message));
      err.stack = params.shift() as string;
      fields.err = err;
    } else {
      params.unshift(message);
    }
    const text = params.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
    this.pino[level](fields, text || undefined);
  }
}
