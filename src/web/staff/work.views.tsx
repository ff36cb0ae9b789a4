import type { Translations } from '../../i18n/translations';
import type { Indicator } from '../../action-plan/indicator.entity';
import type { Recommendation } from '../../recommendations/recommendation.entity';
import { Fragment, h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { TableWrapper } from '../components/table-wrapper';
import { OverdueTag, StatusTag } from '../components/status-tag';
import { OwnValues, OwnValuesSections } from './own-values.views';
import { StaffPage } from './staff-layout';
import type { ExpectedValue } from '../../reporting-completeness/reporting-completeness.types';
import { ExpectedValueStatus } from '../../reporting-completeness/reporting-completeness.types';
import { Table } from '../components/table';
import { Tag } from '../components/tag';
import { periodText } from '../layout/completeness-table';
import { WorkLists, WorkListsSections } from './work-lists.views';

export interface WorkItem {
  recommendation: Recommendation;
  overdue: boolean;
}

export function WorkPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  organizationName: Translations | null;
  items: WorkItem[];
  awaiting: Indicator[];
  period: { year: number; quarter: number };
  /** Values the person submitted: returned to them, waiting for review (null for those who submit none). */
  own: OwnValues | null;
  /** Values owed: overdue ones and those due within `dueSoonDays`, by due date. */
  owed: ExpectedValue[];
  dueSoonDays: number;
  /** Due soon, late, waiting for me. */
  lists: WorkLists;
}): SafeHtml {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.work.title')}>
      <h1 class="govuk-heading-l">{ctx.t('staff.work.title')}</h1>
      <p class="govuk-body-l">
        {props.organizationName ? ctx.t('staff.work.forOrganization', { organization: ctx.text.plain(props.organizationName) }) : ctx.t('staff.work.forAll')}
      </p>
      <WorkListsSections ctx={ctx} lists={props.lists} />
      {props.own ? <OwnValuesSections ctx={ctx} own={props.own} /> : null}
      <h2 class="govuk-heading-m">{ctx.t('staff.work.recommendations', { count: props.items.length })}</h2>
      {props.items.length ? (
        <TableWrapper label={ctx.t('staff.work.recommendationsCaption')}>
<Table
          caption={ctx.t('staff.work.recommendationsCaption')}
          captionClasses="govuk-visually-hidden"
          head={[{ text: ctx.t('staff.field.recommendation') }, { text: ctx.t('staff.field.status') }, { text: ctx.t('staff.field.dueDate') }]}
          rows={props.items.map(({ recommendation: r, overdue }) => [
            {
              html: (
                <a class="govuk-link" href={`/work/recommendations/${r.id}`}>
                  {`${r.code}: ${ctx.text.plain(r.title)}`}
                </a>
              ),
            },
            { html: <StatusTag ctx={ctx} status={r.status} /> },
            {
              html: (
                <>
                  {r.dueDate ? ctx.i18n.date(r.dueDate) : '—'}
                  {overdue ? (
                    <>
                      {' '}
                      <OverdueTag ctx={ctx} />
                    </>
                  ) : null}
                </>
              ),
            },
          ])}
        />
</TableWrapper>
      ) : (
        <p class="govuk-body">{ctx.t('staff.work.noRecommendations')}</p>
      )}
      <h2 class="govuk-heading-m">
        {ctx.t('staff.work.awaiting', { period: ctx.t('staff.period.quarter', { year: String(props.period.year), quarter: props.period.quarter }) })}
      </h2>
      {props.awaiting.length ? (
        <ul class="govuk-list govuk-list--bullet">
          {props.awaiting.map((indicator) => (
            <li>
              <a class="govuk-link" href={`/work/indicators/${indicator.id}`}>
                {`${indicator.code}: ${ctx.text.plain(indicator.name)}`}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{ctx.t('staff.work.noneAwaiting')}</p>
      )}
      <h2 class="govuk-heading-m" id="work-owed">
        {ctx.t('staff.work.dueValues', { days: props.dueSoonDays })}
      </h2>
      {props.owed.length ? (
        <TableWrapper labelledBy="work-owed">
          {Table({
            caption: ctx.t('staff.work.dueCaption'),
            captionClasses: 'govuk-visually-hidden',
            attributes: { 'data-table': 'owed-values' },
            head: [{ text: ctx.t('table.indicator') }, { text: ctx.t('completeness.period') }, { text: ctx.t('staff.work.dueOn') }, { text: ctx.t('staff.field.status') }],
            rows: props.owed.map((v) => [
              {
                html: (
                  <a class="govuk-link" href={`/work/indicators/${v.indicatorId}`}>
                    {v.indicatorCode}
                  </a>
                ),
              },
              { text: periodText(ctx, v.period) },
              { text: ctx.i18n.date(v.dueOn) },
              {
                html:
                  v.status === ExpectedValueStatus.OVERDUE
                    ? Tag({ text: ctx.t('staff.work.overdueDays', { days: v.daysLate }), classes: 'govuk-tag--red' })
                    : Tag({ text: ctx.t('staff.work.dueSoon'), classes: 'govuk-tag--yellow' }),
              },
            ]),
            rowAttributes: props.owed.map((v) => ({ 'data-owed': `${v.indicatorCode}/${v.period}`, 'data-status': v.status })),
          })}
        </TableWrapper>
      ) : (
        <p class="govuk-body">{ctx.t('staff.work.noneDue', { days: props.dueSoonDays })}</p>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href="/work/completeness">
          {ctx.t('staff.work.completenessLink')}
        </a>
      </p>
    </StaffPage>
  );
}
