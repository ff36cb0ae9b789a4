import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../common/errors/error-codes';

/**
 * The headers that let a GraphQL request through CSRF prevention: Apollo's defaults
 * (Apollo Client sends x-apollo-operation-name with its GET requests when asked to; any client
 * can send apollo-require-preflight). A browser cannot send either cross-site without a preflight.
 */
export const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];
/** The content types a browser sends cross-site without a preflight (Apollo's list). */
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const MIME_ESSENCE = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * Whether Apollo's CSRF prevention lets the request through: a content type a browser
 * cannot send cross-site without a preflight (e.g. application/json), or one of its
 * headers. A content type it could not parse goes to Apollo to judge (false here).
 */
export function isPreflighted(req: Request): boolean {
  if (PREFLIGHT_HEADERS.some((header) => typeof req.headers[header] === 'string' && req.headers[header] !== '')) return true;
  const contentType = req.headers['content-type'];
  if (contentType === undefined) return false;
  const essence = contentType.split(';', 1)[0].trim().toLowerCase();
  return MIME_ESSENCE.test(essence) && !SIMPLE_CONTENT_TYPES.has(essence);
}

export const CSRF_REFUSAL =
  'A GET to /graphql needs a header a browser cannot send cross-site: send `apollo-require-preflight: true` ' +
  '(any client), or `x-apollo-operation-name: <operation>` (Apollo Client), or a `content-type: application/json` header ' +
  '(urql: fetchOptions.headers; graphql-request: headers); see docs/clients.md';

/**
 * Apollo's CSRF prevention answers before any plugin runs, so its refusal would carry neither
 * the contract's request id nor a hint a urql or graphql-request user can act on. A GET that it
 * would refuse is answered here instead: 400, BAD_USER_INPUT, the header to send, the request id.
 * POSTs and GETs that pass go on to Apollo (which keeps its own check).
 */
@Injectable()
export class CsrfPreventionMiddleware implements NestMiddleware {
  use(req: Request & { id?: unknown }, res: Response, next: NextFunction): void {
    if (req.method !== 'GET' || isPreflighted(req)) return next();
    const requestId = typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : undefined;
    res
      .status(400)
      .type('application/json')
      .send(JSON.stringify({ errors: [{ message: CSRF_REFUSAL, extensions: { code: ErrorCode.BAD_USER_INPUT, ...(requestId ? { requestId } : {}) } }] }));
  }
}
