import type { Indicator } from '../../action-plan/indicator.entity';
import type { AuditEntry } from '../../audit/audit-entry.entity';
import type { Barrier } from '../../barriers/barrier.entity';
import type { Meeting } from '../../meetings/meeting.entity';
import type { Organization } from '../../organizations/organization.entity';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import type { Recommendation } from '../../recommendations/recommendation.entity';
import type { StatusChange } from '../../recommendations/status-change.entity';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { CsrfField } from '../components/csrf-field';
import { OverdueTag, StatusTag } from '../components/status-tag';
import type { PageContext } from '../layout/page-context';
import type { FieldErrors } from '../forms/field-errors';
import { Button } from '../components/button';
import { summaryOf } from '../forms/field-errors';
import { RadiosField, TextField } from '../forms/bound-controls';
import { editPath } from './edit/edit-paths';
import { StaffPage } from './staff-layout';
import type { StaffMember } from '../../responsibility/staff-member.type';
import { officerText } from './responsible-people.views';
import { FrameworkItemsValue } from './framework-mappings.views';
import type { FrameworkItem } from '../../frameworks/framework-item.entity';
import { LanguagesOf, TranslatedField, TranslatedValues } from './translated-field';

export interface RecommendationDetail {
  recommendation: Recommendation;
  meeting: Meeting | null;
  barriers: Barrier[];
  organizations: Organization[];
  indicators: Indicator[];
  history: StatusChange[];
  allowed: RecommendationStatus[];
  /** Whether this person may move it (role and organisation). */
  mayTransition: boolean;
  overdue: boolean;
  /** The responsible officer, for those who may see names. */
  officer: StaffMember | null;
  maySeeOfficer: boolean;
  /** The SDG targets and indicators, CEDAW paragraphs and UPR documents it addresses. */
  frameworkItems: FrameworkItem[];
}

export interface TransitionDraft {
  to: string;
  /** The note in each language (TranslatedField). */
  note: TranslatedValues;
  evidenceUrl: string;
}


function TransitionForm(props: { ctx: PageContext; detail: RecommendationDetail; draft: TransitionDraft; errors: FieldErrors }): SafeHtml {
  const { ctx, detail } = props;
  const r = detail.recommendation;
  return (
    <form method="post" action={`/work/recommendations/${r.id}/transition`} novalidate>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="expectedVersion" value={String(r.version)} />
      <RadiosField
        ctx={ctx}
        id="to"
        legend={ctx.t('staff.recommendation.moveTo')}
        hint={ctx.t('staff.recommendation.moveHint', { status: ctx.t(`status.${r.status}`) })}
        choices={detail.allowed.map((status) => ({ value: status, label: ctx.t(`status.${status}`) }))}
        value={props.draft.to}
        errors={props.errors}
      />
      <TranslatedField
        ctx={ctx}
        field="note"
        label={ctx.t('staff.field.note')}
        hint={ctx.t('staff.recommendation.noteHint')}
        kind="textarea"
        values={props.draft.note}
        errors={props.errors}
      />
      <TextField
        ctx={ctx}
        id="evidenceUrl"
        type="url"
        label={ctx.t('staff.field.evidenceUrl')}
        hint={ctx.t('staff.recommendation.evidenceHint')}
        value={props.draft.evidenceUrl}
        errors={props.errors}
        spellcheck={false}
      />
      <Button text={ctx.t('staff.recommendation.save')} />
    </form>
  );
}

function Timeline({ ctx, history }: { ctx: PageContext; history: StatusChange[] }): SafeHtml {
  return (
    <ol class="app-timeline govuk-list">
      {[...history].reverse().map((change) => (
        <li class="app-timeline__item">
          <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
            {change.fromStatus
              ? ctx.t('staff.history.moved', { from: ctx.t(`status.${change.fromStatus}`), to: ctx.t(`status.${change.toStatus}`) })
              : ctx.t('staff.history.created', { to: ctx.t(`status.${change.toStatus}`) })}
          </h3>
          <p class="govuk-body-s govuk-!-margin-bottom-1">
            {ctx.t('staff.history.byAt', { name: change.changedBy ?? '—', at: ctx.i18n.dateTime(change.changedAt) })}
          </p>
          {change.note ? <p class="govuk-body">{ctx.text(change.note)}</p> : null}
          {change.evidenceUrl ? (
            <p class="govuk-body">
              <a class="govuk-link" href={change.evidenceUrl} rel="noopener noreferrer">
                {ctx.t('staff.history.evidence')}
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** An "Edit" link after a record's name, for those who may edit it; the name completes the link's text for screen readers. */
function EditLink({ ctx, href, name }: { ctx: PageContext; href: string; name: string }): SafeHtml {
  return (
    <>
      {' '}
      <a class="govuk-link govuk-!-margin-left-2" href={href}>
        {ctx.t('staff.edit.link')}
        <span class="govuk-visually-hidden">{` ${name}`}</span>
      </a>
    </>
  );
}

function Facts({ ctx, detail, mayEdit }: { ctx: PageContext; detail: RecommendationDetail; mayEdit: boolean }): SafeHtml {
  const r = detail.recommendation;
  const rows: { key: string; value: SafeHtml | string }[] = [
    { key: ctx.t('staff.field.status'), value: <StatusTag ctx={ctx} status={r.status} /> },
    {
      key: ctx.t('staff.field.dueDate'),
      value: r.dueDate ? (
        <>
          {ctx.i18n.date(r.dueDate)} {detail.overdue ? <OverdueTag ctx={ctx} /> : null}
        </>
      ) : (
        '—'
      ),
    },
    {
      key: ctx.t('staff.field.meeting'),
      value: detail.meeting ? (
        <>
          {`${ctx.text.plain(detail.meeting.title)} (${ctx.i18n.date(detail.meeting.heldOn)})`}
          {mayEdit ? <EditLink ctx={ctx} href={editPath('meeting', detail.meeting.id)} name={ctx.text.plain(detail.meeting.title)} /> : null}
        </>
      ) : (
        '—'
      ),
    },
    { key: ctx.t('staff.field.responsible'), value: detail.organizations.length ? ctx.text.join(detail.organizations.map((o) => o.name), '; ') : '—' },
    ...(detail.maySeeOfficer
      ? [
          {
            key: ctx.t('staff.responsible.officer'),
            value: (
              <>
                {officerText(ctx, detail.officer)}
                {mayEdit ? <EditLink ctx={ctx} href={`/work/recommendations/${r.id}/officer`} name={ctx.t('staff.responsible.officer')} /> : null}
              </>
            ),
          },
        ]
      : []),
    {
      key: ctx.t('staff.frameworks.title'),
      value: (
        <>
          <FrameworkItemsValue ctx={ctx} items={detail.frameworkItems} />
          {mayEdit ? <EditLink ctx={ctx} href={`/work/recommendations/${r.id}/frameworks`} name={ctx.t('staff.frameworks.title')} /> : null}
        </>
      ),
    },
    {
      key: ctx.t('staff.field.barriers'),
      value: detail.barriers.length ? (
        <ul class="govuk-list govuk-list--bullet">
          {detail.barriers.map((b) => (
            <li>
              {ctx.text(b.title)}
              {mayEdit ? <EditLink ctx={ctx} href={editPath('barrier', b.id)} name={ctx.text.plain(b.title)} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        '—'
      ),
    },
    {
      key: ctx.t('staff.field.indicators'),
      value: detail.indicators.length ? (
        <ul class="govuk-list">
          {detail.indicators.map((i) => (
            <li>
              <a class="govuk-link" href={`/work/indicators/${i.id}`}>
                {`${i.code} — ${ctx.text.plain(i.name)}`}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        '—'
      ),
    },
  ];
  return (
    <dl class="govuk-summary-list">
      {rows.map((row) => (
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{row.key}</dt>
          <dd class="govuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RecommendationPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  detail: RecommendationDetail;
  draft: TransitionDraft;
  errors: FieldErrors;
  success: string | null;
  /** Set when the person's change met someone else's: what happened since the version they saw. */
  conflict: AuditEntry[] | null;
  /** EDITOR/ADMIN: a link to the form that edits the title and description in each language. */
  mayEditText?: boolean;
}): SafeHtml {
  const { ctx, detail } = props;
  const r = detail.recommendation;
  return (
    <StaffPage
      ctx={ctx}
      stylesheetHref={props.stylesheetHref}
      title={`${r.code}: ${ctx.text.plain(r.title)}`}
      errors={summaryOf(props.errors)}
      success={props.success}
      backLink={{ href: '/work', label: ctx.t('staff.backToWork') }}
    >
      {props.conflict ? <ConflictNotice ctx={ctx} changes={props.conflict} /> : null}
      <span class="govuk-caption-l">{r.code}</span>
      <h1 class="govuk-heading-l">{ctx.text(r.title)}</h1>
      <LanguagesOf ctx={ctx} translations={r.title} />
      {r.description ? <p class="govuk-body">{ctx.text(r.description)}</p> : null}
      {props.mayEditText ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`/work/recommendations/${r.id}/text`}>
            {ctx.t('staff.recommendation.edit')}
          </a>
        </p>
      ) : null}
      <Facts ctx={ctx} detail={detail} mayEdit={props.mayEditText ?? false} />
      {detail.mayTransition && detail.allowed.length ? (
        <section aria-labelledby="move-title">
          <h2 class="govuk-heading-m" id="move-title">
            {ctx.t('staff.recommendation.moveTitle')}
          </h2>
          <TransitionForm ctx={ctx} detail={detail} draft={props.draft} errors={props.errors} />
        </section>
      ) : detail.allowed.length === 0 ? (
        <p class="govuk-body">{ctx.t('staff.recommendation.final')}</p>
      ) : null}
      <h2 class="govuk-heading-m">{ctx.t('staff.recommendation.history')}</h2>
      <Timeline ctx={ctx} history={detail.history} />
    </StaffPage>
  );
}

/** Who changed the recommendation since the person loaded it, and what; their form is kept for a retry. */
function ConflictNotice({ ctx, changes }: { ctx: PageContext; changes: AuditEntry[] }): SafeHtml {
  return (
    <div class="govuk-notification-banner" role="region" aria-labelledby="conflict-title" data-conflict="true">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="conflict-title">
          {ctx.t('notification.important')}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{ctx.t('staff.conflict.heading')}</p>
        <ul class="govuk-list govuk-list--bullet">
          {changes.map((entry) => {
            const before = entry.before as { status?: RecommendationStatus } | null;
            const after = entry.after as { status?: RecommendationStatus } | null;
            const what =
              before?.status && after?.status && before.status !== after.status
                ? ctx.t('staff.conflict.moved', { from: ctx.t(`status.${before.status}`), to: ctx.t(`status.${after.status}`) })
                : ctx.t('staff.conflict.edited');
            return <li>{ctx.t('staff.conflict.entry', { name: entry.actorName, at: ctx.i18n.dateTime(entry.at), what })}</li>;
          })}
        </ul>
        <p class="govuk-body">{ctx.t('staff.conflict.retry')}</p>
      </div>
    </div>
  );
}
