import type { Organization } from '../../organizations/organization.entity';
import type { StaffMember } from '../../responsibility/staff-member.type';
import { CsrfField } from '../components/csrf-field';
import { Button } from '../components/button';
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { CheckboxesField } from '../forms/bound-controls';
import type { FieldErrors } from '../forms/field-errors';
import { summaryOf } from '../forms/field-errors';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { StaffPage } from '../staff/staff-layout';

interface PageProps {
  ctx: PageContext;
  stylesheetHref: string;
}

function names(ctx: PageContext, members: StaffMember[] | undefined): string {
  return members?.length ? members.map((m) => m.displayName).join(', ') : ctx.t('staff.responsible.noFocalPoints');
}

/** /admin/organizations: every organisation with its focal points, each with a link to change them. */
export function OrganizationsPage(props: PageProps & { organizations: Organization[]; focalPoints: Map<string, StaffMember[]>; success: string | null }): SafeHtml {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.admin.organizationsTitle')} success={props.success}>
      <h1 class="govuk-heading-l">{ctx.t('staff.admin.organizationsTitle')}</h1>
      <p class="govuk-body">{ctx.t('staff.admin.focalPointsIntro')}</p>
      <TableWrapper label={ctx.t('staff.admin.organizationsTitle')}>
        <Table
          caption={ctx.t('staff.admin.organizationsTitle')}
          captionClasses="govuk-visually-hidden"
          head={[{ text: ctx.t('staff.field.organization') }, { text: ctx.t('staff.responsible.focalPoints') }, { html: <span class="govuk-visually-hidden">{ctx.t('staff.admin.changeFocalPoints')}</span> }]}
          rowAttributes={props.organizations.map((o) => ({ 'data-organization': o.id }))}
          rows={props.organizations.map((o) => [
            { text: ctx.text.plain(o.name) },
            { text: names(ctx, props.focalPoints.get(o.id)) },
            {
              html: (
                <a class="govuk-link" href={`/admin/organizations/${o.id}`}>
                  {ctx.t('staff.admin.changeFocalPoints')}
                  <span class="govuk-visually-hidden">{` ${ctx.text.plain(o.name)}`}</span>
                </a>
              ),
            },
          ])}
        />
      </TableWrapper>
    </StaffPage>
  );
}

/** /admin/organizations/{id}: the organisation's focal points, chosen among its active MINISTRY users. */
export function FocalPointsPage(props: PageProps & { organization: Organization; eligible: StaffMember[]; chosen: string[]; errors: FieldErrors }): SafeHtml {
  const { ctx, organization } = props;
  const name = ctx.text.plain(organization.name);
  return (
    <StaffPage
      ctx={ctx}
      stylesheetHref={props.stylesheetHref}
      title={ctx.t('staff.admin.focalPointsTitle', { organization: name })}
      errors={summaryOf(props.errors)}
      backLink={{ href: '/admin/organizations', label: ctx.t('staff.admin.organizationsTitle') }}
    >
      <h1 class="govuk-heading-l">{ctx.t('staff.admin.focalPointsTitle', { organization: name })}</h1>
      <p class="govuk-body">{ctx.t('staff.admin.focalPointsIntro')}</p>
      {props.eligible.length ? (
        <form method="post" action={`/admin/organizations/${organization.id}`} novalidate>
          <CsrfField ctx={ctx} />
          <CheckboxesField
            ctx={ctx}
            id="userIds"
            legend={ctx.t('staff.responsible.focalPoints')}
            hint={ctx.t('staff.admin.focalPointsHint')}
            choices={props.eligible.map((m) => ({ value: m.id, label: m.displayName }))}
            values={props.chosen}
            errors={props.errors}
          />
          <Button text={ctx.t('staff.admin.saveFocalPoints')} />
        </form>
      ) : (
        <p class="govuk-body">{ctx.t('staff.admin.noEligible')}</p>
      )}
    </StaffPage>
  );
}
