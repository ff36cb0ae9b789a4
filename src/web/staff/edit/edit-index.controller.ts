import { Controller, Get, Query, UseFilters, UseInterceptors } from '@nestjs/common';
import { ActionPlansService } from '../../../action-plan/action-plans.service';
import { IndicatorsService } from '../../../action-plan/indicators.service';
import { EDITORS } from '../../../auth/role.enum';
import { Roles } from '../../../auth/roles.decorator';
import { BarriersService } from '../../../barriers/barriers.service';
import { MeetingsService } from '../../../meetings/meetings.service';
import { StaffErrorFilter } from '../staff-error.filter';
import { StaffView } from '../staff-pages.service';
import { StaffViewInterceptor } from '../staff-view.interceptor';
import { EDIT_KINDS, editPath, EditKind } from './edit-paths';
import { EditIndexPage } from './edit.views';

/** How many meetings and indicators the list shows (the newest meetings, the indicators by code). */
const LISTED = 100;

/** "Edit a record": the records an EDITOR/ADMIN may change, each linking to its edit form, and what was just saved. */
@Controller('work/edit')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class EditIndexController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly barriers: BarriersService,
    private readonly plans: ActionPlansService,
    private readonly indicators: IndicatorsService,
  ) {}

  @Get()
  @Roles(...EDITORS)
  async index(@Query('done') done?: string): Promise<StaffView> {
    const [meetings, barriers, plans, indicators] = await Promise.all([
      this.meetings.list({ first: LISTED }),
      this.barriers.list(),
      this.plans.list(),
      this.indicators.list({ first: LISTED }),
    ]);
    return new StaffView((ctx, stylesheetHref) =>
      EditIndexPage({
        ctx,
        stylesheetHref,
        sections: [
          {
            heading: ctx.t('staff.edit.meetings'),
            records: meetings.edges.map(({ node: m }) => ({ href: editPath('meeting', m.id), label: `${ctx.text.plain(m.title)} (${ctx.i18n.date(m.heldOn)})` })),
          },
          { heading: ctx.t('staff.edit.barriers'), records: barriers.map((b) => ({ href: editPath('barrier', b.id), label: ctx.text.plain(b.title) })) },
          { heading: ctx.t('staff.edit.plans'), records: plans.map((p) => ({ href: editPath('plan', p.id), label: `${p.code}: ${ctx.text.plain(p.title)}` })) },
          {
            heading: ctx.t('staff.edit.indicators'),
            records: indicators.edges.map(({ node: i }) => ({ href: editPath('indicator', i.id), label: `${i.code}: ${ctx.text.plain(i.name)}` })),
          },
        ],
        success: EDIT_KINDS.includes(done as EditKind) ? ctx.t('staff.edit.done') : null,
      }),
    );
  }
}
