import { Controller, Get, Post, Redirect, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import { MeetingsService } from '../../../meetings/meetings.service';
import type { Actor } from '../../../auth/actor';
import { CurrentActor } from '../../../auth/current-actor.decorator';
import { EDITORS } from '../../../auth/role.enum';
import { Roles } from '../../../auth/roles.decorator';
import { FormBody } from '../../forms/form-body';
import type { FormProblem, FormValues } from '../../forms/form-invalid';
import { StaffErrorFilter } from '../staff-error.filter';
import type { FormPageController } from '../staff-error.filter';
import { StaffPages, StaffView } from '../staff-pages.service';
import type { StaffRequest } from '../staff-pages.service';
import { StaffViewInterceptor } from '../staff-view.interceptor';
import { CreateFormPages } from './create-form-pages';
import { MeetingForm } from './create.forms';

/** EDITOR/ADMIN create a meeting through the API's input class and service (the createX mutation's rules, scope and audit). */
@Controller('work/new/meeting')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class MeetingFormController implements FormPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly forms: CreateFormPages,
    private readonly meetings: MeetingsService,
  ) {}

  @Get()
  @Roles(...EDITORS)
  form(): Promise<StaffView> {
    return this.formPage(null, {}, []);
  }

  @Post()
  @Roles(...EDITORS)
  @Redirect('', 303)
  async create(@FormBody() form: MeetingForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    await this.meetings.create(form, actor, this.pages.locale(req));
    return { url: '/work/new?done=meeting' };
  }

  formPage(_req: StaffRequest | null, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    return this.forms.page('meeting', values, problems);
  }
}
