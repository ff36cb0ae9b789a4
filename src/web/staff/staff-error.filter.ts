import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Response } from 'express';
import { clearSessionCookie, SESSION_COOKIE } from '../../accounts/session-cookie';
import { translateDatabaseError } from '../../common/errors/database-errors';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import type { FormRequest, PostedForm } from '../forms/form-body';
import { controlOf, hasControl } from '../forms/form-controls';
import { FormInvalid, FormProblem, FormValues } from '../forms/form-invalid';
import { WebErrorFilter } from '../layout/web-error.filter';
import { StaffPages, StaffRequest, StaffView } from './staff-pages.service';

/** A controller with a staff form: shows the form with the values posted and their problems. */
export interface FormPageController {
  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView>;
}

/** Domain errors a form shows at the control they name (details.field) instead of an error page. */
const FORM_ERROR_CODES: readonly ErrorCode[] = [ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT];

/**
 * Staff pages: a request without a live session goes to the sign-in page (and back here
 * afterwards); a posted form that cannot be saved (FormInvalid, or a domain error naming one
 * of its controls) is shown again with its errors and values; every other failure is the
 * layout's error page.
 */
@Catch()
@Injectable()
export class StaffErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('StaffErrorFilter');

  constructor(
    private readonly pages: WebErrorFilter,
    private readonly staff: StaffPages,
    private readonly moduleRef: ModuleRef,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<StaffRequest & FormRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError && exception.code === ErrorCode.UNAUTHENTICATED && !res.headersSent) {
      if (exception.details.reason === 'sessionEnded') clearSessionCookie(req, res, SESSION_COOKIE);
      const next = req.method === 'GET' ? req.originalUrl : '/work';
      res.setHeader('cache-control', 'no-store');
      res.redirect(303, `/sign-in?next=${encodeURIComponent(next)}`);
      return;
    }
    const invalid = req.postedForm && !res.headersSent ? formProblem(translateDatabaseError(exception), req.postedForm) : null;
    if (invalid && req.postedForm) {
      this.showForm(req, res, req.postedForm, invalid).catch((failure: unknown) => {
        // E.g. the record the form belongs to is not this person's: that error's page instead.
        if (!(failure instanceof DomainError)) this.logger.error({ err: failure }, 'form page failed');
        this.pages.catch(failure, host);
      });
      return;
    }
    this.pages.catch(exception, host);
  }

  private async showForm(req: StaffRequest, res: Response, form: PostedForm, invalid: FormInvalid): Promise<void> {
    const controller = this.moduleRef.get<FormPageController>(form.controller, { strict: false });
    const view = await controller.formPage(req, invalid.values, invalid.problems);
    await this.staff.render(req, res, view.render, invalid.status);
  }
}

/** The form's problem an error is, if it is one: FormInvalid itself, or a domain error naming a control of the form. */
export function formProblem(error: unknown, form: PostedForm): FormInvalid | null {
  if (error instanceof FormInvalid) return error;
  if (!(error instanceof DomainError) || !FORM_ERROR_CODES.includes(error.code)) return null;
  const property = error.details.field;
  if (typeof property !== 'string' || !(hasControl(form.type, property) || property in form.values)) return null;
  const control = controlOf(form.type, property);
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(error.details)) if (typeof value === 'string' || typeof value === 'number') params[name] = String(value);
  const reason = typeof error.details.reason === 'string' ? error.details.reason : error.code;
  return new FormInvalid(form.values, [{ control: control.name, translated: control.translated, reason, params }], error.code === ErrorCode.CONFLICT ? 409 : 400);
}
