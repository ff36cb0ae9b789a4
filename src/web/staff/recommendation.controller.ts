import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { EDITORS, READERS, Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import type { AuditEntry } from '../../audit/audit-entry.entity';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { TransitionRecommendationInput } from '../../recommendations/dto/transition-recommendation.input';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import { errorField, field, FieldErrors, validateForm } from './form';
import { RecommendationPage, TransitionDraft } from './recommendation.views';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffPages } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffReads } from './staff-reads.service';
import { nonBlankChanges, postedTexts, translatedFieldId, translatedValues } from './translated-field';

/** Which message explains an invalid field of the transition form. */
const FIELD_MESSAGES = {
  to: 'staff.recommendation.error.to',
  note: 'staff.recommendation.error.note',
  evidenceUrl: 'staff.recommendation.error.evidenceUrl',
  expectedVersion: 'staff.recommendation.error.version',
} as const;

/** One recommendation for staff: its facts, timeline and the transition form (same service as the API's mutation). */
@Controller('work/recommendations')
@UseFilters(StaffErrorFilter)
export class RecommendationPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly reads: StaffReads,
    private readonly recommendations: RecommendationsService,
  ) {}

  @Get(':id')
  @Roles(...READERS)
  async show(@Param('id') id: string, @Req() req: StaffRequest, @Res() res: Response, @CurrentActor() actor: Actor, @Query('done') done?: string): Promise<void> {
    const detail = await this.reads.recommendation(id, actor);
    await this.pages.render(req, res, (ctx, stylesheetHref) =>
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
  async transition(@Param('id') id: string, @Req() req: StaffRequest, @Res() res: Response, @Body() body: unknown, @CurrentActor() actor: Actor): Promise<void> {
    // Opening the form's target checks scope first: another organisation's recommendation is FORBIDDEN, unchanged.
    await this.reads.recommendation(id, actor);
    const posted = (body ?? {}) as Record<string, unknown>;
    const draft: TransitionDraft = { to: field(body, 'to'), note: postedTexts(posted, 'note'), evidenceUrl: field(body, 'evidenceUrl') };
    const expectedVersion = Number(field(body, 'expectedVersion'));
    // A blank field is an absent one (as in the API, where it would be null); the note in every language given.
    const checked = await validateForm(TransitionRecommendationInput, {
      id,
      to: draft.to,
      noteTranslations: nonBlankChanges(posted, 'note'),
      evidenceUrl: draft.evidenceUrl.trim() || null,
      expectedVersion,
    });
    if (checked.invalid) {
      await this.renderForm(req, res, id, actor, draft, checked.invalid.map((name) => name.split('.')[0].replace(/Translations$/, '')), null, 400);
      return;
    }
    try {
      await this.recommendations.transition(checked.input, actor, this.pages.context(req, res).locale);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === ErrorCode.CONFLICT) {
        const changes = await this.reads.changesSince(id, expectedVersion);
        await this.renderForm(req, res, id, actor, draft, [], changes, 409);
        return;
      }
      if (error.code === ErrorCode.INVALID_TRANSITION) {
        await this.renderForm(req, res, id, actor, draft, [errorField(error) === 'note' ? 'note' : 'to'], null, 400);
        return;
      }
      throw error;
    }
    res.redirect(303, `/work/recommendations/${id}?done=moved`);
  }

  private async renderForm(
    req: StaffRequest,
    res: Response,
    id: string,
    actor: Actor,
    draft: TransitionDraft,
    invalid: string[],
    conflict: AuditEntry[] | null,
    status: number,
  ): Promise<void> {
    // Always the fresh version: after a conflict the form retries on what is there now.
    const detail = await this.reads.recommendation(id, actor);
    if (!detail.allowed.includes(draft.to as never)) draft = { ...draft, to: '' };
    await this.pages.render(
      req,
      res,
      (ctx, stylesheetHref) => {
        const errors: FieldErrors = {};
        for (const name of invalid) {
          const key = FIELD_MESSAGES[name as keyof typeof FIELD_MESSAGES] ?? FIELD_MESSAGES.to;
          const control = name in FIELD_MESSAGES ? name : 'to';
          // The note's error is shown at its control in the page's language.
          errors[control === 'note' ? translatedFieldId('note', ctx.locale) : control] = ctx.t(key);
        }
        return RecommendationPage({ ctx, stylesheetHref, detail, draft, errors, success: null, conflict });
      },
      status,
    );
  }
}
