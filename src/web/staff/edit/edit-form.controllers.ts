import { Controller, Get, Param, Post, Redirect, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import { ActionPlansService } from '../../../action-plan/action-plans.service';
import { IndicatorsService } from '../../../action-plan/indicators.service';
import type { Actor } from '../../../auth/actor';
import { CurrentActor } from '../../../auth/current-actor.decorator';
import { EDITORS } from '../../../auth/role.enum';
import { Roles } from '../../../auth/roles.decorator';
import { BarriersService } from '../../../barriers/barriers.service';
import { MeetingsService } from '../../../meetings/meetings.service';
import { FormBody } from '../../forms/form-body';
import type { FormProblem, FormValues } from '../../forms/form-invalid';
import { StaffErrorFilter } from '../staff-error.filter';
import type { FormPageController } from '../staff-error.filter';
import { StaffPages, StaffView } from '../staff-pages.service';
import type { StaffRequest } from '../staff-pages.service';
import { StaffViewInterceptor } from '../staff-view.interceptor';
import { EditFormPages } from './edit-form-pages';
import { editedPath } from './edit-paths';
import { BarrierEditForm, IndicatorEditForm, MeetingEditForm, PlanEditForm } from './edit.forms';

/*
 * EDITOR/ADMIN edit a meeting, barrier, action plan or indicator through the API's update input
 * class and service (the updateX mutation's rules, version check and audit). The form carries the
 * version it was filled from; a save after someone else's is shown again with the draft kept.
 */

@Controller('work/meetings')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class MeetingEditController implements FormPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly forms: EditFormPages,
    private readonly meetings: MeetingsService,
  ) {}

  @Get(':id/edit')
  @Roles(...EDITORS)
  form(@Param('id') id: string): Promise<StaffView> {
    return this.forms.page('meeting', id, null, []);
  }

  @Post(':id/edit')
  @Roles(...EDITORS)
  @Redirect('', 303)
  async save(@Param('id') id: string, @FormBody() form: MeetingEditForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    const { expectedVersion, ...input } = form;
    await this.meetings.update(id, input, expectedVersion, actor, this.pages.locale(req));
    return { url: editedPath('meeting') };
  }

  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    return this.forms.page('meeting', String(req.params.id), values, problems);
  }
}

@Controller('work/barriers')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class BarrierEditController implements FormPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly forms: EditFormPages,
    private readonly barriers: BarriersService,
  ) {}

  @Get(':id/edit')
  @Roles(...EDITORS)
  form(@Param('id') id: string): Promise<StaffView> {
    return this.forms.page('barrier', id, null, []);
  }

  @Post(':id/edit')
  @Roles(...EDITORS)
  @Redirect('', 303)
  async save(@Param('id') id: string, @FormBody() form: BarrierEditForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    const { expectedVersion, ...input } = form;
    await this.barriers.update(id, input, expectedVersion, actor, this.pages.locale(req));
    return { url: editedPath('barrier') };
  }

  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    return this.forms.page('barrier', String(req.params.id), values, problems);
  }
}

@Controller('work/plans')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class PlanEditController implements FormPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly forms: EditFormPages,
    private readonly plans: ActionPlansService,
  ) {}

  @Get(':id/edit')
  @Roles(...EDITORS)
  form(@Param('id') id: string): Promise<StaffView> {
    return this.forms.page('plan', id, null, []);
  }

  @Post(':id/edit')
  @Roles(...EDITORS)
  @Redirect('', 303)
  async save(@Param('id') id: string, @FormBody() form: PlanEditForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    const { expectedVersion, ...input } = form;
    await this.plans.update(id, input, expectedVersion, actor, this.pages.locale(req));
    return { url: editedPath('plan') };
  }

  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    return this.forms.page('plan', String(req.params.id), values, problems);
  }
}

@Controller('work/indicators')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class IndicatorEditController implements FormPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly forms: EditFormPages,
    private readonly indicators: IndicatorsService,
  ) {}

  @Get(':id/edit')
  @Roles(...EDITORS)
  form(@Param('id') id: string): Promise<StaffView> {
    return this.forms.page('indicator', id, null, []);
  }

  @Post(':id/edit')
  @Roles(...EDITORS)
  @Redirect('', 303)
  async save(@Param('id') id: string, @FormBody() form: IndicatorEditForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    const { expectedVersion, ...input } = form;
    await this.indicators.update(id, input, expectedVersion, actor, this.pages.locale(req));
    return { url: editedPath('indicator') };
  }

  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    return this.forms.page('indicator', String(req.params.id), values, problems);
  }
}
