import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { parse } from 'cookie';

/** The signed-in session's secret (only its SHA-256 is stored). */
export const SESSION_COOKIE = 'tracker_session';
/** Before sign-in there is no session: forms then carry this cookie's value (double submit). */
export const PRE_SESSION_CSRF_COOKIE = 'tracker_csrf';

/** A cookie's value if it has the expected shape (by default: a secret of 20-200 URL-safe characters). */
export function readCookie(req: Request, name: string, shape = /^[A-Za-z0-9_~.-]{20,200}$/): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  const value = parse(header)[name];
  return value && shape.test(value) ? value : null;
}

/** httpOnly, SameSite=Lax, Secure when the request came over https (directly or through TRUST_PROXY). */
export function setSessionCookie(req: Request, res: Response, name: string, value: string): void {
  res.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

export function clearSessionCookie(req: Request, res: Response, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

/** The session's CSRF token: derived from its secret, so it is bound to the session and needs no storage. */
export function csrfTokenOfSession(secret: string): string {
  return createHash('sha256').update(`csrf:${secret}`).digest('base64url');
}
