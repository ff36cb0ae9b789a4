import { Controller, Get, Param, Post, Query, Redirect, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import { IndicatorValueKind } from '../../action-plan/action-plan.enums';
import { IndicatorsService } from '../../action-plan/indicators.service';
import { DimensionsService } from '../../dimensions/dimensions.service';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { STAFF_READERS, Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import type { FieldErrors } from '../forms/field-errors';
import { FormBody } from '../forms/form-body';
import { FormProblem, FormValues, formValuesOf, valueOf } from '../forms/form-invalid';
import type { PageContext } from '../layout/page-context';
import { editPath } from './edit/edit-paths';
import { IndicatorValueForm } from './indicator-value.form';
import { IndicatorMilestoneForm } from './indicator-milestone.form';
import { BREAKDOWN_FORM_ROWS, breakdownInput, cellProblem, cellsOf, IndicatorBreakdownForm } from './indicator-breakdown.form';
import { breakdownMessage } from './indicator-breakdown.views';
import { IndicatorPage, MilestoneDraft, ValueDraft } from './indicator.views';
import { StaffErrorFilter } from './staff-error.filter';
import type { FormPageController } from './staff-error.filter';
import { StaffPages, StaffView } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffReads } from './staff-reads.service';
import { StaffViewInterceptor } from './staff-view.interceptor';
import { postedValues, translatedFieldId, translatedValues } from './translated-field';

/** The message of a problem of the value form, by control and reason code. */
function valueMessage(ctx: PageContext, problem: FormProblem): string {
  if (problem.reason === 'notStarted') return ctx.t('staff.indicator.error.notStarted');
  if (problem.reason === 'outOfRange') return ctx.t('staff.indicator.error.outOfRange', { from: problem.params.from ?? '', to: problem.params.to ?? '' });
  switch (problem.control) {
    case 'year':
    case 'quarter':
      return ctx.t('staff.indicator.error.year');
    case 'source':
      return ctx.t('staff.indicator.error.source');
    case 'note':
      return ctx.t('staff.indicator.error.note');
    case 'correctionReason':
      return ctx.t('staff.indicator.error.correctionReason');
    default:
      return ctx.t('staff.indicator.error.value');
  }
}

/** The message of a problem of the milestone form, by control and reason code. */
function milestoneMessage(ctx: PageContext, problem: FormProblem): string {
  if (problem.reason === 'outsidePlan') return ctx.t('staff.indicator.error.outOfRange', { from: problem.params.from ?? '', to: problem.params.to ?? '' });
  switch (problem.control) {
    case 'milestoneYear':
      return ctx.t('staff.indicator.error.year');
    case 'milestoneQuarter':
      return ctx.t('staff.milestone.error.quarter');
    default:
      return ctx.t('staff.indicator.error.value');
  }
}

/** One indicator for staff: progress, values, and the form that records or corrects a value (recordIndicatorValue's service). */
@Controller('work/indicators')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class IndicatorPageController implements FormPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly reads: StaffReads,
    private readonly indicators: IndicatorsService,
    private readonly dimensions: DimensionsService,
  ) {}

  @Get(':id')
  @Roles(...STAFF_READERS)
  show(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Query('done') done?: string,
    @Query('correct') correct?: string,
    @Query('milestone') milestone?: string,
  ): Promise<StaffView> {
    const period = /^\d{4}(-Q[1-4])?$/.test(done ?? '') ? done : null;
    const milestoneSet = /^\d{4}-Q[1-4]$/.test(milestone ?? '') ? (milestone as string) : null;
    // "Correct" (from My work): the form starts at the returned period.
    const start = /^(\d{4})(?:-Q([1-4]))?$/.exec(correct ?? '');
    return this.page(id, actor, start ? { year: start[1], quarter: start[2] ?? '' } : {}, [], period, {}, [], milestoneSet);
  }

  @Post(':id/values')
  @Roles(Role.ADMIN, Role.EDITOR, Role.MINISTRY)
  @Redirect('', 303)
  async record(@Param('id') id: string, @FormBody() form: IndicatorValueForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    await this.reads.indicator(id, actor);
    await this.indicators.recordValue(form.toInput(id), actor, this.pages.locale(req));
    return { url: `/work/indicators/${id}?done=${encodeURIComponent(form.period)}` };
  }

  @Post(':id/breakdown')
  @Roles(Role.ADMIN, Role.EDITOR, Role.MINISTRY)
  @Redirect('', 303)
  async recordBreakdown(
    @Param('id') id: string,
    @FormBody() form: IndicatorBreakdownForm,
    @Req() req: StaffRequest,
    @CurrentActor() actor: Actor,
  ): Promise<{ url: string }> {
    const { indicator } = await this.reads.indicator(id, actor);
    const values = formValuesOf(req.body);
    const ratio = indicator.valueKind === IndicatorValueKind.RATIO;
    const cells = cellsOf(values, ratio);
    try {
      await this.dimensions.recordBreakdown(breakdownInput(form, id, cells), actor, this.pages.locale(req));
    } catch (error) {
      throw cellProblem(error, values, cells, ratio) ?? error;
    }
    return { url: `/work/indicators/${id}?done=${encodeURIComponent(form.period)}` };
  }

  @Post(':id/milestones')
  @Roles(Role.ADMIN, Role.EDITOR, Role.MINISTRY)
  @Redirect('', 303)
  async setMilestone(@Param('id') id: string, @FormBody() form: IndicatorMilestoneForm, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    await this.reads.indicator(id, actor);
    await this.indicators.setMilestone(form.toArgs(id), actor);
    return { url: `/work/indicators/${id}?milestone=${form.year}-Q${form.quarter}` };
  }

  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    if (!req.actor) throw new Error('the indicator form is shown to a signed-in person only');
    // Two forms post here: the milestone form's problems are shown at its own controls.
    const milestone = req.path.endsWith('/milestones');
    return this.page(String(req.params.id), req.actor, milestone ? {} : values, milestone ? [] : problems, null, milestone ? values : {}, milestone ? problems : []);
  }

  private async page(
    id: string,
    actor: Actor,
    values: FormValues,
    problems: FormProblem[],
    recordedPeriod: string | null | undefined,
    milestoneValues: FormValues = {},
    milestoneProblems: FormProblem[] = [],
    milestoneSet: string | null = null,
  ): Promise<StaffView> {
    const detail = await this.reads.indicator(id, actor);
    const milestoneDraft: MilestoneDraft = {
      year: valueOf(milestoneValues, 'milestoneYear').trim(),
      quarter: valueOf(milestoneValues, 'milestoneQuarter'),
      value: valueOf(milestoneValues, 'milestoneValue').trim(),
    };
    const draft: ValueDraft = {
      year: valueOf(values, 'year').trim(),
      quarter: valueOf(values, 'quarter'),
      value: valueOf(values, 'value').trim(),
      source: problems.length ? postedValues(values, 'source', null) : translatedValues(null),
      note: problems.length ? postedValues(values, 'note', null) : translatedValues(null),
      correctionReason: valueOf(values, 'correctionReason'),
    };
    const combinations = await this.dimensions.combinations(id, BREAKDOWN_FORM_ROWS);
    const breakdown = combinations.dimensions.length ? { combinations, values, source: draft.source, note: draft.note } : null;
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = {};
      for (const problem of problems) {
        // The source's and note's errors are shown at their control in the page's language.
        const message = problem.control.startsWith('cell-') || problem.control === 'total' ? breakdownMessage(ctx, problem.reason) : valueMessage(ctx, problem);
        errors[problem.translated ? translatedFieldId(problem.control, ctx.locale) : problem.control] = message;
      }
      for (const problem of milestoneProblems) errors[problem.control] = milestoneMessage(ctx, problem);
      const success = recordedPeriod
        ? ctx.t('staff.indicator.recorded', { period: recordedPeriod })
        : milestoneSet
          ? ctx.t('staff.milestone.saved', { period: milestoneSet })
          : null;
      const editHref = actor.role === Role.ADMIN || actor.role === Role.EDITOR ? editPath('indicator', id) : null;
      return IndicatorPage({ ctx, stylesheetHref, detail, draft, milestoneDraft, errors, success, editHref, breakdown });
    });
  }
}
