import { Controller, Get, Query, UseFilters, UseInterceptors } from '@nestjs/common';
import { EDITORS } from '../../../auth/role.enum';
import { Roles } from '../../../auth/roles.decorator';
import { CreateIndexPage } from '../create.views';
import { StaffErrorFilter } from '../staff-error.filter';
import { StaffView } from '../staff-pages.service';
import { StaffViewInterceptor } from '../staff-view.interceptor';
import { CREATE_KINDS, CreateKind } from './create-form-pages';

/** "Add a record": the create forms an EDITOR/ADMIN may open, and what was just added. */
@Controller('work/new')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class CreateIndexController {
  @Get()
  @Roles(...EDITORS)
  index(@Query('done') done?: string): StaffView {
    return new StaffView((ctx, stylesheetHref) =>
      CreateIndexPage({
        ctx,
        stylesheetHref,
        kinds: CREATE_KINDS.map((kind) => ({ href: `/work/new/${kind}`, label: ctx.t(`staff.create.${kind}.title`) })),
        success: CREATE_KINDS.includes(done as CreateKind) ? ctx.t('staff.create.done') : null,
      }),
    );
  }
}
