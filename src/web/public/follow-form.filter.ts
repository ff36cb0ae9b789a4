import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../../common/errors/domain-error';
import { FormInvalid, valueOf } from '../forms/form-invalid';
import type { WebRequest } from '../layout/page-context';
import { PageResponder } from '../layout/page-responder.service';
import { WebErrorFilter } from '../layout/web-error.filter';
import { followTargetOf } from './follow.form';
import { FollowFormPage } from './follow.views';

/**
 * A follow form that failed its DTO: a bad address is shown back on the form with the error
 * summary (that reveals nothing about anyone); anything else (no record, two, a malformed id: not
 * something the page's form sends) is the error page's BAD_USER_INPUT.
 */
@Catch(FormInvalid)
@Injectable()
export class FollowFormFilter implements ExceptionFilter {
  constructor(
    private readonly pages: PageResponder,
    private readonly errors: WebErrorFilter,
  ) {}

  catch(exception: FormInvalid, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<WebRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    const { values } = exception;
    const target = followTargetOf({ recommendationId: valueOf(values, 'recommendationId'), indicatorId: valueOf(values, 'indicatorId'), organizationId: valueOf(values, 'organizationId') });
    if (!target || exception.problems.some((problem) => problem.control !== 'email')) {
      this.errors.catch(DomainError.badInput('record', 'name exactly one recommendation, indicator or organisation', { reason: 'follow-record' }), host);
      return;
    }
    void this.pages
      .privatePage(req, res, (ctx, css) => FollowFormPage({ ctx, stylesheetHref: css, target, email: valueOf(values, 'email'), error: ctx.t('follow.form.emailInvalid') }), 400)
      .catch((failure: unknown) => this.errors.catch(failure, host));
  }
}
