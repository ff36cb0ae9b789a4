import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { RecordIndicatorValueInput } from '../../action-plan/dto/record-indicator-value.input';
import { IndicatorsService } from '../../action-plan/indicators.service';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { READERS, Role } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { errorField, field, FieldErrors, validateForm } from './form';
import { IndicatorPage, ValueDraft } from './indicator.views';
import { nonBlankChanges, postedTexts, translatedFieldId, translatedValues } from './translated-field';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffPages } from './staff-pages.service';
import type { StaffRequest } from './staff-pages.service';
import { StaffReads } from './staff-reads.service';

const FIELD_MESSAGES = {
  year: 'staff.indicator.error.year',
  quarter: 'staff.indicator.error.year',
  value: 'staff.indicator.error.value',
  source: 'staff.indicator.error.source',
  note: 'staff.indicator.error.note',
  correctionReason: 'staff.indicator.error.correctionReason',
} as const;
type FormField = keyof typeof FIELD_MESSAGES;

/** One indicator for staff: progress, values, and the form that records or corrects a value (recordIndicatorValue's service). */
@Controller('work/indicators')
@UseFilters(StaffErrorFilter)
export class IndicatorPageController {
  constructor(
    private readonly pages: StaffPages,
    private readonly reads: StaffReads,
    private readonly indicators: IndicatorsService,
  ) {}

  @Get(':id')
  @Roles(...READERS)
  async show(@Param('id') id: string, @Req() req: StaffRequest, @Res() res: Response, @CurrentActor() actor: Actor, @Query('done') done?: string): Promise<void> {
    const period = /^\d{4}(-Q[1-4])?$/.test(done ?? '') ? done : null;
    await this.render(req, res, id, actor, emptyDraft(), [], period, 200);
  }

  @Post(':id/values')
  @Roles(Role.ADMIN, Role.EDITOR, Role.MINISTRY)
  async record(@Param('id') id: string, @Req() req: StaffRequest, @Res() res: Response, @Body() body: unknown, @CurrentActor() actor: Actor): Promise<void> {
    await this.reads.indicator(id, actor);
    const posted = (body ?? {}) as Record<string, unknown>;
    const draft: ValueDraft = {
      year: field(body, 'year').trim(),
      quarter: field(body, 'quarter'),
      value: field(body, 'value').trim(),
      source: postedTexts(posted, 'source'),
      note: postedTexts(posted, 'note'),
      correctionReason: field(body, 'correctionReason'),
    };
    const invalid: FormField[] = [];
    if (!/^\d{4}$/.test(draft.year)) invalid.push('year');
    if (!/^[1-4]?$/.test(draft.quarter)) invalid.push('quarter');
    // Either decimal separator: staff type 12,5 as often as 12.5.
    const value = /^-?\d+([.,]\d+)?$/.test(draft.value) ? Number(draft.value.replace(',', '.')) : NaN;
    const period = draft.quarter ? `${draft.year}-Q${draft.quarter}` : draft.year;
    // The source and the note in every language given (blank ones left out).
    const checked = await validateForm(RecordIndicatorValueInput, {
      indicatorId: id,
      period,
      value,
      sourceTranslations: nonBlankChanges(posted, 'source'),
      noteTranslations: nonBlankChanges(posted, 'note'),
      correctionReason: draft.correctionReason,
    });
    if (checked.invalid) {
      for (const name of checked.invalid) {
        const control = name.split('.')[0].replace(/Translations$/, '');
        invalid.push(control === 'period' ? 'year' : (control as FormField));
      }
    }
    if (invalid.length || !checked.input) {
      await this.render(req, res, id, actor, draft, invalid, null, 400);
      return;
    }
    try {
      await this.indicators.recordValue(checked.input, actor, this.pages.context(req, res).locale);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.BAD_USER_INPUT && errorField(error) === 'period') {
        await this.render(req, res, id, actor, draft, ['year'], null, 400, /has not started/.test(error.message) ? 'notStarted' : 'outOfRange');
        return;
      }
      if (error instanceof DomainError && error.code === ErrorCode.BAD_USER_INPUT && errorField(error) === 'correctionReason') {
        await this.render(req, res, id, actor, draft, ['correctionReason'], null, 400);
        return;
      }
      throw error;
    }
    res.redirect(303, `/work/indicators/${id}?done=${encodeURIComponent(period)}`);
  }

  private async render(
    req: StaffRequest,
    res: Response,
    id: string,
    actor: Actor,
    draft: ValueDraft,
    invalid: FormField[],
    recordedPeriod: string | null | undefined,
    status: number,
    periodProblem?: 'notStarted' | 'outOfRange',
  ): Promise<void> {
    const detail = await this.reads.indicator(id, actor);
    await this.pages.render(
      req,
      res,
      (ctx, stylesheetHref) => {
        const errors: FieldErrors = {};
        for (const name of new Set(invalid)) {
          // The source's and note's errors are shown at their control in the page's language.
          errors[name === 'source' || name === 'note' ? translatedFieldId(name, ctx.locale) : name] =
            name === 'year' && periodProblem === 'notStarted'
              ? ctx.t('staff.indicator.error.notStarted')
              : name === 'year' && periodProblem === 'outOfRange'
                ? ctx.t('staff.indicator.error.outOfRange', { from: String(Math.min(detail.plan.startYear, detail.indicator.baselineYear ?? detail.plan.startYear)), to: String(detail.plan.endYear) })
                : ctx.t(FIELD_MESSAGES[name] ?? FIELD_MESSAGES.value);
        }
        const success = recordedPeriod ? ctx.t('staff.indicator.recorded', { period: recordedPeriod }) : null;
        return IndicatorPage({ ctx, stylesheetHref, detail, draft, errors, success });
      },
      status,
    );
  }
}

function emptyDraft(): ValueDraft {
  return { year: '', quarter: '', value: '', source: translatedValues(null), note: translatedValues(null), correctionReason: '' };
}
