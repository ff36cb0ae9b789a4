import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { PRE_SESSION_CSRF_COOKIE, readCookie, setSessionCookie } from '../../accounts/session-cookie';
import { ValueReviewService } from '../../action-plan/value-review.service';
import { AssessmentsService } from '../../assessments/assessments.service';
import type { AuthenticatedRequest } from '../../auth/current-actor.decorator';
import { EDITORS, Role } from '../../auth/role.enum';
import type { Translator } from '../../i18n/i18n.service';
import type { Locale } from '../../i18n/locales';
import type { NavigationLink, PageContext, WebRequest } from '../layout/page-context';
import { PageContextService } from '../layout/page-context.service';
import { PageRender, PageResponder } from '../layout/page-responder.service';
import { NotificationsService } from '../../notifications/notifications.service';

export type StaffRequest = WebRequest & AuthenticatedRequest;

/**
 * What a staff page handler returns: its page, rendered in the one layout once the
 * request's context is known (StaffViewInterceptor sends it, no-store, with the route's status).
 */
export class StaffView {
  constructor(readonly render: PageRender) {}
}

/**
 * The links a signed-in person sees after the public ones, by role; reviewers see how many values
 * (`waiting`) and assessments (`assessmentsWaiting`) wait for them, everyone how many notifications
 * they have not read (`unread`).
 */
export function staffNavigation(t: Translator['t'], role: Role, waiting = 0, unread = 0, assessmentsWaiting = 0): NavigationLink[] {
  // An NGO person sees no official staff pages: their organisation's assessments and their own account.
  if (role === Role.NGO) {
    return [
      { href: '/work/assessments', label: t('staff.nav.assessments') },
      { href: '/work/webhooks', label: t('staff.nav.webhooks') },
      { href: '/account', label: t('staff.nav.account') },
    ];
  }
  const links: NavigationLink[] = [{ href: '/work', label: t('staff.nav.work') }];
  links.push({ href: '/work/notifications', label: t('staff.nav.notifications', { count: unread }) });
  if (EDITORS.includes(role)) links.push({ href: '/work/review', label: t('staff.nav.review', { count: waiting }) });
  if (EDITORS.includes(role)) links.push({ href: '/work/moderation', label: t('staff.nav.moderation', { count: assessmentsWaiting }) });
  if (role === Role.ADMIN || role === Role.EDITOR || role === Role.MINISTRY) links.push({ href: '/work/import', label: t('staff.nav.import') });
  if (role === Role.ADMIN || role === Role.EDITOR) {
    links.push({ href: '/work/new', label: t('staff.nav.create') });
    links.push({ href: '/work/edit', label: t('staff.nav.edit') });
  }
  links.push({ href: '/work/downloads', label: t('staff.nav.downloads') });
  if (role === Role.ADMIN) links.push({ href: '/admin/users', label: t('staff.nav.admin') });
  if (role === Role.ADMIN || role === Role.ANALYST) links.push({ href: '/admin/audit', label: t('staff.nav.audit') });
  links.push({ href: '/account', label: t('staff.nav.account') });
  return links;
}

/** Where a person lands after signing in when no page was asked for: /work, or for an NGO person their organisation's assessments. */
export function staffHome(role: Role, next: string): string {
  return role === Role.NGO && next === '/work' ? '/work/assessments' : next;
}

/**
 * Renders staff pages through the one layout: fills the request's slots the
 * layout reads (the person and their links, the CSRF token for forms) and
 * answers with no-store.
 */
@Injectable()
export class StaffPages {
  constructor(
    private readonly pages: PageResponder,
    private readonly contexts: PageContextService,
    private readonly review: ValueReviewService,
    private readonly notifications: NotificationsService,
    private readonly assessments: AssessmentsService,
  ) {}

  async render(req: StaffRequest, res: Response, render: PageRender, status = 200): Promise<void> {
    await this.fillSlots(req, res);
    await this.pages.privatePage(req, res, render, status);
  }

  /** The page's document with its headers set, for a handler that returns its page (see StaffView). */
  async document(req: StaffRequest, res: Response, view: StaffView): Promise<string> {
    await this.fillSlots(req, res);
    return this.pages.privateDocument(req, res, view.render);
  }

  private async fillSlots(req: StaffRequest, res: Response): Promise<void> {
    req.csrfToken = csrfTokenFor(req, res);
    const actor = req.actor;
    if (actor?.userId) {
      const { t } = this.contexts.contextFor(req, res);
      const reviewer = EDITORS.includes(actor.role);
      const [waiting, assessmentsWaiting, unread] = await Promise.all([
        reviewer ? this.review.countWaiting() : 0,
        reviewer ? this.assessments.countWaiting() : 0,
        this.notifications.unreadCount(actor.userId),
      ]);
      req.signedIn = { displayName: actor.name, navigation: staffNavigation(t, actor.role, waiting, unread, assessmentsWaiting) };
    }
  }

  /** The request's language: the one a service writes texts and messages in. */
  locale(req: StaffRequest): Locale {
    return this.contexts.localeFor(req);
  }

  /** The page context alone (for messages outside a page, e.g. a flash text). */
  context(req: StaffRequest, res: Response): PageContext {
    return this.contexts.contextFor(req, res);
  }
}

/**
 * The token forms carry: the session's (bound to it), or before sign-in the
 * pre-session cookie's value, created here when the browser has none.
 */
export function csrfTokenFor(req: StaffRequest, res: Response): string {
  const fromSession = req.actor?.session?.csrfToken;
  if (fromSession) return fromSession;
  const existing = readCookie(req, PRE_SESSION_CSRF_COOKIE);
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  setSessionCookie(req, res, PRE_SESSION_CSRF_COOKIE, token);
  // Visible to the CsrfGuard of this same request only if it were a POST; forms come from a GET first.
  return token;
}
