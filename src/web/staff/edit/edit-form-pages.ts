import { Injectable } from '@nestjs/common';
import type { ActionPlan } from '../../../action-plan/action-plan.entity';
import { ActionPlansService } from '../../../action-plan/action-plans.service';
import type { Indicator } from '../../../action-plan/indicator.entity';
import { IndicatorsService } from '../../../action-plan/indicators.service';
import type { Barrier } from '../../../barriers/barrier.entity';
import { BarriersService } from '../../../barriers/barriers.service';
import { DomainError } from '../../../common/errors/domain-error';
import { LOCALES } from '../../../i18n/locales';
import type { Translations } from '../../../i18n/translations';
import type { Meeting } from '../../../meetings/meeting.entity';
import { MeetingsService } from '../../../meetings/meetings.service';
import { FormProblem, FormValues, valueOf } from '../../forms/form-invalid';
import type { PageContext } from '../../layout/page-context';
import { CreatePage } from '../create.views';
import type { FieldSpec } from '../create.views';
import type { FieldErrors } from '../form';
import { fieldsOf, FormChoices } from '../form-fields';
import { StaffView } from '../staff-pages.service';
import { translatedFieldId } from '../translated-field';
import { editPath, EditKind } from './edit-paths';

/** A stored record as its form's values, and the version they are of. */
interface Stored {
  values: FormValues;
  version: number;
}

/** The id of the notice a stale save opens with (the error summary links to it). */
const CONFLICT_NOTICE = 'edit-conflict';

/**
 * The edit forms' pages: the create forms' fields (form-fields.ts) filled with the stored record
 * (every language of its texts), or with the draft posted and its problems at their controls.
 */
@Injectable()
export class EditFormPages {
  constructor(
    private readonly choices: FormChoices,
    private readonly meetings: MeetingsService,
    private readonly barriers: BarriersService,
    private readonly plans: ActionPlansService,
    private readonly indicators: IndicatorsService,
  ) {}

  /**
   * The form of the record `id` (NOT_FOUND when there is none): as stored when `posted` is null,
   * else the draft as posted with its problems. After a stale save the draft is kept and the
   * hidden version becomes the current one, so saving again replaces the other person's save
   * knowingly.
   */
  async page(kind: EditKind, id: string, posted: FormValues | null, problems: FormProblem[]): Promise<StaffView> {
    const [stored, choices] = await Promise.all([this.stored(kind, id), this.choices.of(kind)]);
    if (kind === 'barrier') {
      // The meetings it was raised in are offered even when older than the newest ones listed, so a save keeps them.
      const listed = new Set(choices.meetings.map((m) => m.id));
      const missing = [stored.values.meetingIds ?? []].flat().filter((meetingId) => !listed.has(meetingId));
      const older = await Promise.all(missing.map((meetingId) => this.meetings.findById(meetingId)));
      choices.meetings.push(...older.filter((m): m is Meeting => m !== null));
    }
    const conflict = problems.some((p) => p.control === 'expectedVersion');
    const draft = posted ?? stored.values;
    const postedVersion = posted ? valueOf(posted, 'expectedVersion') : '';
    const version = conflict || !/^\d+$/.test(postedVersion) ? String(stored.version) : postedVersion;
    return new StaffView((ctx, stylesheetHref) => {
      const fields = fieldsOf(ctx, kind, choices, 'edit');
      const errors: FieldErrors = {};
      for (const problem of problems) {
        const spec = fields.find((f) => f.name === problem.control);
        if (!spec) continue;
        // A translatable field's error is shown at (and linked to) its control in the page's language.
        errors[spec.kind === 'translated' ? translatedFieldId(spec.name, ctx.locale) : spec.name] = problemMessage(ctx, spec, problem);
      }
      return CreatePage({
        ctx,
        stylesheetHref,
        title: ctx.t(`staff.edit.${kind}.title`),
        action: editPath(kind, id),
        fields,
        draft,
        errors,
        backLink: { href: '/work/edit', label: ctx.t('staff.edit.title') },
        saveLabel: ctx.t('staff.edit.save'),
        hidden: { expectedVersion: version },
        notice: conflict ? { id: CONFLICT_NOTICE, text: ctx.t('staff.edit.conflict') } : undefined,
      });
    });
  }

  private async stored(kind: EditKind, id: string): Promise<Stored> {
    switch (kind) {
      case 'meeting': {
        const meeting = found(await this.meetings.findById(id), 'Meeting', id);
        return { values: meetingValues(meeting), version: meeting.version };
      }
      case 'barrier': {
        const barrier = found(await this.barriers.findById(id), 'Barrier', id);
        return { values: barrierValues(barrier, await this.barriers.meetingIdsOf(barrier.id)), version: barrier.version };
      }
      case 'plan': {
        const plan = found(await this.plans.findById(id), 'ActionPlan', id);
        return { values: planValues(plan), version: plan.version };
      }
      case 'indicator': {
        const indicator = found(await this.indicators.findById(id), 'Indicator', id);
        return { values: indicatorValues(indicator), version: indicator.version };
      }
    }
  }
}

function found<T>(record: T | null, entity: string, id: string): T {
  if (!record) throw DomainError.notFound(entity, id);
  return record;
}

/** A problem's message: the domain's reason where it has one, else "check this field". */
function problemMessage(ctx: PageContext, spec: FieldSpec, problem: FormProblem): string {
  switch (problem.reason) {
    case 'hasValues':
      return ctx.t('staff.edit.error.hasValues');
    case 'yearsInUse':
      return ctx.t('staff.edit.error.yearsInUse', { from: problem.params.from ?? '', to: problem.params.to ?? '' });
    case 'taken':
      return ctx.t('staff.edit.error.taken');
    case 'endBeforeStart':
      return ctx.t('staff.edit.error.endBeforeStart');
    case 'notOfOrganization':
    case 'deactivated':
    case 'unknownUser':
      return ctx.t('staff.edit.error.officer');
    default:
      return ctx.t('staff.create.error', { label: spec.label });
  }
}

/** Every language of a stored text as its form controls (`title-ky`, `title-ru`, `title-en`). */
function texts(field: string, translations: Translations | null): FormValues {
  return Object.fromEntries(LOCALES.map((locale) => [translatedFieldId(field, locale), translations?.[locale] ?? '']));
}

const text = (value: string | number | null): string => (value === null ? '' : String(value));

function meetingValues(m: Meeting): FormValues {
  return {
    ...texts('title', m.title),
    heldOn: m.heldOn,
    format: m.format,
    ...texts('settlement', m.settlement),
    ...texts('region', m.region),
    ...texts('summary', m.summary),
    sourceUrl: text(m.sourceUrl),
  };
}

function barrierValues(b: Barrier, meetingIds: string[]): FormValues {
  return { ...texts('title', b.title), ...texts('description', b.description), category: b.category, meetingIds };
}

function planValues(p: ActionPlan): FormValues {
  return {
    code: p.code,
    ...texts('title', p.title),
    approvedBy: text(p.approvedBy),
    approvedOn: text(p.approvedOn),
    startYear: String(p.startYear),
    endYear: String(p.endYear),
  };
}

function indicatorValues(i: Indicator): FormValues {
  return {
    actionPlanId: i.actionPlanId,
    code: i.code,
    ...texts('name', i.name),
    unit: i.unit,
    direction: i.direction,
    measure: i.measure,
    reportingFrequency: i.reportingFrequency,
    baselineYear: text(i.baselineYear),
    baselineValue: text(i.baselineValue),
    responsibleOrganizationId: text(i.responsibleOrganizationId),
    responsibleUserId: text(i.responsibleUserId),
  };
}
