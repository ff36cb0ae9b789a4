import { Controller, Get, HttpCode, Param, Post, Query, Redirect, UseFilters, UseInterceptors } from '@nestjs/common';
import { UsersService } from '../../accounts/users.service';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { OrganizationsService } from '../../organizations/organizations.service';
import { FormBody } from '../forms/form-body';
import type { FieldErrors } from '../forms/field-errors';
import { FormProblem, FormValues, valueOf } from '../forms/form-invalid';
import { ShownOncePage } from '../staff/account.views';
import { StaffErrorFilter } from '../staff/staff-error.filter';
import type { FormPageController } from '../staff/staff-error.filter';
import { StaffView } from '../staff/staff-pages.service';
import type { StaffRequest } from '../staff/staff-pages.service';
import { StaffViewInterceptor } from '../staff/staff-view.interceptor';
import { InviteForm } from './admin.forms';
import { InvitePage, UsersPage } from './admin.views';
import type { MessageKey } from './message-key';

/** The message of each invitation control's problem, by reason ('taken': the address has an account). */
function inviteMessage(problem: FormProblem): MessageKey {
  switch (problem.control) {
    case 'email':
      return problem.reason === 'taken' ? 'staff.admin.error.emailTaken' : 'staff.admin.error.email';
    case 'displayName':
      return 'staff.admin.error.displayName';
    case 'role':
      return 'staff.admin.error.role';
    case 'preferredLanguage':
      return 'staff.admin.error.language';
    default:
      return 'staff.admin.error.organization';
  }
}

/** Admin: people (list, invite, a new set-password link, deactivate and reactivate). */
@Controller('admin/users')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class AdminUsersController implements FormPageController {
  constructor(
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get()
  @Roles(Role.ADMIN)
  async list(@CurrentActor() actor: Actor, @Query('done') done?: string): Promise<StaffView> {
    const users = await this.users.list();
    return new StaffView((ctx, stylesheetHref) => {
      const success = done === 'deactivated' ? ctx.t('staff.admin.deactivatedDone') : done === 'reactivated' ? ctx.t('staff.admin.reactivatedDone') : null;
      return UsersPage({ ctx, stylesheetHref, users, success, selfId: actor.userId ?? null });
    });
  }

  @Get('new')
  @Roles(Role.ADMIN)
  inviteForm(): Promise<StaffView> {
    return this.formPage(null, { preferredLanguage: 'ru' }, []);
  }

  @Post()
  @Roles(Role.ADMIN)
  @HttpCode(200)
  async invite(@FormBody() form: InviteForm, @CurrentActor() actor: Actor): Promise<StaffView> {
    const { user, link } = await this.users.invite(form, actor);
    return new StaffView((ctx, stylesheetHref) =>
      ShownOncePage({
        ctx,
        stylesheetHref,
        title: ctx.t('staff.admin.invitedTitle'),
        intro: ctx.t('staff.admin.linkIntro', { email: user.email, until: ctx.i18n.dateTime(link.expiresAt) }),
        secret: link.url,
        label: ctx.t('staff.admin.linkLabel'),
        back: { href: '/admin/users', label: ctx.t('staff.admin.usersTitle') },
      }),
    );
  }

  @Post(':id/reset')
  @Roles(Role.ADMIN)
  @HttpCode(200)
  async reset(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<StaffView> {
    const link = await this.users.issuePasswordReset(id, actor);
    const user = await this.users.findById(id);
    return new StaffView((ctx, stylesheetHref) =>
      ShownOncePage({
        ctx,
        stylesheetHref,
        title: ctx.t('staff.admin.resetTitle'),
        intro: ctx.t('staff.admin.linkIntro', { email: user?.email ?? '', until: ctx.i18n.dateTime(link.expiresAt) }),
        secret: link.url,
        label: ctx.t('staff.admin.linkLabel'),
        back: { href: '/admin/users', label: ctx.t('staff.admin.usersTitle') },
      }),
    );
  }

  @Post(':id/deactivate')
  @Roles(Role.ADMIN)
  @Redirect('/admin/users?done=deactivated', 303)
  async deactivate(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.users.deactivate(id, actor);
  }

  @Post(':id/reactivate')
  @Roles(Role.ADMIN)
  @Redirect('/admin/users?done=reactivated', 303)
  async reactivate(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.users.reactivate(id, actor);
  }

  async formPage(_req: StaffRequest | null, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    const organizations = await this.organizations.list();
    const draft = {
      email: valueOf(values, 'email'),
      displayName: valueOf(values, 'displayName'),
      role: valueOf(values, 'role'),
      organizationId: valueOf(values, 'organizationId'),
      preferredLanguage: valueOf(values, 'preferredLanguage') || 'ru',
    };
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = Object.fromEntries(problems.map((problem) => [problem.control, ctx.t(inviteMessage(problem))]));
      return InvitePage({ ctx, stylesheetHref, organizations, draft, errors });
    });
  }
}
