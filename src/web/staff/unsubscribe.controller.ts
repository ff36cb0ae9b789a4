import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CsrfExempt } from '../../auth/csrf.guard';
import { Public } from '../../auth/roles.decorator';
import { NotificationsService } from '../../notifications/notifications.service';
import { StaffPages } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { UnsubscribePage } from './unsubscribe.views';

/**
 * `/notifications/unsubscribe/{token}`, the List-Unsubscribe address of every notification mail:
 * GET shows a button, POST (the button, or a mail provider's one-click POST per RFC 8058, without
 * cookies) turns that kind of mail off for that person. The signed token is the only authority, so
 * the POST needs no session and no CSRF token; a bad token changes nothing (404).
 */
@Controller('notifications/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly pages: StaffPages,
    private readonly notifications: NotificationsService,
  ) {}

  @Get(':token')
  @Public()
  async show(@Param('token') token: string, @Req() req: StaffRequest, @Res() res: Response): Promise<void> {
    const kind = await this.notifications.unsubscribeKind(token);
    await this.page(req, res, token, kind, false);
  }

  @Post(':token')
  @Public()
  @CsrfExempt()
  async unsubscribe(@Param('token') token: string, @Req() req: StaffRequest, @Res() res: Response): Promise<void> {
    const kind = await this.notifications.unsubscribe(token);
    await this.page(req, res, token, kind, kind !== null);
  }

  private page(req: StaffRequest, res: Response, token: string, kind: string | null, done: boolean): Promise<void> {
    const action = `/notifications/unsubscribe/${encodeURIComponent(token)}`;
    return this.pages.render(req, res, (ctx, stylesheetHref) => UnsubscribePage({ ctx, stylesheetHref, kind, done, action }), kind === null ? 404 : 200);
  }
}
