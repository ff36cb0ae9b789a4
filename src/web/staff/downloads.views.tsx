import type { ActionPlan } from '../../action-plan/action-plan.entity';
import { RecommendationStatus } from '../../recommendations/recommendation.enums';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { Button } from '../components/button';
import { SelectField } from '../forms/bound-controls';
import { StaffPage } from './staff-layout';

export interface DownloadFilters {
  year: number;
  planId: string | null;
  statuses: RecommendationStatus[];
  overdue: boolean;
}

function query(params: Record<string, string | string[] | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const item of value) search.append(key, item);
    else if (value) search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function DownloadRow({ title, description, links }: { title: string; description: string; links: { href: string; label: string }[] }): SafeHtml {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{title}</dt>
      <dd class="govuk-summary-list__value">{description}</dd>
      <dd class="govuk-summary-list__actions">
        <ul class="govuk-summary-list__actions-list">
          {links.map((link) => (
            <li class="govuk-summary-list__actions-list-item">
              <a class="govuk-link" href={link.href} download="">
                {link.label}
                <span class="govuk-visually-hidden"> {title}</span>
              </a>
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}

export function DownloadsPage(props: { ctx: PageContext; stylesheetHref: string; plans: ActionPlan[]; years: number[]; filters: DownloadFilters }): SafeHtml {
  const { ctx, filters } = props;
  // The files come in the page's language (their headers, labels and sheet names).
  const lang = ctx.locale;
  const recommendationQuery = query({ status: filters.statuses, overdue: filters.overdue ? 'true' : null, lang });
  const planQuery = query({ actionPlanId: filters.planId, lang });
  const yearQuery = query({ actionPlanId: filters.planId, year: String(filters.year), lang });
  const both = (path: string, q: string) => [
    { href: `/exports/${path}.csv${q}`, label: 'CSV' },
    { href: `/exports/${path}.xlsx${q}`, label: 'XLSX' },
  ];
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.downloads.title')}>
      <h1 class="govuk-heading-l">{ctx.t('staff.downloads.title')}</h1>
      <form method="get" action="/work/downloads">
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <SelectField ctx={ctx} id="year" label={ctx.t('staff.downloads.year')} choices={props.years.map((y) => ({ value: String(y), label: String(y) }))} value={String(filters.year)} errors={{}} />
            <SelectField
              ctx={ctx}
              id="plan"
              label={ctx.t('staff.downloads.plan')}
              choices={[{ value: '', label: ctx.t('staff.downloads.allPlans') }, ...props.plans.map((p) => ({ value: p.id, label: `${p.code}: ${ctx.text.plain(p.title)}` }))]}
              value={filters.planId ?? ''}
              errors={{}}
            />
          </div>
          <div class="govuk-grid-column-one-half">
            <div class="govuk-form-group">
              <fieldset class="govuk-fieldset">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{ctx.t('staff.downloads.statuses')}</legend>
                <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                  {Object.values(RecommendationStatus).map((status, index) => (
                    <div class="govuk-checkboxes__item">
                      <input
                        class="govuk-checkboxes__input"
                        id={index === 0 ? 'status' : `status-${index + 1}`}
                        name="status"
                        type="checkbox"
                        value={status}
                        checked={filters.statuses.includes(status)}
                      />
                      <label class="govuk-label govuk-checkboxes__label" for={index === 0 ? 'status' : `status-${index + 1}`}>
                        {ctx.t(`status.${status}`)}
                      </label>
                    </div>
                  ))}
                  <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id="overdue" name="overdue" type="checkbox" value="true" checked={filters.overdue} />
                    <label class="govuk-label govuk-checkboxes__label" for="overdue">
                      {ctx.t('staff.downloads.overdueOnly')}
                    </label>
                  </div>
                </div>
              </fieldset>
            </div>
          </div>
        </div>
        <Button classes="govuk-button--secondary" text={ctx.t('staff.downloads.apply')} />
      </form>
      <h2 class="govuk-heading-m">{ctx.t('staff.downloads.files')}</h2>
      <dl class="govuk-summary-list">
        <DownloadRow title={ctx.t('staff.downloads.recommendations')} description={ctx.t('staff.downloads.recommendationsText')} links={both('recommendations', recommendationQuery)} />
        <DownloadRow title={ctx.t('staff.downloads.history')} description={ctx.t('staff.downloads.historyText')} links={both('status-history', query({ lang }))} />
        <DownloadRow title={ctx.t('staff.downloads.deadlines')} description={ctx.t('staff.downloads.deadlinesText')} links={both('deadline-changes', query({ lang }))} />
        <DownloadRow title={ctx.t('staff.downloads.indicators')} description={ctx.t('staff.downloads.indicatorsText', { year: String(filters.year) })} links={both('indicators', yearQuery)} />
        <DownloadRow title={ctx.t('staff.downloads.values')} description={ctx.t('staff.downloads.valuesText')} links={both('indicator-values', planQuery)} />
        <DownloadRow
          title={ctx.t('staff.downloads.workbook')}
          description={ctx.t('staff.downloads.workbookText')}
          links={[{ href: `/exports/workbook.xlsx${yearQuery}`, label: 'XLSX' }]}
        />
        <DownloadRow
          title={ctx.t('staff.downloads.report')}
          description={ctx.t('staff.downloads.reportText', { year: String(filters.year) })}
          links={[{ href: `/reports/progress.pdf${yearQuery}`, label: 'PDF' }]}
        />
      </dl>
    </StaffPage>
  );
}
