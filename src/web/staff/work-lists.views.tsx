import type { QueuedVersion, VersionOfPeriod } from '../../action-plan/indicator-value-versions.repository';
import type { Deadline } from '../../reminders/calendar.repository';
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { Tag } from '../components/tag';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { periodText } from '../layout/completeness-table';
import type { PageContext } from '../layout/page-context';

/** The three lists at the top of /work: deadlines ahead and past (the calendar feed's, one source), and what waits for me. */
export interface WorkLists {
  daysAhead: number;
  today: string;
  upcoming: Deadline[];
  late: Deadline[];
  /** Values waiting for this reviewer (ADMIN, EDITOR; empty for others). */
  toReview: QueuedVersion[];
  /** This person's values returned to them. */
  returned: VersionOfPeriod[];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function deadlineLink(ctx: PageContext, d: Deadline): SafeHtml {
  const href = d.type === 'Recommendation' ? `/work/recommendations/${d.id}` : `/work/indicators/${d.id}`;
  const label =
    d.type === 'Recommendation'
      ? `${d.code}: ${d.title ? ctx.text.plain(d.title) : ''}`
      : ctx.t('staff.work.lists.indicatorPeriod', { indicator: d.code, period: periodText(ctx, d.period ?? '') });
  return (
    <a class="govuk-link" href={href}>
      {label}
    </a>
  );
}

function DeadlineTable(props: { ctx: PageContext; id: string; caption: string; rows: Deadline[]; today: string; late: boolean }): SafeHtml {
  const { ctx } = props;
  return (
    <TableWrapper labelledBy={props.id}>
      {Table({
        caption: props.caption,
        captionClasses: 'govuk-visually-hidden',
        attributes: { 'data-list': props.late ? 'late' : 'upcoming' },
        head: [{ text: ctx.t('staff.work.lists.what') }, { text: ctx.t('staff.work.dueOn') }],
        rows: props.rows.map((d) => {
          const days = props.late ? daysBetween(d.dueOn, props.today) : daysBetween(props.today, d.dueOn);
          return [
            { html: deadlineLink(ctx, d) },
            {
              html: (
                <>
                  {ctx.i18n.date(d.dueOn)}{' '}
                  {props.late
                    ? Tag({ text: ctx.t('staff.work.overdueDays', { days }), classes: 'govuk-tag--red' })
                    : Tag({ text: ctx.t('staff.work.lists.inDays', { days }), classes: 'govuk-tag--yellow' })}
                </>
              ),
            },
          ];
        }),
        rowAttributes: props.rows.map((d) => ({ 'data-deadline': d.type === 'Recommendation' ? d.code : `${d.code}/${d.period ?? ''}` })),
      })}
    </TableWrapper>
  );
}

/** /work's lists: due in the next days, late, and waiting for me (to review; returned to me). */
export function WorkListsSections({ ctx, lists }: { ctx: PageContext; lists: WorkLists }): SafeHtml {
  const waiting = [
    ...lists.toReview.map((q) => ({
      key: q.version.id,
      html: (
        <a class="govuk-link" href="/work/review">
          {ctx.t('staff.work.lists.indicatorPeriod', { indicator: q.indicatorCode, period: periodText(ctx, q.period) })}
        </a>
      ),
      what: ctx.t('staff.work.lists.toReview'),
    })),
    ...lists.returned.map((r) => ({
      key: r.version.id,
      html: (
        <a class="govuk-link" href={`/work/indicators/${r.indicatorId}?correct=${encodeURIComponent(r.period)}#record-title`}>
          {ctx.t('staff.work.lists.indicatorPeriod', { indicator: r.indicatorCode, period: periodText(ctx, r.period) })}
        </a>
      ),
      what: ctx.t('staff.work.lists.returnedToYou'),
    })),
  ];
  return (
    <>
      <h2 class="govuk-heading-m" id="work-upcoming">
        {ctx.t('staff.work.lists.upcoming', { days: lists.daysAhead })}
      </h2>
      {lists.upcoming.length ? (
        <DeadlineTable ctx={ctx} id="work-upcoming" caption={ctx.t('staff.work.lists.upcomingCaption')} rows={lists.upcoming} today={lists.today} late={false} />
      ) : (
        <p class="govuk-body">{ctx.t('staff.work.lists.noneUpcoming', { days: lists.daysAhead })}</p>
      )}
      <h2 class="govuk-heading-m" id="work-late">
        {ctx.t('staff.work.lists.late')}
      </h2>
      {lists.late.length ? (
        <DeadlineTable ctx={ctx} id="work-late" caption={ctx.t('staff.work.lists.lateCaption')} rows={lists.late} today={lists.today} late={true} />
      ) : (
        <p class="govuk-body">{ctx.t('staff.work.lists.noneLate')}</p>
      )}
      <h2 class="govuk-heading-m" id="work-for-me">
        {ctx.t('staff.work.lists.forMe')}
      </h2>
      {waiting.length ? (
        <TableWrapper labelledBy="work-for-me">
          {Table({
            caption: ctx.t('staff.work.lists.forMeCaption'),
            captionClasses: 'govuk-visually-hidden',
            attributes: { 'data-list': 'for-me' },
            head: [{ text: ctx.t('staff.work.lists.what') }, { text: ctx.t('staff.work.lists.action') }],
            rows: waiting.map((w) => [{ html: w.html }, { text: w.what }]),
            rowAttributes: waiting.map((w) => ({ 'data-version-id': w.key })),
          })}
        </TableWrapper>
      ) : (
        <p class="govuk-body">{ctx.t('staff.work.lists.noneForMe')}</p>
      )}
    </>
  );
}
