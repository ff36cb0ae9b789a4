import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AppConfig } from '../../config/app-config.service';
import { FollowsService } from '../../follows/follows.service';
import type { WebRequest } from '../layout/page-context';

/** Following by e-mail exists only with mail (SMTP_URL): otherwise its routes are NOT_FOUND. */
@Injectable()
export class FollowEnabledGuard implements CanActivate {
  constructor(private readonly follows: FollowsService) {}

  canActivate(): boolean {
    if (!this.follows.enabled) throw new DomainError(ErrorCode.NOT_FOUND, 'following by e-mail is off (no SMTP_URL)', { reason: 'follow-off' });
    return true;
  }
}

/**
 * For a form POST of the public pages, which are cached and cookieless (so no CSRF token): the
 * browser must say it comes from this site. Sec-Fetch-Site (which a page cannot forge) must be
 * `same-origin`; a browser without it must send Origin (or, where it sends `null` under the site's
 * no-referrer policy, a Referer) naming this site: the configured address or the one the request
 * came to. Anything else, a request saying nothing included, is refused. Runs before the form is read.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<WebRequest>();
    if (!this.sameOrigin(req)) throw new DomainError(ErrorCode.FORBIDDEN, 'the form did not come from this site; open the page and try again', { reason: 'csrf' });
    return true;
  }

  private sameOrigin(req: WebRequest): boolean {
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string') return site === 'same-origin';
    const origin = req.headers.origin;
    const sent = origin && origin !== 'null' ? origin : refererOrigin(req.headers.referer);
    return sent !== undefined && [new URL(this.config.publicBaseUrl).origin, `${req.protocol}://${req.get('host') ?? ''}`].includes(sent);
  }
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}
