import { Controller, Get, Param, Post, Query, Redirect, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import { ActionPlanRepository } from '../../action-plan/action-plan.repository';
import type { ReviewValueInput } from '../../action-plan/dto/review-value.input';
import { periodText } from '../../action-plan/indicator-unit';
import { ReviewStatus } from '../../action-plan/indicator-value-version.entity';
import type { Indicator } from '../../action-plan/indicator.entity';
import { ValueReviewService } from '../../action-plan/value-review.service';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { EDITORS } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { LoaderRegistry } from '../../common/loaders/loader-registry';
import { FormBody } from '../forms/form-body';
import { FormInvalid, FormProblem, formValuesOf, FormValues, valueOf } from '../forms/form-invalid';
import type { PageContext } from '../layout/page-context';
import type { FormPageController } from './staff-error.filter';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffView } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffViewInterceptor } from './staff-view.interceptor';
import { ApproveValueForm, ReturnValueForm } from './value-review.forms';
import { reasonControlId, ReviewFailure, ReviewPage, reviewSectionId } from './value-review.views';

/** The reasons a review is refused that the page explains in words (the rest are error pages). */
const REFUSALS: Partial<Record<ErrorCode, { status: 403 | 404 | 409 }>> = {
  [ErrorCode.FORBIDDEN]: { status: 403 },
  [ErrorCode.NOT_FOUND]: { status: 404 },
  [ErrorCode.INVALID_TRANSITION]: { status: 409 },
  [ErrorCode.CONFLICT]: { status: 409 },
};

/** A refused review as a problem of the page's form: the reason code (FOUR_EYES, or the error's code) picks the message. */
function refusal(error: unknown, values: FormValues): FormInvalid | null {
  if (!(error instanceof DomainError)) return null;
  if (error.code === ErrorCode.BAD_USER_INPUT && error.details.field === 'reason') {
    return new FormInvalid(values, [{ control: 'reason', translated: false, reason: 'invalid', params: {} }]);
  }
  const known = REFUSALS[error.code];
  if (!known) return null;
  const reason = error.details.reason === 'FOUR_EYES' ? 'FOUR_EYES' : error.code;
  return new FormInvalid(values, [{ control: 'review', translated: false, reason, params: {} }], known.status);
}

/** The message of each refusal the page explains, by reason code. */
const REFUSAL_MESSAGES = {
  FOUR_EYES: 'staff.review.error.FOUR_EYES',
  INVALID_TRANSITION: 'staff.review.error.INVALID_TRANSITION',
  CONFLICT: 'staff.review.error.CONFLICT',
  NOT_FOUND: 'staff.review.error.NOT_FOUND',
  FORBIDDEN: 'staff.review.error.FORBIDDEN',
} as const;

function refusalMessage(ctx: PageContext, reason: string): string {
  return ctx.t(REFUSAL_MESSAGES[reason as keyof typeof REFUSAL_MESSAGES] ?? REFUSAL_MESSAGES.FORBIDDEN);
}

/**
 * The review queue for ADMIN and EDITOR: every version waiting, oldest first, approved or returned
 * (with a reason) through the same service as the API's reviewValue (four eyes, audit, data version).
 */
@Controller('work/review')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class ValueReviewPageController implements FormPageController {
  constructor(
    private readonly review: ValueReviewService,
    private readonly plans: ActionPlanRepository,
  ) {}

  @Get()
  @Roles(...EDITORS)
  show(@CurrentActor() actor: Actor, @Query('approved') approved?: string, @Query('returned') returned?: string): Promise<StaffView> {
    return this.page(actor, null, approved ? { versionId: approved, status: ReviewStatus.APPROVED } : returned ? { versionId: returned, status: ReviewStatus.RETURNED } : null);
  }

  @Post(':versionId/approve')
  @Roles(...EDITORS)
  @Redirect('', 303)
  async approve(@Param('versionId') versionId: string, @FormBody() form: ApproveValueForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    await this.decide(form.toInput(versionId), req, actor);
    return { url: `/work/review?approved=${encodeURIComponent(versionId)}` };
  }

  @Post(':versionId/return')
  @Roles(...EDITORS)
  @Redirect('', 303)
  async return(@Param('versionId') versionId: string, @FormBody() form: ReturnValueForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    await this.decide(form.toInput(versionId), req, actor);
    return { url: `/work/review?returned=${encodeURIComponent(versionId)}` };
  }

  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    if (!req.actor) throw new Error('the review page is shown to a signed-in person only');
    const versionId = String(req.params.versionId);
    return this.page(req.actor, { versionId, values, problems }, null);
  }

  private async decide(input: ReviewValueInput, req: StaffRequest, actor: Actor): Promise<void> {
    try {
      await this.review.reviewValue(input, actor);
    } catch (error) {
      throw refusal(error, formValuesOf(req.body)) ?? error;
    }
  }

  private async page(
    actor: Actor,
    posted: { versionId: string; values: FormValues; problems: FormProblem[] } | null,
    done: { versionId: string; status: ReviewStatus } | null,
  ): Promise<StaffView> {
    const worklist = await this.review.worklist(actor);
    const loaders = new LoaderRegistry();
    const found = await Promise.all([...new Set(worklist.items.map((i) => i.indicatorId))].map((id) => this.plans.indicatorById(loaders).load(id)));
    const indicators = new Map(found.filter((i): i is Indicator => i !== null).map((i) => [i.id, i]));
    const reviewed = done ? await this.review.describe(done.versionId) : null;
    return new StaffView((ctx, stylesheetHref) => {
      let failure: ReviewFailure | null = null;
      if (posted) {
        const listed = worklist.items.some((i) => i.version.id === posted.versionId);
        failure = { versionId: posted.versionId, reason: valueOf(posted.values, 'reason'), errors: {}, code: null };
        for (const problem of posted.problems) {
          if (problem.control === 'reason' && listed) {
            failure.errors[reasonControlId(posted.versionId)] = ctx.t('staff.review.error.reason');
          } else {
            failure.errors[listed ? reviewSectionId(posted.versionId) : 'review-list'] =
              problem.control === 'review' ? refusalMessage(ctx, problem.reason) : ctx.t('staff.review.error.CONFLICT');
            if (problem.control === 'review') failure.code = problem.reason;
          }
        }
      }
      let success: string | null = null;
      if (reviewed && done && reviewed.version.reviewStatus === done.status) {
        const values = { code: reviewed.indicatorCode, period: periodText(ctx.i18n, reviewed.period), number: reviewed.version.number, name: reviewed.version.submittedBy ?? '—' };
        success = ctx.t(done.status === ReviewStatus.APPROVED ? 'staff.review.approved' : 'staff.review.returned', values);
      }
      return ReviewPage({ ctx, stylesheetHref, worklist, indicators, failure, success });
    });
  }
}
