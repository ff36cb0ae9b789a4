import type { TranslationChange, Translations } from '../../i18n/translations';
import { cleanText } from '../../common/validation/storable-text';
import type { Locale } from '../../i18n/locales';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { IndicatorDirection } from '../../action-plan/action-plan.enums';
import { ActionPlansService } from '../../action-plan/action-plans.service';
import { CreateActionPlanInput } from '../../action-plan/dto/create-action-plan.input';
import { CreateIndicatorInput } from '../../action-plan/dto/create-indicator.input';
import { IndicatorsService } from '../../action-plan/indicators.service';
import type { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { EDITORS } from '../../auth/role.enum';
import { Roles } from '../../auth/roles.decorator';
import { BarrierCategory } from '../../barriers/barrier-category.enum';
import { BarriersService } from '../../barriers/barriers.service';
import { CreateBarrierInput } from '../../barriers/dto/create-barrier.input';
import { translateDatabaseError } from '../../common/errors/database-errors';
import { DomainError } from '../../common/errors/domain-error';
import { ErrorCode } from '../../common/errors/error-codes';
import { CreateMeetingInput } from '../../meetings/dto/create-meeting.input';
import { MeetingFormat } from '../../meetings/meeting.enums';
import { MeetingsService } from '../../meetings/meetings.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { CreateRecommendationInput } from '../../recommendations/dto/create-recommendation.input';
import { Priority, RecommendationKind } from '../../recommendations/recommendation.enums';
import { RecommendationsService } from '../../recommendations/recommendations.service';
import type { PageContext } from '../layout/page-context';
import { CreateIndexPage, CreatePage } from './create.views';
import type { Draft, FieldSpec } from './create.views';
import { errorField, FieldErrors, validateForm } from './form';
import { StaffErrorFilter } from './staff-error.filter';
import { StaffPages } from './staff-pages.service';
import { nonBlankChanges, translatedFieldId } from './translated-field';
import type { StaffRequest } from './staff-pages.service';

const KINDS = ['meeting', 'barrier', 'recommendation', 'plan', 'indicator'] as const;
type Kind = (typeof KINDS)[number];

/** The records a form offers to link to, read once per request. */
interface Choices {
  meetings: { id: string; title: Translations; heldOn: string }[];
  barriers: { id: string; title: Translations }[];
  organizations: { id: string; name: Translations }[];
  indicators: { id: string; code: string; name: Translations }[];
  plans: { id: string; code: string; title: Translations }[];
}

const text = (draft: Draft, name: string): string => [draft[name] ?? ''].flat()[0] ?? '';
const list = (draft: Draft, name: string): string[] => [draft[name] ?? []].flat().filter(Boolean);
const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());
/** A translatable field's texts as posted, one control per language (`title-ky`, …); blank ones are left out on create. */
const translated = (draft: Draft, name: string): TranslationChange[] => nonBlankChanges(draft, name);
/** A number typed with either decimal separator; blank is absent, anything else stays a string so validation names it. */
const numberOrNull = (value: string): number | string | null => {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^-?\d+([.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : trimmed;
};

/**
 * EDITOR/ADMIN create meetings, barriers, recommendations, plans and
 * indicators through the same input classes and services as the API's mutations.
 */
@Controller('work/new')
@UseFilters(StaffErrorFilter)
export class CreateController {
  constructor(
    private readonly pages: StaffPages,
    private readonly meetings: MeetingsService,
    private readonly barriers: BarriersService,
    private readonly recommendations: RecommendationsService,
    private readonly plans: ActionPlansService,
    private readonly indicators: IndicatorsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get()
  @Roles(...EDITORS)
  async index(@Req() req: StaffRequest, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.pages.render(req, res, (ctx, stylesheetHref) =>
      CreateIndexPage({
        ctx,
        stylesheetHref,
        kinds: KINDS.map((kind) => ({ href: `/work/new/${kind}`, label: ctx.t(`staff.create.${kind}.title`) })),
        success: KINDS.includes(done as Kind) ? ctx.t('staff.create.done') : null,
      }),
    );
  }

  @Get(':kind')
  @Roles(...EDITORS)
  async form(@Param('kind') kind: string, @Req() req: StaffRequest, @Res() res: Response): Promise<void> {
    await this.render(req, res, kindOrFail(kind), {}, [], 200);
  }

  @Post(':kind')
  @Roles(...EDITORS)
  async create(@Param('kind') rawKind: string, @Req() req: StaffRequest, @Res() res: Response, @Body() body: Draft, @CurrentActor() actor: Actor): Promise<void> {
    const kind = kindOrFail(rawKind);
    const draft: Draft = { ...body };
    delete draft._csrf;
    let location: string;
    try {
      // Each translatable field comes in every language the form sent; `locale` is the page's, for the service's messages.
      location = await this.save(kind, draft, actor, this.pages.context(req, res).locale);
    } catch (thrown) {
      // A taken code arrives as the database's unique violation: the same translation as the API's.
      const error = translateDatabaseError(thrown);
      if (error instanceof FormInvalid) {
        await this.render(req, res, kind, draft, error.fields, 400);
        return;
      }
      if (error instanceof DomainError && [ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT].includes(error.code)) {
        const field = errorField(error) ?? (error.code === ErrorCode.CONFLICT ? 'code' : null);
        if (field) {
          await this.render(req, res, kind, draft, [field], error.code === ErrorCode.CONFLICT ? 409 : 400);
          return;
        }
      }
      throw error;
    }
    res.redirect(303, location);
  }

  /** Validates with the API's input class and calls the API's service; returns where to go next. */
  private async save(kind: Kind, draft: Draft, actor: Actor, locale: Locale): Promise<string> {
    switch (kind) {
      case 'meeting': {
        const input = await checked(CreateMeetingInput, {
          titleTranslations: translated(draft, 'title'),
          heldOn: text(draft, 'heldOn').trim(),
          format: text(draft, 'format'),
          settlementTranslations: translated(draft, 'settlement'),
          regionTranslations: translated(draft, 'region'),
          summaryTranslations: translated(draft, 'summary'),
          sourceUrl: orNull(text(draft, 'sourceUrl')),
        }, ['title']);
        await this.meetings.create(input, actor, locale);
        return '/work/new?done=meeting';
      }
      case 'barrier': {
        const meetingId = text(draft, 'meetingIds');
        const input = await checked(CreateBarrierInput, {
          titleTranslations: translated(draft, 'title'),
          descriptionTranslations: translated(draft, 'description'),
          category: text(draft, 'category'),
          meetingIds: meetingId ? [meetingId] : [],
        }, ['title']);
        await this.barriers.create(input, actor, locale);
        return '/work/new?done=barrier';
      }
      case 'recommendation': {
        const input = await checked(CreateRecommendationInput, {
          code: orNull(text(draft, 'code')),
          titleTranslations: translated(draft, 'title'),
          descriptionTranslations: translated(draft, 'description'),
          kind: text(draft, 'kind'),
          priority: orNull(text(draft, 'priority')),
          dueDate: orNull(text(draft, 'dueDate')),
          meetingId: text(draft, 'meetingId'),
          barrierIds: list(draft, 'barrierIds'),
          responsibleOrganizationIds: list(draft, 'responsibleOrganizationIds'),
          indicatorIds: list(draft, 'indicatorIds'),
        }, ['title']);
        const created = await this.recommendations.create(input, actor, locale);
        return `/work/recommendations/${created.id}?done=created`;
      }
      case 'plan': {
        const input = await checked(CreateActionPlanInput, {
          code: text(draft, 'code'),
          titleTranslations: translated(draft, 'title'),
          approvedBy: orNull(text(draft, 'approvedBy')),
          approvedOn: orNull(text(draft, 'approvedOn')),
          startYear: numberOrNull(text(draft, 'startYear')),
          endYear: numberOrNull(text(draft, 'endYear')),
        }, ['title']);
        await this.plans.create(input, actor, locale);
        return '/work/new?done=plan';
      }
      case 'indicator': {
        const input = await checked(CreateIndicatorInput, {
          actionPlanId: text(draft, 'actionPlanId'),
          code: text(draft, 'code'),
          nameTranslations: translated(draft, 'name'),
          unit: text(draft, 'unit'),
          direction: text(draft, 'direction'),
          baselineYear: numberOrNull(text(draft, 'baselineYear')),
          baselineValue: numberOrNull(text(draft, 'baselineValue')),
          responsibleOrganizationId: orNull(text(draft, 'responsibleOrganizationId')),
        }, ['name']);
        const created = await this.indicators.create(input, actor, locale);
        return `/work/indicators/${created.id}`;
      }
    }
  }

  private async render(req: StaffRequest, res: Response, kind: Kind, draft: Draft, invalid: string[], status: number): Promise<void> {
    const choices = await this.choices(kind);
    await this.pages.render(
      req,
      res,
      (ctx, stylesheetHref) => {
        const fields = fieldsOf(ctx, kind, choices);
        const errors: FieldErrors = {};
        for (const name of invalid) {
          const spec = fields.find((f) => f.name === name) ?? fields[0];
          // A translatable field's error is shown at (and linked to) its control in the page's language.
          errors[spec.kind === 'translated' ? translatedFieldId(spec.name, ctx.locale) : spec.name] = ctx.t('staff.create.error', { label: spec.label });
        }
        return CreatePage({ ctx, stylesheetHref, title: ctx.t(`staff.create.${kind}.title`), action: `/work/new/${kind}`, fields, draft, errors });
      },
      status,
    );
  }

  private async choices(kind: Kind): Promise<Choices> {
    const none: Choices = { meetings: [], barriers: [], organizations: [], indicators: [], plans: [] };
    if (kind === 'barrier') return { ...none, meetings: (await this.meetings.list({ first: 100 })).edges.map((e) => e.node) };
    if (kind === 'indicator') return { ...none, plans: await this.plans.list(), organizations: await this.organizations.list() };
    if (kind !== 'recommendation') return none;
    const [meetings, barriers, organizations, indicators] = await Promise.all([
      this.meetings.list({ first: 100 }),
      this.barriers.list(),
      this.organizations.list(),
      this.indicators.list({ first: 100 }),
    ]);
    return { ...none, meetings: meetings.edges.map((e) => e.node), barriers, organizations, indicators: indicators.edges.map((e) => e.node) };
  }
}

class FormInvalid extends Error {
  constructor(readonly fields: string[]) {
    super('invalid form');
  }
}

/**
 * Validates as the API does. `required`: translatable fields that need a text in at least one
 * language (the service says so too, but alone); checked here so a blank one is reported with
 * the other fields' errors at once. Invalid fields are named as the form names them (`title`
 * for `titleTranslations.0.text`).
 */
async function checked<T extends object>(type: new () => T, plain: Record<string, unknown>, required: readonly string[]): Promise<T> {
  const result = await validateForm(type, plain);
  const given = (name: string) => ((plain[`${name}Translations`] ?? []) as TranslationChange[]).some((change) => cleanText(change.text ?? '') !== '');
  const blank = required.filter((name) => !given(name));
  const invalid = [...new Set([...blank, ...(result.invalid ?? []).map((name) => name.split('.')[0].replace(/Translations$/, ''))])];
  if (invalid.length || !result.input) throw new FormInvalid(invalid);
  return result.input;
}

function kindOrFail(kind: string): Kind {
  if (!KINDS.includes(kind as Kind)) throw new DomainError(ErrorCode.NOT_FOUND, `no form for ${kind}`);
  return kind as Kind;
}

function fieldsOf(ctx: PageContext, kind: Kind, choices: Choices): FieldSpec[] {
  const f = (name: string, label: Parameters<PageContext['t']>[0], kindOf: FieldSpec['kind'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
    name,
    label: ctx.t(label),
    kind: kindOf,
    ...extra,
  });
  const pick = [{ value: '', label: ctx.t('staff.create.choose') }];
  switch (kind) {
    case 'meeting':
      return [
        f('title', 'staff.create.field.title', 'translated'),
        f('heldOn', 'staff.create.field.heldOn', 'date'),
        f('format', 'staff.create.field.format', 'radios', { choices: Object.values(MeetingFormat).map((v) => ({ value: v, label: ctx.t(`staff.format.${v}`) })) }),
        f('settlement', 'staff.create.field.settlement', 'translated'),
        f('region', 'staff.create.field.region', 'translated'),
        f('summary', 'staff.create.field.summary', 'translated', { multiline: true }),
        f('sourceUrl', 'staff.create.field.sourceUrl', 'text'),
      ];
    case 'barrier':
      return [
        f('title', 'staff.create.field.title', 'translated'),
        f('description', 'staff.create.field.description', 'translated', { multiline: true }),
        f('category', 'staff.create.field.category', 'radios', { choices: Object.values(BarrierCategory).map((v) => ({ value: v, label: ctx.t(`staff.category.${v}`) })) }),
        f('meetingIds', 'staff.field.meeting', 'select', { choices: [...pick, ...choices.meetings.map((m) => ({ value: m.id, label: `${ctx.text.plain(m.title)} (${ctx.i18n.date(m.heldOn)})` }))] }),
      ];
    case 'recommendation':
      return [
        f('meetingId', 'staff.field.meeting', 'select', { choices: [...pick, ...choices.meetings.map((m) => ({ value: m.id, label: `${ctx.text.plain(m.title)} (${ctx.i18n.date(m.heldOn)})` }))] }),
        f('title', 'staff.create.field.title', 'translated'),
        f('description', 'staff.create.field.description', 'translated', { multiline: true }),
        f('kind', 'staff.create.field.kind', 'select', { choices: [...pick, ...Object.values(RecommendationKind).map((v) => ({ value: v, label: ctx.t(`staff.kind.${v}`) }))] }),
        f('priority', 'staff.create.field.priority', 'radios', { choices: Object.values(Priority).map((v) => ({ value: v, label: ctx.t(`staff.priority.${v}`) })) }),
        f('dueDate', 'staff.field.dueDate', 'date'),
        f('code', 'staff.create.field.code', 'text', { hint: ctx.t('staff.create.codeHint') }),
        f('barrierIds', 'staff.field.barriers', 'checkboxes', { choices: choices.barriers.map((b) => ({ value: b.id, label: ctx.text.plain(b.title) })) }),
        f('responsibleOrganizationIds', 'staff.field.responsible', 'checkboxes', { choices: choices.organizations.map((o) => ({ value: o.id, label: ctx.text.plain(o.name) })) }),
        f('indicatorIds', 'staff.field.indicators', 'checkboxes', { choices: choices.indicators.map((i) => ({ value: i.id, label: `${i.code}: ${ctx.text.plain(i.name)}` })) }),
      ];
    case 'plan':
      return [
        f('code', 'staff.create.field.code', 'text'),
        f('title', 'staff.create.field.title', 'translated'),
        f('approvedBy', 'staff.create.field.approvedBy', 'text'),
        f('approvedOn', 'staff.create.field.approvedOn', 'date'),
        f('startYear', 'staff.create.field.startYear', 'number'),
        f('endYear', 'staff.create.field.endYear', 'number'),
      ];
    case 'indicator':
      return [
        f('actionPlanId', 'staff.downloads.plan', 'select', { choices: [...pick, ...choices.plans.map((p) => ({ value: p.id, label: `${p.code}: ${ctx.text.plain(p.title)}` }))] }),
        f('code', 'staff.create.field.code', 'text'),
        f('name', 'staff.create.field.title', 'translated'),
        f('unit', 'staff.indicator.unit', 'text', { hint: ctx.t('staff.create.unitHint') }),
        f('direction', 'staff.create.field.direction', 'radios', { choices: Object.values(IndicatorDirection).map((v) => ({ value: v, label: ctx.t(`staff.direction.${v}`) })) }),
        f('baselineYear', 'staff.create.field.baselineYear', 'number'),
        f('baselineValue', 'staff.indicator.baseline', 'number'),
        f('responsibleOrganizationId', 'staff.field.responsible', 'select', {
          choices: [{ value: '', label: ctx.t('staff.admin.noOrganization') }, ...choices.organizations.map((o) => ({ value: o.id, label: ctx.text.plain(o.name) }))],
        }),
      ];
  }
}
