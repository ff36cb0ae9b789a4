import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';
import { CsrfExempt } from '../../auth/csrf.guard';
import { Public } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { AppConfig } from '../../config/app-config.service';
import type { FollowTarget } from '../../follows/follow-target';
import { FollowLink, FollowsService } from '../../follows/follows.service';
import { formValuesOf, valueOf } from '../forms/form-invalid';
import type { WebRequest } from '../layout/page-context';
import { PageContextService } from '../layout/page-context.service';
import { PageResponder } from '../layout/page-responder.service';
import { WebErrorFilter } from '../layout/web-error.filter';
import { FollowForm } from './follow.form';
import { FollowFormPage, FollowLinkPage, FollowRequestedPage } from './follow.views';
import { PublicSiteGuard } from './public-site.guard';

/**
 * Following a public record by e-mail, without an account (see FollowsService):
 * - POST /follow: the form of a record's page → 303 to /follow/requested, the same answer whatever
 *   happened (a bad address comes back as a form error: that reveals nothing about anyone);
 * - /follow/confirm/{token}: GET shows a button (mail scanners fetch links), its POST confirms;
 * - /follow/unsubscribe/{token}: GET shows a button, its POST (or a mail provider's one-click POST,
 *   RFC 8058) deletes the follow and the address.
 * The public pages are cached and carry no cookie, so /follow is guarded by a same-origin check
 * (Sec-Fetch-Site, else Origin or Referer) instead of a CSRF token; the two link routes are their own authority (a
 * signed token), as for the notifications' unsubscribe. Without SMTP every route is NOT_FOUND.
 */
@Public()
@Controller('follow')
@UseFilters(WebErrorFilter)
export class FollowController {
  constructor(
    private readonly pages: PageResponder,
    private readonly contexts: PageContextService,
    private readonly follows: FollowsService,
    private readonly config: AppConfig,
  ) {}

  // The form belongs to the public pages; the links in mails work whatever PUBLIC_SITE says (a
  // follow asked for through the API must still be confirmable and, above all, endable).
  @Post()
  @CsrfExempt()
  @UseGuards(PublicSiteGuard)
  async request(@Body() body: unknown, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    this.assertEnabled();
    this.assertSameOrigin(req);
    const values = formValuesOf(body);
    const form = plainToInstance(FollowForm, { email: valueOf(values, 'email'), recommendationId: valueOf(values, 'recommendationId'), indicatorId: valueOf(values, 'indicatorId'), organizationId: valueOf(values, 'organizationId') });
    const errors = await validate(form, { whitelist: true, forbidUnknownValues: false });
    const target = targetOf(form);
    if (!target || errors.some((e) => e.property !== 'email')) throw DomainError.badInput('record', 'name exactly one recommendation, indicator or organisation', { reason: 'follow-record' });
    if (errors.length) {
      await this.pages.privatePage(req, res, (ctx, css) => FollowFormPage({ ctx, stylesheetHref: css, target, email: valueOf(values, 'email'), error: ctx.t('follow.form.emailInvalid') }), 400);
      return;
    }
    const locale = this.contexts.localeFor(req);
    await this.follows.request({ email: form.email, target, language: locale, clientIp: req.ip ?? '' });
    res.redirect(303, `/follow/requested?lang=${locale}`);
  }

  @Get('requested')
  @UseGuards(PublicSiteGuard)
  requested(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    this.assertEnabled();
    return this.pages.privatePage(req, res, (ctx, css) => FollowRequestedPage({ ctx, stylesheetHref: css, days: this.config.get('FOLLOW_CONFIRM_DAYS') }));
  }

  @Get('confirm/:token')
  async confirmPage(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    this.assertEnabled();
    await this.linkPage(req, res, 'confirm', token, await this.follows.confirmLink(token), false);
  }

  @Post('confirm/:token')
  @CsrfExempt()
  async confirm(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    this.assertEnabled();
    const link = await this.follows.confirm(token);
    await this.linkPage(req, res, 'confirm', token, link, link !== null);
  }

  @Get('unsubscribe/:token')
  async unsubscribePage(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    this.assertEnabled();
    await this.linkPage(req, res, 'unsubscribe', token, await this.follows.unsubscribeLink(token), false);
  }

  @Post('unsubscribe/:token')
  @CsrfExempt()
  async unsubscribe(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    this.assertEnabled();
    const link = await this.follows.unsubscribeLink(token);
    const done = await this.follows.unsubscribe(token);
    await this.linkPage(req, res, 'unsubscribe', token, done ? link : null, done);
  }

  private linkPage(req: WebRequest, res: Response, purpose: 'confirm' | 'unsubscribe', token: string, link: FollowLink | null, done: boolean): Promise<void> {
    const action = `/follow/${purpose}/${encodeURIComponent(token)}`;
    return this.pages.privatePage(
      req,
      res,
      (ctx, css) =>
        FollowLinkPage({
          ctx,
          stylesheetHref: css,
          purpose,
          record: link ? this.follows.recordName(ctx.i18n, link.record) : null,
          recordPath: link ? `${link.record.path}${link.record.path.includes('?') ? '&' : '?'}lang=${ctx.locale}` : null,
          done,
          action: `${action}?lang=${ctx.locale}`,
        }),
      link ? 200 : 404,
    );
  }

  private assertEnabled(): void {
    if (!this.follows.enabled) throw new DomainError(ErrorCode.NOT_FOUND, 'following by e-mail is off (no SMTP_URL)', { reason: 'follow-off' });
  }

  /**
   * A browser says where a form POST comes from: Sec-Fetch-Site (which a page cannot forge) must be
   * `same-origin`; a browser without it must send Origin (or, where it sends `null` under the
   * site's no-referrer policy, a Referer) naming this site: the configured address or the one the
   * request came to. Anything else, a request saying nothing included, is refused.
   */
  private assertSameOrigin(req: WebRequest): void {
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string') {
      if (site === 'same-origin') return;
      throw new DomainError(ErrorCode.FORBIDDEN, 'the form did not come from this site; open the page and try again', { reason: 'csrf' });
    }
    const origin = req.headers.origin;
    const sent = origin && origin !== 'null' ? origin : refererOrigin(req.headers.referer);
    const allowed = new Set([new URL(this.config.publicBaseUrl).origin, `${req.protocol}://${req.get('host') ?? ''}`]);
    if (!sent || !allowed.has(sent)) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'the form did not come from this site; open the page and try again', { reason: 'csrf' });
    }
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

/** Exactly one of the form's record fields, else null. */
function targetOf(form: FollowForm): FollowTarget | null {
  const given = [
    form.recommendationId ? { recommendationId: form.recommendationId } : null,
    form.indicatorId ? { indicatorId: form.indicatorId } : null,
    form.organizationId ? { organizationId: form.organizationId } : null,
  ].filter((target) => target !== null);
  return given.length === 1 ? given[0] : null;
}
