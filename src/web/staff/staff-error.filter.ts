import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { clearSessionCookie, SESSION_COOKIE } from '../../accounts/session-cookie';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { WebErrorFilter } from '../layout/web-error.filter';
import type { StaffRequest } from './staff-pages.service';

/**
 * Staff pages: a request without a live session goes to the sign-in page
 * (and back here afterwards); every other failure is the layout's error page.
 */
@Catch()
@Injectable()
export class StaffErrorFilter implements ExceptionFilter {
  constructor(private readonly pages: WebErrorFilter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<StaffRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError && exception.code === ErrorCode.UNAUTHENTICATED && !res.headersSent) {
      if (exception.details.reason === 'sessionEnded') clearSessionCookie(req, res, SESSION_COOKIE);
      const next = req.method === 'GET' ? req.originalUrl : '/work';
      res.setHeader('cache-control', 'no-store');
      res.redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
      return;
    }
    this.pages.catch(exception, host);
  }
}
