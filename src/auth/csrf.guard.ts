import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { PRE_SESSION_CSRF_COOKIE, readCookie } from '../accounts/session-cookie';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';
import { AuthenticatedRequest } from './current-actor.decorator';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The form field (and header, for scripts that enhance a form) carrying the token. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const CSRF_EXEMPT = 'csrfExempt';
/**
 * For a POST whose URL carries its own unguessable, signed capability (e.g. the one-click
 * unsubscribe of RFC 8058, which a mail provider sends without cookies or form token): the
 * capability is what a forged request cannot have, so no CSRF token is asked for. Nothing else.
 */
export const CsrfExempt = () => SetMetadata(CSRF_EXEMPT, true);

/**
 * The one CSRF check: every state-changing HTTP request a browser could send on
 * its own (no Authorization header; GraphQL is bearer-only and not concerned)
 * must carry the token of its session (synchronizer token, derived from the
 * session secret) or, before sign-in, the value of the pre-session cookie
 * (double submit). Runs after the AuthGuard, which has found the session.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(CSRF_EXEMPT, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (SAFE_METHODS.has(req.method) || req.headers.authorization) return true;
    const expected = req.actor?.session?.csrfToken ?? readCookie(req, PRE_SESSION_CSRF_COOKIE);
    const sent = sentToken(req);
    if (!expected || !sent || !sameToken(expected, sent)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'the form has expired or did not come from this site; reload the page and try again', {
        reason: 'csrf',
      });
    }
    return true;
  }
}

/**
 * From the urlencoded body; for multipart uploads (parsed only later, by the
 * route's interceptor) from the query string of the form's action.
 */
function sentToken(req: Request): string | null {
  const body = req.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  if (typeof fromBody === 'string') return fromBody;
  const header = req.headers[CSRF_HEADER];
  if (typeof header === 'string') return header;
  const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/form-data');
  const fromQuery = (req.query as Record<string, unknown>)[CSRF_FIELD];
  return multipart && typeof fromQuery === 'string' ? fromQuery : null;
}

function sameToken(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right);
}
