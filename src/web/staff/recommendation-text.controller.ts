import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { EDITORS } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { DESCRIPTION_MAX, TITLE_MAX } from '../../common/validation/decorators';
import type { PageContext } from '../layout/page-context';
import type { Recommendation } from '../../recommendations/recommendation.entity';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import { errorField, field, FieldErrors } from './form';
import { RecommendationTextDraft, RecommendationTextPage } from './recommendation-text.views';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffPages } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { postedValues, tooLongControls, translatedFieldId, translatedValues, translationChangesFromForm } from './translated-field';

/** The translatable texts of this form and their longest text per locale (as the service checks them). */
const TEXT_FIELDS = [
  { field: 'title', maxLength: TITLE_MAX },
  { field: 'description', maxLength: DESCRIPTION_MAX },
] as const;

/**
 * Staff edit a recommendation's title and description in ky, ru and en: the same
 * `updateRecommendation` service path as the API's `titleTranslations`, so one save is one
 * transaction and one audit entry with every locale before and after.
 */
@Controller('work/recommendations')
@UseFilters(StaffErrorFilter)
export class RecommendationTextController {
  constructor(
    private readonly pages: StaffPages,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Get(':id/text')
  @Roles(...EDITORS)
  async form(@Param('id') id: string, @Req() req: StaffRequest, @Res() res: Response): Promise<void> {
    const recommendation = await this.found(id);
    await this.render(req, res, recommendation, draftOf(recommendation), () => ({}), 200);
  }

  @Post(':id/text')
  @Roles(...EDITORS)
  async save(@Param('id') id: string, @Req() req: StaffRequest, @Res() res: Response, @Body() body: Record<string, unknown>, @CurrentActor() actor: Actor): Promise<void> {
    const current = await this.found(id);
    const locale = this.pages.context(req, res).locale;
    const posted: RecommendationTextDraft = {
      title: postedValues(body, 'title', current.title),
      description: postedValues(body, 'description', current.description),
    };
    const changes = Object.fromEntries(TEXT_FIELDS.map(({ field: name }) => [name, translationChangesFromForm(body, name)]));
    const tooLong = TEXT_FIELDS.flatMap(({ field: name, maxLength }) => tooLongControls(changes[name], name, maxLength).map((id) => ({ id, maxLength })));
    if (tooLong.length) {
      await this.render(req, res, current, posted, (t) => Object.fromEntries(tooLong.map(({ id, maxLength }) => [id, t('staff.translations.tooLong', { max: maxLength })])), 400);
      return;
    }
    const expectedVersion = Number(field(body, 'expectedVersion'));
    try {
      await this.recommendations.update(
        id,
        // Only the locales posted: a form that leaves a language out leaves its text as it is.
        { titleTranslations: changes.title.length ? changes.title : undefined, descriptionTranslations: changes.description.length ? changes.description : undefined },
        Number.isInteger(expectedVersion) && expectedVersion > 0 ? expectedVersion : null,
        actor,
        locale,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.CONFLICT) {
        // Someone saved meanwhile: show their version, so nothing of theirs is overwritten unseen.
        const fresh = await this.found(id);
        await this.render(req, res, fresh, draftOf(fresh), (t) => ({ [translatedFieldId('title', locale)]: t('staff.recommendation.editConflict') }), 409);
        return;
      }
      const name = errorField(error)?.replace(/Translations$/, '');
      if (error.code === ErrorCode.BAD_USER_INPUT && (name === 'title' || name === 'description')) {
        // A required text left blank in every language: nothing was written.
        await this.render(req, res, current, posted, (t) => ({ [translatedFieldId(name, locale)]: t('staff.translations.required') }), 400);
        return;
      }
      throw error;
    }
    res.redirect(303, `/work/recommendations/${id}?done=text`);
  }

  private async found(id: string): Promise<Recommendation> {
    const recommendation = await this.recommendations.findById(id);
    if (!recommendation) throw DomainError.notFound('Recommendation', id);
    return recommendation;
  }

  private async render(
    req: StaffRequest,
    res: Response,
    recommendation: Recommendation,
    draft: RecommendationTextDraft,
    errorsOf: (t: PageContext['t']) => FieldErrors,
    status: number,
  ): Promise<void> {
    await this.pages.render(
      req,
      res,
      (ctx, stylesheetHref) =>
        RecommendationTextPage({ ctx, stylesheetHref, recommendation, draft, errors: errorsOf(ctx.t) }),
      status,
    );
  }
}

function draftOf(recommendation: Recommendation): RecommendationTextDraft {
  return { title: translatedValues(recommendation.title), description: translatedValues(recommendation.description) };
}
