import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { SqlStatementCounter } from './sql-statement-counter';

/** Opens a statement tally for the request (after body parsing, so the async context holds). */
@Injectable()
export class SqlStatementCounterMiddleware implements NestMiddleware {
  use(_req: Request, _res: Response, next: NextFunction): void {
    SqlStatementCounter.run(next);
  }
}
