import { h, SafeHtml } from '../../jsx/html';
import type { PageContext } from '../../layout/page-context';
import { StaffPage } from '../staff-layout';

/** One record in the list of records to edit: its label and its edit form's address. */
export interface EditableRecord {
  href: string;
  label: string;
}

/** "Edit a record": the meetings, barriers, action plans and indicators, each linking to its edit form. */
export function EditIndexPage(props: {
  ctx: PageContext;
  stylesheetHref: string;
  sections: { heading: string; records: EditableRecord[] }[];
  success: string | null;
}): SafeHtml {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.edit.title')} success={props.success}>
      <h1 class="govuk-heading-l">{ctx.t('staff.edit.title')}</h1>
      <p class="govuk-body">{ctx.t('staff.edit.intro')}</p>
      {props.sections.map((section) => (
        <section>
          <h2 class="govuk-heading-m">{section.heading}</h2>
          {section.records.length ? (
            <ul class="govuk-list govuk-list--spaced">
              {section.records.map((record) => (
                <li>
                  <a class="govuk-link" href={record.href}>
                    {record.label}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body">{ctx.t('staff.edit.none')}</p>
          )}
        </section>
      ))}
    </StaffPage>
  );
}
