import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { SqlStatementCounter } from './sql-statement-counter';

/** The response header that carries a request's statement count (EXPOSE_SQL_STATEMENT_COUNT). */
export const SQL_STATEMENTS_HEADER = 'x-sql-statements';

/**
 * Opens a statement tally for the request (after body parsing, so the async context holds) and
 * sends it in the x-sql-statements header of whatever answers: a page, a file, GraphQL (whose
 * plugin sets it first, once the operation has run).
 */
@Injectable()
export class SqlStatementCounterMiddleware implements NestMiddleware {
  use(_req: Request, res: Response, next: NextFunction): void {
    SqlStatementCounter.run(() => {
      const tally = SqlStatementCounter.tally();
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
      res.writeHead = ((...args: unknown[]) => {
        if (tally && !res.headersSent && !res.hasHeader(SQL_STATEMENTS_HEADER)) res.setHeader(SQL_STATEMENTS_HEADER, String(tally.statements));
        return writeHead(...args);
      }) as Response['writeHead'];
      next();
    });
  }
}
