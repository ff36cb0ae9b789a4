import { Controller, Get, Param, Post, Query, Redirect, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Assessment } from '../../assessments/assessment.entity';
import { AssessmentsService } from '../../assessments/assessments.service';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { EDITORS, Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { LoaderRegistry } from '../../common/loaders/loader-registry';
import type { MessageKey } from '../../i18n/i18n.service';
import { OrganizationsRepository } from '../../organizations/organizations.repository';
import type { Recommendation } from '../../recommendations/recommendation.entity';
import { RecommendationsRepository } from '../../recommendations/recommendations.repository';
import { FormBody } from '../forms/form-body';
import type { FieldErrors } from '../forms/field-errors';
import { FormInvalid, FormProblem, formValuesOf, FormValues, valueOf } from '../forms/form-invalid';
import { AssessmentForm, ReturnAssessmentForm } from './assessment.forms';
import { AssessmentDraft, AssessmentFormPage, AssessmentRow, moderationReasonId, ModerationPage, OwnAssessmentsPage } from './assessment.views';
import type { FormPageController } from './staff-error.filter';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffPages, StaffView } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffViewInterceptor } from './staff-view.interceptor';
import { postedTexts, translatedFieldId, translatedValues } from './translated-field';

/** The most versions a page of assessments lists. */
const PAGE_ROWS = 100;

/** The message of each control's problem on the assessment form. */
const CONTROL_MESSAGES: Record<string, MessageKey> = {
  status: 'assessment.error.status',
  text: 'assessment.error.text',
  evidenceUrls: 'assessment.error.evidenceUrls',
  assessedOn: 'assessment.error.assessedOn',
  expectedVersion: 'assessment.error.conflict',
};

/** The versions with their recommendations and organisations (one statement each, through the loaders). */
async function rowsOf(versions: Assessment[], recommendations: RecommendationsRepository, organizations: OrganizationsRepository): Promise<AssessmentRow[]> {
  const loaders = new LoaderRegistry();
  const rows = await Promise.all(
    versions.map(async (version) => ({
      version,
      recommendation: await recommendations.byId(loaders).load(version.recommendationId),
      organization: await organizations.organizationById(loaders).load(version.organizationId),
    })),
  );
  return rows.filter((row): row is AssessmentRow => row.recommendation !== null);
}

/**
 * An NGO's own assessment pages: its organisation's assessments and, per recommendation, the
 * form that submits a new version (the same service as the API's submitAssessment).
 */
@Controller('work/assessments')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class AssessmentPageController implements FormPageController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly recommendations: RecommendationsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly pages: StaffPages,
  ) {}

  @Get()
  @Roles(Role.NGO)
  async list(@CurrentActor() actor: Actor, @Query('done') done?: string, @Query('code') code?: string): Promise<StaffView> {
    // Back from `find` with a code that names no recommendation (or none typed): the error at the code's control.
    const errors: Record<string, MessageKey> = code === undefined ? {} : { code: code.trim() ? 'assessment.error.codeUnknown' : 'assessment.error.code' };
    return this.listPage(actor, code ?? '', errors, done === 'submitted' ? 'assessment.submitted' : null);
  }

  /** Finds a recommendation by its code (a GET form) and opens its assessment form; back to the list with the code when none has it. */
  @Get('find')
  @Roles(Role.NGO)
  @Redirect('', 303)
  async find(@Query('code') code?: string): Promise<{ url: string }> {
    const typed = (code ?? '').trim().slice(0, 40);
    const found = typed ? await this.recommendations.findByCode(typed.toUpperCase()) : null;
    return { url: found ? `/work/assessments/${found.id}` : `/work/assessments?code=${encodeURIComponent(typed)}` };
  }

  @Get(':recommendationId')
  @Roles(Role.NGO)
  async form(@Param('recommendationId') recommendationId: string, @CurrentActor() actor: Actor): Promise<StaffView> {
    const { recommendation, latest } = await this.target(recommendationId, actor);
    const draft: AssessmentDraft = {
      status: latest?.status ?? '',
      text: translatedValues(latest?.text),
      evidenceUrls: (latest?.evidenceUrls ?? []).join('\n'),
      assessedOn: '',
    };
    return new StaffView((ctx, stylesheetHref) => AssessmentFormPage({ ctx, stylesheetHref, recommendation, latest, draft, errors: {} }));
  }

  @Post(':recommendationId')
  @Roles(Role.NGO)
  @Redirect('', 303)
  async submit(@Param('recommendationId') recommendationId: string, @FormBody() form: AssessmentForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    const { recommendation } = await this.target(recommendationId, actor);
    try {
      await this.assessments.submit(
        {
          recommendationId: recommendation.id,
          status: form.status,
          textTranslations: form.textTranslations,
          evidenceUrls: form.evidenceUrls,
          assessedOn: form.assessedOn ?? null,
          expectedVersion: form.expectedVersion,
        },
        actor,
        this.pages.locale(req),
      );
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.CONFLICT) {
        throw new FormInvalid(formValuesOf(req.body), [{ control: 'expectedVersion', translated: false, reason: 'CONFLICT', params: {} }], 409);
      }
      throw error;
    }
    return { url: '/work/assessments?done=submitted' };
  }

  async formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    if (!req.actor) throw new Error('the assessment form is shown to a signed-in person only');
    const { recommendation, latest } = await this.target(String(req.params.recommendationId), req.actor);
    const draft: AssessmentDraft = {
      status: valueOf(values, 'status'),
      text: postedTexts(values, 'text'),
      evidenceUrls: valueOf(values, 'evidenceUrls'),
      assessedOn: valueOf(values, 'assessedOn'),
    };
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = {};
      for (const problem of problems) {
        const message = ctx.t(CONTROL_MESSAGES[problem.control] ?? 'assessment.error.status');
        const id = problem.control === 'text' ? translatedFieldId('text', ctx.locale) : problem.control === 'expectedVersion' ? 'status' : problem.control;
        errors[id] = message;
      }
      return AssessmentFormPage({ ctx, stylesheetHref, recommendation, latest, draft, errors });
    });
  }

  /** The recommendation and the organisation's latest version of its assessment; NOT_FOUND for an unknown one. */
  private async target(recommendationId: string, actor: Actor): Promise<{ recommendation: Recommendation; latest: Assessment | null }> {
    const recommendation = isUUID(recommendationId) ? await this.recommendations.findById(recommendationId) : null;
    if (!recommendation) throw DomainError.notFound('Recommendation', recommendationId);
    const page = await this.assessments.list({ first: 1, filter: { recommendationId, organizationId: actor.organizationId, latest: true } }, actor);
    return { recommendation, latest: page.edges[0]?.node ?? null };
  }

  private async listPage(actor: Actor, code: string, errorKeys: Record<string, MessageKey>, success: MessageKey | null): Promise<StaffView> {
    const page = await this.assessments.list({ first: PAGE_ROWS, filter: { organizationId: actor.organizationId, latest: true } }, actor);
    const rows = await rowsOf(
      page.edges.map((e) => e.node),
      this.recommendations,
      this.organizations,
    );
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = Object.fromEntries(Object.entries(errorKeys).map(([id, key]) => [id, ctx.t(key)]));
      return OwnAssessmentsPage({ ctx, stylesheetHref, rows, code, errors, success: success ? ctx.t(success) : null });
    });
  }
}

/**
 * Moderation for ADMIN and EDITOR: every assessment whose latest version waits, oldest first,
 * published or returned (with a reason) through the same service as the API. The page says
 * what moderation is for: form and safety, not agreement.
 */
@Controller('work/moderation')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class ModerationPageController implements FormPageController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly recommendations: RecommendationsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  @Get()
  @Roles(...EDITORS)
  show(@CurrentActor() actor: Actor, @Query('done') done?: string): Promise<StaffView> {
    return this.page(actor, null, done === 'published' ? 'assessment.published' : done === 'returned' ? 'assessment.returned' : null);
  }

  @Post(':id/publish')
  @Roles(...EDITORS)
  @Redirect('/work/moderation?done=published', 303)
  async publish(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.assessments.publish({ id }, actor);
  }

  @Post(':id/return')
  @Roles(...EDITORS)
  @Redirect('/work/moderation?done=returned', 303)
  async return(@Param('id') id: string, @FormBody() form: ReturnAssessmentForm, @CurrentActor() actor: Actor): Promise<void> {
    await this.assessments.returnToOrganization({ id, reason: form.reason }, actor);
  }

  formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    if (!req.actor) throw new Error('the moderation page is shown to a signed-in person only');
    const id = String(req.params.id);
    return this.page(req.actor, { id, reason: valueOf(values, 'reason'), invalid: problems.length > 0 }, null);
  }

  private async page(actor: Actor, posted: { id: string; reason: string; invalid: boolean } | null, success: MessageKey | null): Promise<StaffView> {
    const rows = await rowsOf(await this.assessments.moderationQueue(actor, PAGE_ROWS), this.recommendations, this.organizations);
    return new StaffView((ctx, stylesheetHref) => {
      const listed = posted !== null && rows.some((row) => row.version.id === posted.id);
      const failure = posted
        ? {
            id: posted.id,
            reason: posted.reason,
            errors: { [listed ? moderationReasonId(posted.id) : 'moderation-list']: ctx.t(listed ? 'assessment.error.reason' : 'assessment.error.gone') },
          }
        : null;
      return ModerationPage({ ctx, stylesheetHref, rows, failure, success: success ? ctx.t(success) : null });
    });
  }
}
