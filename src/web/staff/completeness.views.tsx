import type { Translations } from '../../i18n/translations';
import type { OrganizationCompleteness } from '../../reporting-completeness/reporting-completeness.types';
import { Button } from '../components/button';
import { Select } from '../components/select';
import { h, SafeHtml } from '../jsx/html';
import { CompletenessTable } from '../layout/completeness-table';
import type { PageContext } from '../layout/page-context';
import { StaffPage } from './staff-layout';

/** Every organisation's reporting completeness in a year, one table each; the year chosen by a GET form. */
export function CompletenessPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  year: number;
  years: number[];
  asOf: string;
  organizations: OrganizationCompleteness[];
  names: Map<string, Translations>;
}): SafeHtml {
  const { ctx } = props;
  const date = ctx.i18n.date(props.asOf);
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('completeness.title')} backLink={{ href: '/work', label: ctx.t('staff.backToWork') }}>
      <h1 class="govuk-heading-l">{ctx.t('completeness.title')}</h1>
      <form method="get" action="/work/completeness" class="app-filters">
        {Select({
          id: 'year',
          name: 'year',
          label: { text: ctx.t('completeness.year') },
          value: String(props.year),
          items: props.years.map((y) => ({ value: String(y), text: String(y) })),
        })}
        <Button text={ctx.t('completeness.show')} classes="govuk-button--secondary" />
      </form>
      <p class="govuk-body">{ctx.t('completeness.intro', { year: String(props.year), date })}</p>
      {props.organizations.length === 0 ? (
        <p class="govuk-body">{ctx.t('completeness.none', { year: String(props.year), date })}</p>
      ) : (
        props.organizations.map((o) => (
          <CompletenessTable ctx={ctx} caption={ctx.text.plain(props.names.get(o.organizationId) ?? null) || o.organizationId} periods={o.periods} totals={o.totals} />
        ))
      )}
    </StaffPage>
  );
}
