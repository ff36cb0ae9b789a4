import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Redirect, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { OrganizationsService } from '../../organizations/organizations.service';
import { ResponsibilityService } from '../../responsibility/responsibility.service';
import { FormBody } from '../forms/form-body';
import type { FieldErrors } from '../forms/field-errors';
import { FormProblem, FormValues } from '../forms/form-invalid';
import { StaffErrorFilter } from '../staff/staff-error.filter';
import type { FormPageController } from '../staff/staff-error.filter';
import { StaffView } from '../staff/staff-pages.service';
import type { StaffRequest } from '../staff/staff-pages.service';
import { StaffViewInterceptor } from '../staff/staff-view.interceptor';
import { FocalPointsForm } from './focal-points.form';
import { FocalPointsPage, OrganizationsPage } from './organizations.views';

/** Admin: organisations and their focal points (who is told when no active officer is named, and of escalations). */
@Controller('admin/organizations')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class AdminOrganizationsController implements FormPageController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly responsibility: ResponsibilityService,
  ) {}

  @Get()
  @Roles(Role.ADMIN)
  async list(@Query('done') done?: string): Promise<StaffView> {
    const [organizations, focalPoints] = await Promise.all([this.organizations.list(), this.responsibility.allFocalPoints()]);
    return new StaffView((ctx, stylesheetHref) =>
      OrganizationsPage({ ctx, stylesheetHref, organizations, focalPoints, success: done === 'saved' ? ctx.t('staff.admin.focalPointsSaved') : null }),
    );
  }

  @Get(':id')
  @Roles(Role.ADMIN)
  async edit(@Param('id', ParseUUIDPipe) id: string): Promise<StaffView> {
    const current = await this.responsibility.focalPoints(id);
    return this.page(id, current.map((m) => m.id), []);
  }

  @Post(':id')
  @Roles(Role.ADMIN)
  @Redirect('/admin/organizations?done=saved', 303)
  async save(@Param('id', ParseUUIDPipe) id: string, @FormBody() form: FocalPointsForm, @CurrentActor() actor: Actor): Promise<void> {
    await this.responsibility.setFocalPoints({ organizationId: id, userIds: form.userIds }, actor);
  }

  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    const chosen = [values.userIds ?? []].flat().filter((v): v is string => typeof v === 'string');
    return this.page(String(req.params.id), chosen, problems);
  }

  private async page(id: string, chosen: string[], problems: FormProblem[]): Promise<StaffView> {
    const organization = (await this.organizations.list()).find((o) => o.id === id.toLowerCase());
    if (!organization) throw DomainError.notFound('Organization', id);
    const eligible = await this.responsibility.eligible([organization.id]);
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = Object.fromEntries(problems.map((p) => [p.control, ctx.t('staff.admin.error.focalPoints')]));
      return FocalPointsPage({ ctx, stylesheetHref, organization, eligible, chosen, errors });
    });
  }
}
