import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { CsrfExempt } from '../../auth/csrf.guard';
import { Public } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config.service';
import { FollowLink, FollowsService } from '../../follows/follows.service';
import { FormBody } from '../forms/form-body';
import type { WebRequest } from '../layout/page-context';
import { PageContextService } from '../layout/page-context.service';
import { PageResponder } from '../layout/page-responder.service';
import { WebErrorFilter } from '../layout/web-error.filter';
import { FollowFormFilter } from './follow-form.filter';
import { FollowForm, followTargetOf } from './follow.form';
import { FollowEnabledGuard, SameOriginGuard } from './follow.guards';
import { FollowLinkPage, FollowRequestedPage } from './follow.views';
import { PublicSiteGuard } from './public-site.guard';

/**
 * Following a public record by e-mail, without an account (see FollowsService):
 * - POST /follow: the form of a record's page → 303 to /follow/requested, the same answer whatever
 *   happened (a bad address comes back as a form error: that reveals nothing about anyone);
 * - /follow/confirm/{token}: GET shows a button (mail scanners fetch links), its POST confirms;
 * - /follow/unsubscribe/{token}: GET shows a button, its POST (or a mail provider's one-click POST,
 *   RFC 8058) deletes the follow and the address.
 * The public pages are cached and carry no cookie, so /follow is guarded by SameOriginGuard
 * instead of a CSRF token; the two link routes are their own authority (a signed token), as for
 * the notifications' unsubscribe. Without SMTP every route is NOT_FOUND (FollowEnabledGuard).
 */
@Public()
@Controller('follow')
@UseGuards(FollowEnabledGuard)
@UseFilters(WebErrorFilter)
export class FollowController {
  constructor(
    private readonly pages: PageResponder,
    private readonly contexts: PageContextService,
    private readonly follows: FollowsService,
    private readonly config: AppConfig,
  ) {}

  // The form belongs to the public pages (PublicSiteGuard); the links in mails work whatever
  // PUBLIC_SITE says (a follow asked for through the API must still be confirmable and endable).
  @Post()
  @CsrfExempt()
  @UseGuards(PublicSiteGuard, SameOriginGuard)
  @UseFilters(FollowFormFilter)
  async request(@FormBody() form: FollowForm, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const target = followTargetOf(form);
    if (!target) throw DomainError.badInput('record', 'name exactly one recommendation, indicator or organisation', { reason: 'follow-record' });
    const locale = this.contexts.localeFor(req);
    await this.follows.request({ email: form.email, target, language: locale, clientIp: req.ip ?? '' });
    res.redirect(303, `/follow/requested?lang=${locale}`);
  }

  @Get('requested')
  @UseGuards(PublicSiteGuard)
  requested(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    return this.pages.privatePage(req, res, (ctx, css) => FollowRequestedPage({ ctx, stylesheetHref: css, days: this.config.get('FOLLOW_CONFIRM_DAYS') }));
  }

  @Get('confirm/:token')
  async confirmPage(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.linkPage(req, res, 'confirm', token, await this.follows.confirmLink(token), false);
  }

  @Post('confirm/:token')
  @CsrfExempt()
  async confirm(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const link = await this.follows.confirm(token);
    await this.linkPage(req, res, 'confirm', token, link, link !== null);
  }

  @Get('unsubscribe/:token')
  async unsubscribePage(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.linkPage(req, res, 'unsubscribe', token, await this.follows.unsubscribeLink(token), false);
  }

  @Post('unsubscribe/:token')
  @CsrfExempt()
  async unsubscribe(@Param('token') token: string, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
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
}
