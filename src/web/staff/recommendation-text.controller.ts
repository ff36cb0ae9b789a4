import { Controller, Get, Param, Post, Redirect, Req, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { EDITORS } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { isLocale } from '../../i18n/locales';
import type { Recommendation } from '../../recommendations/recommendation.entity';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import type { FieldErrors } from '../forms/field-errors';
import { FormBody } from '../forms/form-body';
import { FormInvalid, FormProblem, formValuesOf, FormValues } from '../forms/form-invalid';
import type { PageContext } from '../layout/page-context';
import { RecommendationTextForm } from './recommendation.forms';
import { RecommendationTextDraft, RecommendationTextPage } from './recommendation-text.views';
import { StaffErrorFilter } from './staff-error.filter';
import type { FormPageController } from './staff-error.filter';
import { StaffPages, StaffView } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffViewInterceptor } from './staff-view.interceptor';
import { postedValues, translatedFieldId, translatedValues } from './translated-field';

/** The reason of a save refused because someone saved meanwhile (CONFLICT). */
const STALE = 'stale';

/** The form's translatable texts, by the input field the service names in its errors. */
const TEXT_CONTROLS: Record<string, 'title' | 'description'> = { title: 'title', titleTranslations: 'title', description: 'description', descriptionTranslations: 'description' };

/**
 * A refused save as a problem of the form: a stale version (CONFLICT), or a text the service
 * refuses (BAD_USER_INPUT; its `details.reason` picks the message, `details.locale` the control).
 */
function refusal(error: unknown, values: FormValues): FormInvalid | null {
  if (!(error instanceof DomainError)) return null;
  if (error.code === ErrorCode.CONFLICT) return new FormInvalid(values, [{ control: 'expectedVersion', translated: false, reason: STALE, params: {} }], 409);
  const field = typeof error.details.field === 'string' ? TEXT_CONTROLS[error.details.field] : undefined;
  if (error.code !== ErrorCode.BAD_USER_INPUT || !field) return null;
  const reason = typeof error.details.reason === 'string' ? error.details.reason : 'invalid';
  const locale = error.details.locale;
  // A text too long in one language is shown at that language's control; the rest at the page language's.
  const problem: FormProblem = isLocale(locale)
    ? { control: translatedFieldId(field, locale), translated: false, reason, params: { max: String(error.details.max) } }
    : { control: field, translated: true, reason, params: {} };
  return new FormInvalid(values, [problem]);
}

/** A problem's message, by its reason code. */
function problemMessage(ctx: PageContext, problem: FormProblem): string {
  switch (problem.reason) {
    case 'tooLong':
      return ctx.t('staff.translations.tooLong', { max: Number(problem.params.max) });
    case STALE:
      return ctx.t('staff.recommendation.editConflict');
    default:
      return ctx.t('staff.translations.required');
  }
}

/**
 * Staff edit a recommendation's title and description in ky, ru and en: the same
 * `updateRecommendation` service path as the API's `titleTranslations`, so one save is one
 * transaction and one audit entry with every locale before and after.
 */
@Controller('work/recommendations')
@UseFilters(StaffErrorFilter)
@UseInterceptors(StaffViewInterceptor)
export class RecommendationTextController implements FormPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Get(':id/text')
  @Roles(...EDITORS)
  async form(@Param('id') id: string): Promise<StaffView> {
    const recommendation = await this.found(id);
    return this.page(recommendation, draftOf(recommendation), []);
  }

  @Post(':id/text')
  @Roles(...EDITORS)
  @Redirect('', 303)
  async save(@Param('id') id: string, @FormBody() form: RecommendationTextForm, @Req() req: StaffRequest, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    await this.found(id);
    const expectedVersion = Number(form.expectedVersion);
    try {
      await this.recommendations.update(
        id,
        // Only the locales posted: a form that leaves a language out leaves its text as it is.
        {
          titleTranslations: form.titleTranslations.length ? form.titleTranslations : undefined,
          descriptionTranslations: form.descriptionTranslations.length ? form.descriptionTranslations : undefined,
        },
        Number.isInteger(expectedVersion) && expectedVersion > 0 ? expectedVersion : null,
        actor,
        this.pages.locale(req),
      );
    } catch (error) {
      throw refusal(error, formValuesOf(req.body)) ?? error;
    }
    return { url: `/work/recommendations/${id}?done=text` };
  }

  /**
   * The form as posted with its problems; after a stale save the other person's version instead,
   * so nothing of theirs is overwritten unseen.
   */
  async formPage(req: StaffRequest, values: FormValues, problems: FormProblem[]): Promise<StaffView> {
    const current = await this.found(String(req.params.id));
    const stale = problems.some((p) => p.reason === STALE);
    const draft = stale ? draftOf(current) : { title: postedValues(values, 'title', current.title), description: postedValues(values, 'description', current.description) };
    // A conflict's message is shown at the title.
    return this.page(current, draft, stale ? [{ control: 'title', translated: true, reason: STALE, params: {} }] : problems);
  }

  private async found(id: string): Promise<Recommendation> {
    const recommendation = await this.recommendations.findById(id);
    if (!recommendation) throw DomainError.notFound('Recommendation', id);
    return recommendation;
  }

  private page(recommendation: Recommendation, draft: RecommendationTextDraft, problems: FormProblem[]): StaffView {
    return new StaffView((ctx, stylesheetHref) => {
      const errors: FieldErrors = {};
      for (const problem of problems) errors[problem.translated ? translatedFieldId(problem.control, ctx.locale) : problem.control] = problemMessage(ctx, problem);
      return RecommendationTextPage({ ctx, stylesheetHref, recommendation, draft, errors });
    });
  }
}

function draftOf(recommendation: Recommendation): RecommendationTextDraft {
  return { title: translatedValues(recommendation.title), description: translatedValues(recommendation.description) };
}
