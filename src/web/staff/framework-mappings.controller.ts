import { Controller, Get, Param, ParseUUIDPipe, Post, Redirect, UseFilters, UseInterceptors } from '@nestjs/common';
import { IsUUID } from 'class-validator';
import { IndicatorsService } from '../../action-plan/indicators.service';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { EDITORS } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { FrameworksService } from '../../frameworks/frameworks.service';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import { FormBody } from '../forms/form-body';
import { BlankAsNull } from '../forms/form-controls';
import type { FieldErrors } from '../forms/field-errors';
import { FormProblem, FormValues, valueOf } from '../forms/form-invalid';
import { FrameworkMappingsPage, MappedRecord } from './framework-mappings.views';
import { StaffErrorFilter } from './staff-error.filter';
import type { FormPageController } from './staff-error.filter';
import { StaffView } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffViewInterceptor } from './staff-view.interceptor';

/** The item to map or to unmap (mapToFrameworkItem's and unmapFromFrameworkItem's `frameworkItemId`). */
export class FrameworkMappingForm {
  @BlankAsNull()
  @IsUUID()
  frameworkItemId: string;
}

type Owner = MappedRecord['kind'];

/**
 * /work/recommendations/{id}/frameworks and /work/indicators/{id}/frameworks: the secretariat
 * maps a recommendation or an indicator to framework items and removes mappings, through the
 * same FrameworksService as the API (audited, idempotent).
 */
@Controller('work')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class FrameworkMappingsController implements FormPageController {
  constructor(
    private readonly frameworks: FrameworksService,
    private readonly recommendations: RecommendationsService,
    private readonly indicators: IndicatorsService,
  ) {}

  @Get('recommendations/:id/frameworks')
  @Roles(...EDITORS)
  recommendationPage(@Param('id', ParseUUIDPipe) id: string): Promise<StaffView> {
    return this.page('recommendation', id, null, []);
  }

  @Post('recommendations/:id/frameworks')
  @Roles(...EDITORS)
  @Redirect('', 303)
  mapRecommendation(@Param('id', ParseUUIDPipe) id: string, @FormBody() form: FrameworkMappingForm, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    return this.write('recommendation', id, form, actor, true);
  }

  @Post('recommendations/:id/frameworks/remove')
  @Roles(...EDITORS)
  @Redirect('', 303)
  unmapRecommendation(@Param('id', ParseUUIDPipe) id: string, @FormBody() form: FrameworkMappingForm, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    return this.write('recommendation', id, form, actor, false);
  }

  @Get('indicators/:id/frameworks')
  @Roles(...EDITORS)
  indicatorPage(@Param('id', ParseUUIDPipe) id: string): Promise<StaffView> {
    return this.page('indicator', id, null, []);
  }

  @Post('indicators/:id/frameworks')
  @Roles(...EDITORS)
  @Redirect('', 303)
  mapIndicator(@Param('id', ParseUUIDPipe) id: string, @FormBody() form: FrameworkMappingForm, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    return this.write('indicator', id, form, actor, true);
  }

  @Post('indicators/:id/frameworks/remove')
  @Roles(...EDITORS)
  @Redirect('', 303)
  unmapIndicator(@Param('id', ParseUUIDPipe) id: string, @FormBody() form: FrameworkMappingForm, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    return this.write('indicator', id, form, actor, false);
  }

  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    const owner: Owner = req.path.startsWith('/work/indicators/') ? 'indicator' : 'recommendation';
    return this.page(owner, String(req.params.id), values, problems);
  }

  private async write(owner: Owner, id: string, form: FrameworkMappingForm, actor: Actor, mapped: boolean): Promise<{ url: string }> {
    const input = { frameworkItemId: form.frameworkItemId, ...(owner === 'recommendation' ? { recommendationId: id } : { indicatorId: id }) };
    await (mapped ? this.frameworks.map(input, actor) : this.frameworks.unmap(input, actor));
    return { url: `${recordHref(owner, id)}/frameworks` };
  }

  private async page(owner: Owner, id: string, posted: FormValues | null, problems: FormProblem[]): Promise<StaffView> {
    const found = owner === 'recommendation' ? await this.recommendations.findById(id) : await this.indicators.findById(id);
    if (!found) throw DomainError.notFound(owner === 'recommendation' ? 'Recommendation' : 'Indicator', id);
    const [mapped, all] = await Promise.all([this.frameworks.mappedTo(owner, id), this.frameworks.list(null, null)]);
    const record: MappedRecord = { kind: owner, id, code: found.code, href: recordHref(owner, id) };
    const chosen = posted ? valueOf(posted, 'frameworkItemId') : '';
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = Object.fromEntries(problems.map((p) => [p.control, ctx.t('staff.frameworks.error.item')]));
      return FrameworkMappingsPage({ ctx, stylesheetHref, record, mapped, all, chosen, errors });
    });
  }
}

function recordHref(owner: Owner, id: string): string {
  return owner === 'recommendation' ? `/work/recommendations/${id}` : `/work/indicators/${id}`;
}
