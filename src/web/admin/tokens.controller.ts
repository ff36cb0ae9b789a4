import { Controller, Get, HttpCode, Param, Post, Query, Redirect, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { ApiTokensService } from '../../auth/api-tokens.service';
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
import { TokenForm } from './admin.forms';
import { TokensPage } from './admin.views';
import type { MessageKey } from './message-key';

/** Admin: API tokens (list, create, revoke). */
@Controller('admin/tokens')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class AdminTokensController implements FormPageController {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get()
  @Roles(Role.ADMIN)
  list(@Query('done') done?: string): Promise<StaffView> {
    return this.page({ role: Role.VIEWER }, [], done === 'revoked' ? 'staff.tokens.revokedDone' : null);
  }

  @Post()
  @Roles(Role.ADMIN)
  @HttpCode(200)
  async create(@FormBody() form: TokenForm, @CurrentActor() actor: Actor): Promise<StaffView> {
    const { token } = await this.tokens.create(form, actor);
    return new StaffView((ctx, stylesheetHref) =>
      ShownOncePage({
        ctx,
        stylesheetHref,
        title: ctx.t('staff.tokens.createdTitle'),
        intro: ctx.t('staff.tokens.createdIntro', { name: form.name }),
        secret: token,
        label: ctx.t('staff.tokens.secretLabel'),
        back: { href: '/admin/tokens', label: ctx.t('staff.admin.tokensTitle') },
      }),
    );
  }

  @Post(':id/revoke')
  @Roles(Role.ADMIN)
  @Redirect('/admin/tokens?done=revoked', 303)
  async revoke(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.tokens.revoke(id, actor);
  }

  formPage(_req: StaffRequest | null, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    return this.page(values, problems, null);
  }

  private async page(values: FormValues, problems: FormProblem[], success: MessageKey | null): Promise<StaffView> {
    const [tokens, organizations] = await Promise.all([this.tokens.list(), this.organizations.list()]);
    const draft = { name: valueOf(values, 'name'), role: valueOf(values, 'role'), organizationId: valueOf(values, 'organizationId') };
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = Object.fromEntries(
        problems.map((problem) => [problem.control, ctx.t(problem.control === 'name' ? 'staff.tokens.nameInvalid' : 'staff.admin.error.organization')]),
      );
      return TokensPage({ ctx, stylesheetHref, tokens, organizations, errors, draft, success: success ? ctx.t(success) : null });
    });
  }
}
