import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ErrorFilter } from '../../common/errors/error.filter';
import { ErrorPage } from './error-page';
import { WebRequest } from './page-context';
import { PageResponder } from './page-responder.service';

/**
 * The pages' counterpart of ErrorFilter: the same codes and HTTP statuses, answered as
 * an HTML page in the visitor's language (the code shown and in data-error-code).
 */
@Catch()
@Injectable()
export class WebErrorFilter implements ExceptionFilter {
  private readonly errors = new ErrorFilter();
  private readonly logger = new Logger('WebErrorFilter');

  constructor(private readonly pages: PageResponder) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<WebRequest & { id?: unknown }>();
    const res = host.switchToHttp().getResponse<Response>();
    const error = this.errors.toClientError(exception, req);
    const status = this.errors.httpStatus(exception, error);
    if (res.headersSent) {
      res.end();
      return;
    }
    this.pages
      .privatePage(req, res, (ctx, stylesheetHref) => ErrorPage({ ctx, stylesheetHref, code: error.code }), status)
      .catch((failure: unknown) => {
        this.logger.error({ err: failure }, 'error page failed');
        if (!res.headersSent) res.status(status).type('text/plain').send(error.code);
      });
  }
}
