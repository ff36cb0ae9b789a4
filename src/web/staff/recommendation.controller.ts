import { Controller, Get, Param, Post, Query, Redirect, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { EDITORS, STAFF_READERS, Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import type { AuditEntry } from '../../audit/audit-entry.entity';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import type { FieldErrors } from '../forms/field-errors';
import { FormBody } from '../forms/form-body';
import { FormInvalid, FormProblem, formValuesOf, FormValues, valueOf } from '../forms/form-invalid';
import { RecommendationPage, TransitionDraft } from './recommendation.views';
import { TransitionForm } from './recommendation.forms';
import { StaffErrorFilter } from './staff-error.filter';
import type { FormPageController } from './staff-error.filter';
import { StaffPages, StaffView } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffReads } from './staff-reads.service';
import { StaffViewInterceptor } from './staff-view.interceptor';
import { postedTexts, translatedFieldId, translatedValues } from './translated-field';

/** Which message explains an invalid control of the transition form. */
const CONTROL_MESSAGES = {
  to: 'staff.recommendation.error.to',
  note: 'staff.recommendation.error.note',
  evidenceUrl: 'staff.recommendation.error.evidenceUrl',
  expectedVersion: 'staff.recommendation.error.version',
} as const;

/** The reason of a move refused because someone changed the recommendation meanwhile (CONFLICT). */
const STALE = 'stale';

type TransitionControl = keyof typeof CONTROL_MESSAGES;

/**
 * A refused move as a problem of the form: a stale version (CONFLICT, shown with what changed
 * meanwhile), a move the lifecycle does not allow or a reopening without a note (INVALID_TRANSITION,
 * at the control its `details.field` names), a note the service refuses (BAD_USER_INPUT on `note`).
 */
function refusal(error: unknown, values: FormValues): FormInvalid | null {
  if (!(error instanceof DomainError)) return null;
  const reason = typeof error.details.reason === 'string' ? error.details.reason : error.code;
  const problem = (control: TransitionControl, translated = false): FormProblem => ({ control, translated, reason, params: {} });
  switch (error.code) {
    case ErrorCode.CONFLICT:
      return new FormInvalid(values, [{ ...problem('expectedVersion'), reason: STALE }], 409);
    case ErrorCode.INVALID_TRANSITION:
      return new FormInvalid(values, [error.details.field === 'note' ? problem('note', true) : problem('to')]);
    case ErrorCode.BAD_USER_INPUT:
      return error.details.field === 'note' ? new FormInvalid(values, [problem('note', true)]) : null;
    default:
      return null;
  }
}

/** One recommendation for staff: its facts, timeline and the transition form (same service as the API's mutation). */
@Controller('work/recommendations')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class RecommendationPageController implements FormPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly reads: StaffReads,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Get(':id')
  @Roles(...STAFF_READERS)
  async show(@Param('id') id: string, @CurrentActor() actor: Actor, @Query('done') done?: string): Promise<StaffView> {
    const detail = await this.reads.recommendation(id, actor);
    return new StaffView((ctx, stylesheetHref) =>
      RecommendationPage({
        ctx,
        stylesheetHref,
        detail,
        draft: { to: '', note: translatedValues(null), evidenceUrl: '' },
        errors: {},
        success:
          done === 'moved'
            ? ctx.t('staff.recommendation.moved', { status: ctx.t(`status.${detail.recommendation.status}`) })
            : done === 'created'
              ? ctx.t('staff.recommendation.created')
              : done === 'text'
                ? ctx.t('staff.recommendation.edited')
                : null,
        conflict: null,
        mayEditText: EDITORS.includes(actor.role),
      }),
    );
  }

  @Post(':id/transition')
  @Roles(Role.ADMIN, Role.EDITOR, Role.MINISTRY)
  @Redirect('', 303)
  async transition(@Param('id') id: string, @FormBody() form: TransitionForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    // Opening the form's target checks scope first: another organisation's recommendation is FORBIDDEN, unchanged.
    await this.reads.recommendation(id, actor);
    try {
      await this.recommendations.transition({ id, ...form }, actor, this.pages.locale(req));
    } catch (error) {
      throw refusal(error, formValuesOf(req.body)) ?? error;
    }
    return { url: `/work/recommendations/${id}?done=moved` };
  }

  /** The page with the form as posted and its problems (always the fresh version: after a conflict the form retries on what is there now). */
  async formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    if (!req.actor) throw new Error('the recommendation page is shown to a signed-in person only');
    const id = String(req.params.id);
    const detail = await this.reads.recommendation(id, req.actor);
    const stale = problems.some((p) => p.control === 'expectedVersion' && p.reason === STALE);
    const conflict: AuditEntry[] | null = stale ? await this.reads.changesSince(id, Number(valueOf(values, 'expectedVersion'))) : null;
    const to = valueOf(values, 'to');
    const draft: TransitionDraft = {
      to: detail.allowed.includes(to as never) ? to : '',
      note: postedTexts(values, 'note'),
      evidenceUrl: valueOf(values, 'evidenceUrl'),
    };
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = {};
      for (const problem of problems) {
        if (stale && problem.control === 'expectedVersion') continue;
        const control: TransitionControl = problem.control in CONTROL_MESSAGES ? (problem.control as TransitionControl) : 'to';
        // The note's error is shown at its control in the page's language.
        errors[control === 'note' ? translatedFieldId('note', ctx.locale) : control] = ctx.t(CONTROL_MESSAGES[control]);
      }
      return RecommendationPage({ ctx, stylesheetHref, detail, draft, errors, success: null, conflict });
    });
  }
}
