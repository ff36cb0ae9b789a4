import { Controller, Get, Param, ParseUUIDPipe, Post, Redirect, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { EDITORS } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import { ResponsibilityService } from '../../responsibility/responsibility.service';
import { FormBody } from '../forms/form-body';
import { BlankAsNull, DecimalControl } from '../forms/form-controls';
import type { FieldErrors } from '../forms/field-errors';
import { FormProblem, FormValues, valueOf } from '../forms/form-invalid';
import { StaffErrorFilter } from './staff-error.filter';
import type { FormPageController } from './staff-error.filter';
import { RecommendationOfficerPage } from './recommendation-officer.views';
import { StaffPages, StaffView } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffReads } from './staff-reads.service';
import { StaffViewInterceptor } from './staff-view.interceptor';

/** The responsible officer form of a recommendation: updateRecommendation's `responsibleUserId` and `expectedVersion`. */
export class RecommendationOfficerForm {
  @BlankAsNull()
  @IsOptional()
  @IsUUID()
  responsibleUserId: string | null;

  @DecimalControl()
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

/** /work/recommendations/{id}/officer: the secretariat names a recommendation's responsible officer. */
@Controller('work/recommendations')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class RecommendationOfficerController implements FormPageController {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly reads: StaffReads,
    private readonly responsibility: ResponsibilityService,
    private readonly pages: StaffPages,
  ) {}

  @Get(':id/officer')
  @Roles(...EDITORS)
  async form(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<StaffView> {
    return this.page(id, actor, null, []);
  }

  @Post(':id/officer')
  @Roles(...EDITORS)
  @Redirect('', 303)
  async save(@Param('id', ParseUUIDPipe) id: string, @FormBody() form: RecommendationOfficerForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    await this.recommendations.update(id, { responsibleUserId: form.responsibleUserId, expectedVersion: form.expectedVersion }, form.expectedVersion, actor, this.pages.locale(req));
    return { url: `/work/recommendations/${id}` };
  }

  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    return this.page(String(req.params.id), req.actor as Actor, values, problems);
  }

  private async page(id: string, actor: Actor, posted: FormValues | null, problems: FormProblem[]): Promise<StaffView> {
    const detail = await this.reads.recommendation(id, actor);
    const eligible = await this.responsibility.eligible(detail.organizations.map((o) => o.id));
    const r = detail.recommendation;
    const chosen = posted ? valueOf(posted, 'responsibleUserId') : (r.responsibleUserId ?? '');
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = Object.fromEntries(
        problems.map((p) => [p.control, p.control === 'expectedVersion' ? ctx.t('staff.recommendation.editConflict') : ctx.t('staff.edit.error.officer')]),
      );
      return RecommendationOfficerPage({ ctx, stylesheetHref, recommendation: r, eligible, chosen, errors });
    });
  }
}
