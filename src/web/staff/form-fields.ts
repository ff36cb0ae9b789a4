import { Injectable } from '@nestjs/common';
import { IndicatorDirection, IndicatorMeasure, ReportingFrequency } from '../../action-plan/action-plan.enums';
import { ActionPlansService } from '../../action-plan/action-plans.service';
import { IndicatorsService } from '../../action-plan/indicators.service';
import { BarrierCategory } from '../../barriers/barrier-category.enum';
import { BarriersService } from '../../barriers/barriers.service';
import type { Translations } from '../../i18n/translations';
import { MeetingFormat } from '../../meetings/meeting.enums';
import { MeetingsService } from '../../meetings/meetings.service';
import { OrganizationsService } from '../../organizations/organizations.service';
import { ResponsibilityService } from '../../responsibility/responsibility.service';
import { Priority, RecommendationKind } from '../../recommendations/recommendation.enums';
import type { PageContext } from '../layout/page-context';
import type { FieldSpec } from './create.views';

/*
 * The fields of the records' forms, one definition for the create forms (/work/new/{kind}) and
 * the edit forms (/work/{kind}s/{id}/edit): their controls, labels, hints and the records they
 * offer to link to.
 */

export const RECORD_KINDS = ['meeting', 'barrier', 'recommendation', 'plan', 'indicator'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Which form the fields are for: an edit form links a barrier to several meetings (checkboxes), a new one to one. */
export type FormMode = 'create' | 'edit';

/** The records a form offers to link to, read once per request. */
interface Choices {
  meetings: { id: string; title: Translations; heldOn: string }[];
  barriers: { id: string; title: Translations }[];
  organizations: { id: string; name: Translations }[];
  indicators: { id: string; code: string; name: Translations }[];
  plans: { id: string; code: string; title: Translations }[];
  /** Who may be named responsible officer (active MINISTRY users), for the edit form of an indicator. */
  officers: { id: string; displayName: string; organizationId: string | null }[];
}

/** Reads the records a form of `kind` offers, once per request. */
@Injectable()
export class FormChoices {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly barriers: BarriersService,
    private readonly plans: ActionPlansService,
    private readonly indicators: IndicatorsService,
    private readonly organizations: OrganizationsService,
    private readonly responsibility: ResponsibilityService,
  ) {}

  async of(kind: RecordKind): Promise<Choices> {
    const none: Choices = { meetings: [], barriers: [], organizations: [], indicators: [], plans: [], officers: [] };
    if (kind === 'barrier') return { ...none, meetings: (await this.meetings.list({ first: 100 })).edges.map((e) => e.node) };
    if (kind === 'indicator') {
      const [plans, organizations] = await Promise.all([this.plans.list(), this.organizations.list()]);
      return { ...none, plans, organizations, officers: await this.responsibility.eligible(organizations.map((o) => o.id)) };
    }
    if (kind !== 'recommendation') return none;
    const [meetings, barriers, organizations, indicators] = await Promise.all([
      this.meetings.list({ first: 100 }),
      this.barriers.list(),
      this.organizations.list(),
      this.indicators.list({ first: 100 }),
    ]);
    return { ...none, meetings: meetings.edges.map((e) => e.node), barriers, organizations, indicators: indicators.edges.map((e) => e.node) };
  }}

/** The fields of the form of `kind`, in order. */
export function fieldsOf(ctx: PageContext, kind: RecordKind, choices: Choices, mode: FormMode = 'create'): FieldSpec[] {
  const f = (name: string, label: Parameters<PageContext['t']>[0], kindOf: FieldSpec['kind'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
    name,
    label: ctx.t(label),
    kind: kindOf,
    ...extra,
  });
  const pick = [{ value: '', label: ctx.t('staff.create.choose') }];
  const meetingChoices = choices.meetings.map((m) => ({ value: m.id, label: `${ctx.text.plain(m.title)} (${ctx.i18n.date(m.heldOn)})` }));
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
        f('category', 'staff.create.field.category', 'radios', { choices: Object.values(BarrierCategory).map((v) => ({ value: v, label: ctx.t(`barrier.${v}`) })) }),
        mode === 'create'
          ? f('meetingIds', 'staff.field.meeting', 'select', { choices: [...pick, ...meetingChoices] })
          : f('meetingIds', 'staff.field.meetings', 'checkboxes', { choices: meetingChoices }),
      ];
    case 'recommendation':
      return [
        f('meetingId', 'staff.field.meeting', 'select', { choices: [...pick, ...meetingChoices] }),
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
        f('measure', 'indicator.measure', 'radios', { choices: Object.values(IndicatorMeasure).map((v) => ({ value: v, label: ctx.t(`indicator.measure.${v}`) })) }),
        f('reportingFrequency', 'indicator.frequency', 'radios', {
          choices: Object.values(ReportingFrequency).map((v) => ({ value: v, label: ctx.t(`indicator.frequency.${v}`) })),
        }),
        f('baselineYear', 'staff.create.field.baselineYear', 'number'),
        f('baselineValue', 'staff.indicator.baseline', 'number'),
        f('responsibleOrganizationId', 'staff.field.responsible', 'select', {
          choices: [{ value: '', label: ctx.t('staff.admin.noOrganization') }, ...choices.organizations.map((o) => ({ value: o.id, label: ctx.text.plain(o.name) }))],
        }),
        ...(mode === 'edit'
          ? [
              f('responsibleUserId', 'staff.responsible.officer', 'select', {
                hint: ctx.t('staff.responsible.officerHint'),
                choices: [
                  { value: '', label: ctx.t('staff.responsible.noOfficer') },
                  ...choices.officers.map((o) => {
                    const organization = choices.organizations.find((org) => org.id === o.organizationId);
                    return { value: o.id, label: organization ? `${o.displayName} — ${ctx.text.plain(organization.name)}` : o.displayName };
                  }),
                ],
              }),
            ]
          : []),
      ];
  }
}
