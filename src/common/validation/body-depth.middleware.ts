import { HttpStatus, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../errors/error-codes';

/** Deeper than any input of the API (a filter inside variables is 3 levels); a hostile body is thousands. */
export const MAX_BODY_DEPTH = 32;

/**
 * How deep objects and arrays nest in a parsed JSON body, counted with a stack of
 * its own (not recursion) and given up on as soon as it passes `limit`.
 */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}

/**
 * Refuses a JSON body nested deeper than MAX_BODY_DEPTH before anything walks it
 * recursively (GraphQL's variable coercion would overflow the stack: a 500).
 * Answered as the route's clients expect: a GraphQL error on /graphql, the HTTP
 * error shape elsewhere.
 */
@Injectable()
export class BodyDepthMiddleware implements NestMiddleware {
  use(req: Request & { id?: unknown }, res: Response, next: NextFunction): void {
    if (!depthExceeds(req.body, MAX_BODY_DEPTH)) return next();
    const message = `the request body is nested more than ${MAX_BODY_DEPTH} levels deep`;
    const requestId = typeof req.id === 'string' ? { requestId: req.id } : {};
    const body = req.originalUrl.split('?')[0] === '/graphql'
      ? { errors: [{ message, extensions: { code: ErrorCode.BAD_USER_INPUT, ...requestId } }] }
      : { error: { code: ErrorCode.BAD_USER_INPUT, message, ...requestId } };
    res.status(HttpStatus.BAD_REQUEST).json(body);
  }
}
