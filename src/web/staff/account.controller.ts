import { Controller, Get, HttpCode, Param, Post, Query, Redirect, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from '../../accounts/session-cookie';
import type { PasswordProblem } from '../../accounts/password-policy';
import { SessionsService } from '../../accounts/sessions.service';
import { UsersService } from '../../accounts/users.service';
import type { Actor } from '../../auth/actor';
import { ApiTokensService } from '../../auth/api-tokens.service';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { READERS } from '../../auth/role.enum';
import { Public, Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { OrganizationsService } from '../../organizations/organizations.service';
import { CalendarService } from '../../reminders/calendar.service';
import { kindName } from '../../notifications/notification-mail';
import { deliveriesFor, NOTIFICATION_KINDS, NotificationsService } from '../../notifications/notifications.service';
import { postedText } from '../forms/form-controls';
import type { PageContext } from '../layout/page-context';
import { AccountPage, mailControl, LinkInvalidPage, SetPasswordPage, ShownOncePage, SignInPage } from './account.views';
import { LANG_COOKIE } from '../layout/page-context.service';
import { FormBody } from '../forms/form-body';
import type { FormProblem, FormValues } from '../forms/form-invalid';
import { valueOf } from '../forms/form-invalid';
import { PersonalTokenForm, SetPasswordForm, SignInForm } from './account.forms';
import { FieldErrors, safeNextPath } from './form';
import type { FormPageController } from './staff-error.filter';
import { StaffView, staffHome } from './staff-pages.service';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffPages } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffViewInterceptor } from './staff-view.interceptor';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** Sign in and out, set a password from a one-time link, the person's own account and tokens. */
@Controller()
@UseFilters(StaffErrorFilter)
export class AccountController implements FormPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly tokens: ApiTokensService,
    private readonly organizations: OrganizationsService,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationsService,
  ) {}

  @Get('sign-in')
  @Public()
  @UseInterceptors(StaffViewInterceptor)
  signInForm(@Query('next') next?: string, @Query('done') done?: string): StaffView {
    const notice = (ctx: PageContext) => (done === 'signedOut' ? ctx.t('staff.signIn.signedOut') : done === 'passwordSet' ? ctx.t('staff.signIn.passwordSet') : null);
    return new StaffView((ctx, stylesheetHref) => SignInPage({ ctx, stylesheetHref, email: '', next: safeNextPath(next), errors: {}, notice: notice(ctx) }));
  }

  @Post('sign-in')
  @Public()
  async signIn(@Req() req: StaffRequest, @Res() res: Response, @FormBody() form: SignInForm): Promise<void> {
    const { email, password } = form;
    const next = safeNextPath(form.next);
    try {
      const { secret, user } = await this.sessions.signIn(email, password, {
        ip: req.ip ?? 'unknown',
        userAgent: req.headers['user-agent'] ?? null,
        previousSecret: readCookie(req, SESSION_COOKIE),
      });
      setSessionCookie(req, res, SESSION_COOKIE, secret);
      // The person's preferred language, unless this browser already chose one.
      if (!readCookie(req, LANG_COOKIE, /^[a-z]{2}$/)) {
        res.cookie(LANG_COOKIE, user.preferredLanguage, { maxAge: ONE_YEAR_MS, sameSite: 'lax', path: '/', httpOnly: true });
      }
      res.redirect(303, staffHome(user.role, next));
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== ErrorCode.UNAUTHENTICATED && error.code !== ErrorCode.TOO_MANY_REQUESTS)) throw error;
      const throttled = error.code === ErrorCode.TOO_MANY_REQUESTS;
      if (throttled) res.setHeader('retry-after', String(error.details.retryAfter));
      await this.pages.render(
        req,
        res,
        (ctx, stylesheetHref) => {
          const message = throttled
            ? ctx.t('staff.signIn.throttled', { minutes: Math.ceil(Number(error.details.retryAfter) / 60) })
            : ctx.t('staff.signIn.failed');
          const errors: FieldErrors = { email: message };
          return SignInPage({ ctx, stylesheetHref, email, next, errors });
        },
        throttled ? 429 : 401,
      );
    }
  }

  @Post('sign-out')
  @Roles(...READERS)
  async signOut(@Req() req: StaffRequest, @Res() res: Response): Promise<void> {
    const secret = readCookie(req, SESSION_COOKIE);
    if (secret) await this.sessions.signOut(secret);
    clearSessionCookie(req, res, SESSION_COOKIE);
    res.redirect(303, '/sign-in?done=signedOut');
  }

  @Post('account/sign-out-everywhere')
  @Roles(...READERS)
  async signOutEverywhere(@Req() req: StaffRequest, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    await this.sessions.signOutEverywhere(actor);
    clearSessionCookie(req, res, SESSION_COOKIE);
    res.redirect(303, '/sign-in?done=signedOut');
  }

  @Get('account/set-password/:secret')
  @Public()
  async setPasswordForm(@Param('secret') secret: string, @Req() req: StaffRequest, @Res() res: Response): Promise<void> {
    const found = await this.users.userForLink(secret);
    if (!found) {
      await this.pages.render(req, res, (ctx, stylesheetHref) => LinkInvalidPage({ ctx, stylesheetHref }), 404);
      return;
    }
    await this.pages.render(req, res, (ctx, stylesheetHref) => SetPasswordPage({ ctx, stylesheetHref, user: found.user, secret, errors: {} }));
  }

  @Post('account/set-password/:secret')
  @Public()
  async setPassword(@Param('secret') secret: string, @Req() req: StaffRequest, @Res() res: Response, @FormBody() form: SetPasswordForm): Promise<void> {
    const found = await this.users.userForLink(secret);
    if (!found) {
      await this.pages.render(req, res, (ctx, stylesheetHref) => LinkInvalidPage({ ctx, stylesheetHref }), 404);
      return;
    }
    const problem = await this.trySetPassword(secret, form.password, form.confirm, typeof req.id === 'string' ? req.id : null);
    if (!problem) {
      res.redirect(303, '/sign-in?done=passwordSet');
      return;
    }
    await this.pages.render(
      req,
      res,
      (ctx, stylesheetHref) => {
        const errors: FieldErrors =
          problem === 'mismatch' ? { confirm: ctx.t('staff.setPassword.mismatch') } : { password: ctx.t(`staff.password.${problem}`) };
        return SetPasswordPage({ ctx, stylesheetHref, user: found.user, secret, errors });
      },
      400,
    );
  }

  /** null when the password was set; otherwise why not. */
  private async trySetPassword(secret: string, password: string, confirm: string, requestId: string | null): Promise<PasswordProblem | 'mismatch' | null> {
    if (password !== confirm) return 'mismatch';
    try {
      await this.users.setPasswordWithLink(secret, password, requestId);
      return null;
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.BAD_USER_INPUT && typeof error.details.reason === 'string') return error.details.reason as PasswordProblem;
      throw error;
    }
  }

  @Get('account')
  @Roles(...READERS)
  @UseInterceptors(StaffViewInterceptor)
  account(@CurrentActor() actor: Actor, @Query('done') done?: string): Promise<StaffView> {
    return this.accountView(actor, {}, '', done ?? null);
  }

  @Post('account/tokens')
  @Roles(...READERS)
  @HttpCode(200)
  @UseInterceptors(StaffViewInterceptor)
  async createToken(@FormBody() form: PersonalTokenForm, @CurrentActor() actor: Actor): Promise<StaffView> {
    const { token } = await this.tokens.createPersonal(form.name, actor);
    return new StaffView((ctx, stylesheetHref) =>
      ShownOncePage({
        ctx,
        stylesheetHref,
        title: ctx.t('staff.tokens.createdTitle'),
        intro: ctx.t('staff.tokens.createdIntro', { name: form.name }),
        secret: token,
        label: ctx.t('staff.tokens.secretLabel'),
        back: { href: '/account', label: ctx.t('staff.account.back') },
      }),
    );
  }

  /** The account page again with the token form's problem (its one control, the name). */
  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    if (!req.actor) throw new DomainError(ErrorCode.FORBIDDEN, 'this page is for signed-in people');
    return this.accountView(req.actor, problems.length ? { name: 'staff.tokens.nameInvalid' } : {}, valueOf(values, 'name').trim(), null);
  }

  @Post('account/tokens/:id/revoke')
  @Roles(...READERS)
  @Redirect('/account?done=tokenRevoked', 303)
  async revokeToken(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.tokens.revokePersonal(id, actor);
  }

  @Post('account/calendar')
  @Roles(...READERS)
  @HttpCode(200)
  @UseInterceptors(StaffViewInterceptor)
  async createCalendarFeed(@CurrentActor() actor: Actor): Promise<StaffView> {
    const url = await this.calendar.create(actor);
    return new StaffView((ctx, stylesheetHref) =>
      ShownOncePage({
        ctx,
        stylesheetHref,
        title: ctx.t('staff.calendar.createdTitle'),
        intro: ctx.t('staff.calendar.createdIntro'),
        secret: url,
        label: ctx.t('staff.calendar.urlLabel'),
        back: { href: '/account', label: ctx.t('staff.account.back') },
      }),
    );
  }

  @Post('account/calendar/revoke')
  @Roles(...READERS)
  @Redirect('/account?done=calendarRevoked', 303)
  async revokeCalendarFeed(@CurrentActor() actor: Actor): Promise<void> {
    await this.calendar.revoke(actor);
  }

  /**
   * The mail choices (one select per kind). Every posted choice is checked first: a missing or
   * unknown one, or OFF for escalations, is shown again on the page (400) and nothing changes.
   */
  @Post('account/mail')
  @Roles(...READERS)
  async setMail(@Req() req: StaffRequest, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, postedText(body, mailControl(kind))]));
    const invalid = NOTIFICATION_KINDS.filter((kind) => !(deliveriesFor(kind) as string[]).includes(values[kind]));
    if (invalid.length) {
      const view = await this.accountView(actor, {}, '', null, {
        values,
        errors: (ctx) => Object.fromEntries(invalid.map((kind) => [mailControl(kind), ctx.t('staff.mailPreferences.invalid', { kind: kindName(ctx.t, kind) })])),
      });
      await this.pages.render(req, res, view.render, 400);
      return;
    }
    await this.notifications.setPreferences(
      actor,
      NOTIFICATION_KINDS.map((kind) => ({ kind, delivery: values[kind] })),
    );
    res.redirect(303, '/account?done=mailSaved#mail');
  }

  private async accountView(
    actor: Actor,
    errorKeys: Record<string, 'staff.tokens.nameInvalid'>,
    tokenName: string,
    done: string | null,
    mailForm?: { values: Record<string, string>; errors: (ctx: PageContext) => FieldErrors },
  ): Promise<StaffView> {
    const user = actor.userId ? await this.users.findById(actor.userId) : null;
    if (!user) throw new DomainError(ErrorCode.FORBIDDEN, 'this page is for signed-in people');
    const [tokens, organizations, calendarFeed, mail] = await Promise.all([
      this.tokens.listPersonal(user.id),
      this.organizations.list(),
      this.calendar.has(user.id),
      this.notifications.preferences(actor),
    ]);
    const organizationName = organizations.find((o) => o.id === user.organizationId)?.name ?? null;
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = {
        ...Object.fromEntries(Object.entries(errorKeys).map(([id, key]) => [id, ctx.t(key)])),
        ...(mailForm?.errors(ctx) ?? {}),
      };
      const success =
        done === 'tokenRevoked'
          ? ctx.t('staff.tokens.revokedDone')
          : done === 'calendarRevoked'
            ? ctx.t('staff.calendar.revokedDone')
            : done === 'mailSaved'
              ? ctx.t('staff.mailPreferences.saved')
              : null;
      return AccountPage({ ctx, stylesheetHref, user, organizationName, tokens, errors, tokenName, success, calendarFeed, mail, mailValues: mailForm?.values });
    });
  }
}
