import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { InviteUserInput } from '../../accounts/dto/invite-user.input';
import { UsersService } from '../../accounts/users.service';
import { AuditService } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { ApiTokensService } from '../../auth/api-tokens.service';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { CreateApiTokenInput } from '../../auth/dto/create-api-token.input';
import { Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { OrganizationsService } from '../../organizations/organizations.service';
import { ShownOncePage } from '../staff/account.views';
import { errorField, field, FieldErrors, validateForm } from '../staff/form';
import { StaffErrorFilter } from '../staff/staff-error.filter';
import { StaffPages } from '../staff/staff-pages.service';
import type { StaffRequest } from '../staff/staff-pages.service';
import { AuditPage, InviteDraft, InvitePage, TokensPage, UsersPage } from './admin.views';

const INVITE_MESSAGES = {
  email: 'staff.admin.error.email',
  displayName: 'staff.admin.error.displayName',
  role: 'staff.admin.error.role',
  organizationId: 'staff.admin.error.organization',
  preferredLanguage: 'staff.admin.error.language',
} as const;

const ENTITY_TYPES = ['Recommendation', 'IndicatorValue', 'Indicator', 'Meeting', 'Barrier', 'ActionPlan', 'Organization', 'Person', 'User', 'ApiToken'];

/** Admin: people (invite, new set-password link, deactivate), API tokens, and the audit log. */
@Controller('admin')
@UseFilters(StaffErrorFilter)
export class AdminController {
  constructor(
    private readonly pages: StaffPages,
    private readonly users: UsersService,
    private readonly tokens: ApiTokensService,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  @Get('users')
  @Roles(Role.ADMIN)
  async usersList(@Req() req: StaffRequest, @Res() res: Response, @CurrentActor() actor: Actor, @Query('done') done?: string): Promise<void> {
    const users = await this.users.list();
    await this.pages.render(req, res, (ctx, stylesheetHref) => {
      const success = done === 'deactivated' ? ctx.t('staff.admin.deactivatedDone') : done === 'reactivated' ? ctx.t('staff.admin.reactivatedDone') : null;
      return UsersPage({ ctx, stylesheetHref, users, success, selfId: actor.userId ?? null });
    });
  }

  @Get('users/new')
  @Roles(Role.ADMIN)
  async inviteForm(@Req() req: StaffRequest, @Res() res: Response): Promise<void> {
    await this.renderInvite(req, res, { email: '', displayName: '', role: '', organizationId: '', preferredLanguage: 'ru' }, {}, 200);
  }

  @Post('users')
  @Roles(Role.ADMIN)
  async invite(@Req() req: StaffRequest, @Res() res: Response, @Body() body: unknown, @CurrentActor() actor: Actor): Promise<void> {
    const draft: InviteDraft = {
      email: field(body, 'email'),
      displayName: field(body, 'displayName'),
      role: field(body, 'role'),
      organizationId: field(body, 'organizationId'),
      preferredLanguage: field(body, 'preferredLanguage') || 'ru',
    };
    const checked = await validateForm(InviteUserInput, { ...draft });
    const invalid = new Set<keyof typeof INVITE_MESSAGES>((checked.invalid ?? []) as (keyof typeof INVITE_MESSAGES)[]);
    if (checked.input && (checked.input.role === Role.MINISTRY) !== Boolean(checked.input.organizationId)) invalid.add('organizationId');
    if (invalid.size || !checked.input) {
      await this.renderInvite(req, res, draft, Object.fromEntries([...invalid].map((name) => [name, INVITE_MESSAGES[name] ?? INVITE_MESSAGES.email])), 400);
      return;
    }
    let result;
    try {
      result = await this.users.invite(checked.input, actor);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.CONFLICT) {
        await this.renderInvite(req, res, draft, { email: 'staff.admin.error.emailTaken' }, 409);
        return;
      }
      throw error;
    }
    const { user, link } = result;
    await this.pages.render(req, res, (ctx, stylesheetHref) =>
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

  @Post('users/:id/reset')
  @Roles(Role.ADMIN)
  async reset(@Param('id') id: string, @Req() req: StaffRequest, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    const link = await this.users.issuePasswordReset(id, actor);
    const user = await this.users.findById(id);
    await this.pages.render(req, res, (ctx, stylesheetHref) =>
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

  @Post('users/:id/deactivate')
  @Roles(Role.ADMIN)
  async deactivate(@Param('id') id: string, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    await this.users.deactivate(id, actor);
    res.redirect(303, '/admin/users?done=deactivated');
  }

  @Post('users/:id/reactivate')
  @Roles(Role.ADMIN)
  async reactivate(@Param('id') id: string, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    await this.users.reactivate(id, actor);
    res.redirect(303, '/admin/users?done=reactivated');
  }

  @Get('tokens')
  @Roles(Role.ADMIN)
  async tokensList(@Req() req: StaffRequest, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.renderTokens(req, res, { name: '', role: Role.VIEWER, organizationId: '' }, {}, done === 'revoked' ? 'staff.tokens.revokedDone' : null, 200);
  }

  @Post('tokens')
  @Roles(Role.ADMIN)
  async createToken(@Req() req: StaffRequest, @Res() res: Response, @Body() body: unknown, @CurrentActor() actor: Actor): Promise<void> {
    const draft = { name: field(body, 'name'), role: field(body, 'role'), organizationId: field(body, 'organizationId') };
    const checked = await validateForm(CreateApiTokenInput, { ...draft, organizationId: draft.organizationId || null });
    if (checked.invalid || !checked.input) {
      const errors = Object.fromEntries(checked.invalid.map((name) => [name, name === 'name' ? 'staff.tokens.nameInvalid' : 'staff.admin.error.organization']));
      await this.renderTokens(req, res, draft, errors as Record<string, MessageOf>, null, 400);
      return;
    }
    let token: string;
    try {
      token = (await this.tokens.create(checked.input, actor)).token;
    } catch (error) {
      if (error instanceof DomainError && (errorField(error) === 'organizationId')) {
        await this.renderTokens(req, res, draft, { organizationId: 'staff.admin.error.organization' }, null, 400);
        return;
      }
      throw error;
    }
    await this.pages.render(req, res, (ctx, stylesheetHref) =>
      ShownOncePage({
        ctx,
        stylesheetHref,
        title: ctx.t('staff.tokens.createdTitle'),
        intro: ctx.t('staff.tokens.createdIntro', { name: draft.name }),
        secret: token,
        label: ctx.t('staff.tokens.secretLabel'),
        back: { href: '/admin/tokens', label: ctx.t('staff.admin.tokensTitle') },
      }),
    );
  }

  @Post('tokens/:id/revoke')
  @Roles(Role.ADMIN)
  async revokeToken(@Param('id') id: string, @Res() res: Response, @CurrentActor() actor: Actor): Promise<void> {
    await this.tokens.revoke(id, actor);
    res.redirect(303, '/admin/tokens?done=revoked');
  }

  @Get('audit')
  @Roles(Role.ADMIN, Role.ANALYST)
  async auditLog(
    @Req() req: StaffRequest,
    @Res() res: Response,
    @Query('entityType') entityType?: string,
    @Query('entityId') entityId?: string,
    @Query('after') after?: string,
  ): Promise<void> {
    const filters = {
      entityType: ENTITY_TYPES.includes(entityType ?? '') ? (entityType as string) : '',
      entityId: /^[0-9a-f-]{36}$/i.test(entityId?.trim() ?? '') ? (entityId as string).trim() : '',
    };
    const page = await this.audit.list(
      { entityType: filters.entityType || null, entityId: filters.entityId || null },
      { first: 50, after: typeof after === 'string' && after.length < 500 ? after : undefined },
    );
    const next = new URLSearchParams({ ...(filters.entityType ? { entityType: filters.entityType } : {}), ...(filters.entityId ? { entityId: filters.entityId } : {}) });
    if (page.pageInfo.endCursor) next.set('after', page.pageInfo.endCursor);
    const nextHref = page.pageInfo.hasNextPage ? `/admin/audit?${next.toString()}` : null;
    await this.pages.render(req, res, (ctx, stylesheetHref) =>
      AuditPage({ ctx, stylesheetHref, entries: page.edges.map((e) => e.node), entityTypes: ENTITY_TYPES, filters, nextHref, total: page.totalCount }),
    );
  }

  private async renderInvite(req: StaffRequest, res: Response, draft: InviteDraft, errorKeys: Record<string, MessageOf>, status: number): Promise<void> {
    const organizations = await this.organizations.list();
    await this.pages.render(
      req,
      res,
      (ctx, stylesheetHref) => {
        const errors: FieldErrors = Object.fromEntries(Object.entries(errorKeys).map(([id, key]) => [id, ctx.t(key)]));
        return InvitePage({ ctx, stylesheetHref, organizations, draft, errors });
      },
      status,
    );
  }

  private async renderTokens(
    req: StaffRequest,
    res: Response,
    draft: { name: string; role: string; organizationId: string },
    errorKeys: Record<string, MessageOf>,
    success: MessageOf | null,
    status: number,
  ): Promise<void> {
    const [tokens, organizations] = await Promise.all([this.tokens.list(), this.organizations.list()]);
    await this.pages.render(
      req,
      res,
      (ctx, stylesheetHref) => {
        const errors: FieldErrors = Object.fromEntries(Object.entries(errorKeys).map(([id, key]) => [id, ctx.t(key)]));
        return TokensPage({ ctx, stylesheetHref, tokens, organizations, errors, draft, success: success ? ctx.t(success) : null });
      },
      status,
    );
  }
}

type MessageOf = Parameters<import('../layout/page-context').PageContext['t']>[0];
