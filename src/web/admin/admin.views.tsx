import type { UserListItem } from '../../accounts/users.service';
import type { AuditEntry } from '../../audit/audit-entry.entity';
import type { ApiToken } from '../../auth/api-token.entity';
import { Role } from '../../auth/role.enum';
import type { Organization } from '../../organizations/organization.entity';
import { Fragment, h, SafeHtml } from '../jsx/html';
import { CsrfField } from '../components/csrf-field';
import type { PageContext } from '../layout/page-context';
import type { FieldErrors } from '../forms/field-errors';
import { Button } from '../components/button';
import { summaryOf } from '../forms/field-errors';
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { RadiosField, SelectField, TextField } from '../forms/bound-controls';
import { StaffPage } from '../staff/staff-layout';

interface PageProps {
  ctx: PageContext;
  stylesheetHref: string;
}

function SmallButton(props: { ctx: PageContext; action: string; label: string; hidden: string; warning?: boolean }): SafeHtml {
  return (
    <form method="post" action={props.action} class="app-inline-form">
      <CsrfField ctx={props.ctx} />
      <button
        type="submit"
        class={`govuk-button govuk-!-margin-bottom-0 ${props.warning ? 'govuk-button--warning' : 'govuk-button--secondary'}`}
        data-module="govuk-button"
      >
        {props.label}
        <span class="govuk-visually-hidden"> {props.hidden}</span>
      </button>
    </form>
  );
}

export function UsersPage(props: PageProps & { users: UserListItem[]; success: string | null; selfId: string | null }): SafeHtml {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.admin.usersTitle')} success={props.success}>
      <h1 class="govuk-heading-l">{ctx.t('staff.admin.usersTitle')}</h1>
      <p class="govuk-body">
        <a class="govuk-button" href="/admin/users/new" role="button" draggable="false" data-module="govuk-button">
          {ctx.t('staff.admin.invite')}
        </a>{' '}
        <a class="govuk-link" href="/admin/tokens">
          {ctx.t('staff.admin.tokensTitle')}
        </a>{' '}
        <a class="govuk-link govuk-!-margin-left-2" href="/admin/webhooks">
          {ctx.t('staff.webhooks.title')}
        </a>{' '}
        <a class="govuk-link govuk-!-margin-left-2" href="/admin/organizations">
          {ctx.t('staff.admin.organizationsTitle')}
        </a>
      </p>
      <TableWrapper label={ctx.t('staff.admin.usersTitle')}>
        <Table
          caption={ctx.t('staff.admin.usersTitle')}
          captionClasses="govuk-visually-hidden"
          head={[
            { text: ctx.t('staff.field.displayName') },
            { text: ctx.t('staff.field.role') },
            { text: ctx.t('staff.admin.state') },
            { text: ctx.t('staff.admin.lastSignIn') },
            { text: ctx.t('staff.tokens.action') },
          ]}
          rows={props.users.map((user) => [
            {
              html: (
                <>
                  {user.displayName}
                  <br />
                  <span class="govuk-body-s">{user.email}</span>
                </>
              ),
            },
            {
              html: (
                <>
                  {ctx.t(`staff.role.${user.role}`)}
                  {user.organizationName ? (
                    <>
                      <br />
                      <span class="govuk-body-s">{ctx.text(user.organizationName)}</span>
                    </>
                  ) : null}
                </>
              ),
            },
            { text: user.deactivatedAt ? ctx.t('staff.admin.deactivated') : user.passwordHash ? ctx.t('staff.admin.active') : ctx.t('staff.admin.invited') },
            { text: user.lastSignInAt ? ctx.i18n.dateTime(user.lastSignInAt) : ctx.t('staff.never') },
            {
              html: (
                <div class="govuk-button-group govuk-!-margin-bottom-0">
                  {user.deactivatedAt ? (
                    <SmallButton ctx={ctx} action={`/admin/users/${user.id}/reactivate`} label={ctx.t('staff.admin.reactivate')} hidden={user.email} />
                  ) : (
                    <>
                      <SmallButton ctx={ctx} action={`/admin/users/${user.id}/reset`} label={ctx.t('staff.admin.newLink')} hidden={user.email} />
                      {user.id === props.selfId ? null : (
                        <SmallButton ctx={ctx} action={`/admin/users/${user.id}/deactivate`} label={ctx.t('staff.admin.deactivate')} hidden={user.email} warning />
                      )}
                    </>
                  )}
                </div>
              ),
            },
          ])}
        />
      </TableWrapper>
    </StaffPage>
  );
}

export interface InviteDraft {
  email: string;
  displayName: string;
  role: string;
  organizationId: string;
  preferredLanguage: string;
}

export function InvitePage(props: PageProps & { organizations: Organization[]; draft: InviteDraft; errors: FieldErrors }): SafeHtml {
  const { ctx, draft } = props;
  return (
    <StaffPage
      ctx={ctx}
      stylesheetHref={props.stylesheetHref}
      title={ctx.t('staff.admin.invite')}
      errors={summaryOf(props.errors)}
      backLink={{ href: '/admin/users', label: ctx.t('staff.admin.usersTitle') }}
    >
      <h1 class="govuk-heading-l">{ctx.t('staff.admin.invite')}</h1>
      <form method="post" action="/admin/users" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} id="email" type="email" label={ctx.t('staff.field.email')} value={draft.email} errors={props.errors} spellcheck={false} autocomplete="off" />
        <TextField ctx={ctx} id="displayName" label={ctx.t('staff.field.displayName')} value={draft.displayName} errors={props.errors} />
        <RadiosField
          ctx={ctx}
          id="role"
          legend={ctx.t('staff.field.role')}
          choices={Object.values(Role).map((role) => ({ value: role, label: ctx.t(`staff.role.${role}`), hint: ctx.t(`staff.roleHint.${role}`) }))}
          value={draft.role}
          errors={props.errors}
        />
        <SelectField
          ctx={ctx}
          id="organizationId"
          label={ctx.t('staff.field.organization')}
          hint={ctx.t('staff.admin.organizationHint')}
          choices={[{ value: '', label: ctx.t('staff.admin.noOrganization') }, ...props.organizations.map((o) => ({ value: o.id, label: ctx.text.plain(o.name) }))]}
          value={draft.organizationId}
          errors={props.errors}
        />
        <SelectField
          ctx={ctx}
          id="preferredLanguage"
          label={ctx.t('staff.field.language')}
          choices={[
            { value: 'ky', label: 'Кыргызча' },
            { value: 'ru', label: 'Русский' },
            { value: 'en', label: 'English' },
          ]}
          value={draft.preferredLanguage}
          errors={props.errors}
        />
        <Button text={ctx.t('staff.admin.sendInvite')} />
      </form>
    </StaffPage>
  );
}

export function TokensPage(props: PageProps & { tokens: ApiToken[]; organizations: Organization[]; errors: FieldErrors; draft: { name: string; role: string; organizationId: string }; success: string | null }): SafeHtml {
  const { ctx } = props;
  const orgName = (id: string | null) => ctx.text.plain(props.organizations.find((o) => o.id === id)?.name) || '—';
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.admin.tokensTitle')} errors={summaryOf(props.errors)} success={props.success}>
      <h1 class="govuk-heading-l">{ctx.t('staff.admin.tokensTitle')}</h1>
      <TableWrapper label={ctx.t('staff.admin.tokensTitle')}>
        <Table
          caption={ctx.t('staff.admin.tokensTitle')}
          captionClasses="govuk-visually-hidden"
          head={[{ text: ctx.t('staff.tokens.name') }, { text: ctx.t('staff.field.role') }, { text: ctx.t('staff.tokens.lastUsed') }, { text: ctx.t('staff.tokens.action') }]}
          rows={props.tokens.map((token) => [
            { text: token.name },
            { text: `${ctx.t(`staff.role.${token.role}`)}${token.organizationId ? ` (${orgName(token.organizationId)})` : ''}` },
            { text: token.lastUsedAt ? ctx.i18n.dateTime(token.lastUsedAt) : ctx.t('staff.never') },
            {
              html: token.revokedAt ? (
                ctx.t('staff.tokens.revoked')
              ) : (
                <SmallButton ctx={ctx} action={`/admin/tokens/${token.id}/revoke`} label={ctx.t('staff.tokens.revoke')} hidden={token.name} warning />
              ),
            },
          ])}
        />
      </TableWrapper>
      <h2 class="govuk-heading-m">{ctx.t('staff.tokens.create')}</h2>
      <form method="post" action="/admin/tokens" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} id="name" label={ctx.t('staff.tokens.newName')} value={props.draft.name} errors={props.errors} classes="govuk-input--width-20" />
        <SelectField ctx={ctx} id="role" label={ctx.t('staff.field.role')} choices={Object.values(Role).map((r) => ({ value: r, label: ctx.t(`staff.role.${r}`) }))} value={props.draft.role} errors={props.errors} />
        <SelectField
          ctx={ctx}
          id="organizationId"
          label={ctx.t('staff.field.organization')}
          hint={ctx.t('staff.admin.organizationHint')}
          choices={[{ value: '', label: ctx.t('staff.admin.noOrganization') }, ...props.organizations.map((o) => ({ value: o.id, label: ctx.text.plain(o.name) }))]}
          value={props.draft.organizationId}
          errors={props.errors}
        />
        <Button classes="govuk-button--secondary" text={ctx.t('staff.tokens.create')} />
      </form>
    </StaffPage>
  );
}

export function AuditPage(
  props: PageProps & { entries: AuditEntry[]; entityTypes: string[]; filters: { entityType: string; entityId: string }; nextHref: string | null; total: number },
): SafeHtml {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.audit.title')}>
      <h1 class="govuk-heading-l">{ctx.t('staff.audit.title')}</h1>
      <form method="get" action="/admin/audit">
        <SelectField
          ctx={ctx}
          id="entityType"
          label={ctx.t('staff.audit.entityType')}
          choices={[{ value: '', label: ctx.t('staff.audit.allTypes') }, ...props.entityTypes.map((t) => ({ value: t, label: t }))]}
          value={props.filters.entityType}
          errors={{}}
        />
        <TextField ctx={ctx} id="entityId" label={ctx.t('staff.audit.entityId')} hint={ctx.t('staff.audit.entityIdHint')} value={props.filters.entityId} errors={{}} spellcheck={false} />
        <Button classes="govuk-button--secondary" text={ctx.t('staff.downloads.apply')} />
      </form>
      <p class="govuk-body">{ctx.t('staff.audit.count', { count: props.total })}</p>
      <TableWrapper label={ctx.t('staff.audit.title')}>
        <Table
          caption={ctx.t('staff.audit.title')}
          captionClasses="govuk-visually-hidden"
          head={[{ text: ctx.t('staff.audit.when') }, { text: ctx.t('staff.audit.who') }, { text: ctx.t('staff.audit.action') }, { text: ctx.t('staff.audit.record') }]}
          rows={props.entries.map((entry) => [
            { text: ctx.i18n.dateTime(entry.at) },
            { text: entry.actorName },
            { html: <code>{entry.action}</code> },
            {
              html: (
                <a class="govuk-link" href={`/admin/audit?entityType=${encodeURIComponent(entry.entityType)}&entityId=${entry.entityId}`}>
                  {`${entry.entityType} ${entry.entityId.slice(0, 8)}`}
                </a>
              ),
            },
          ])}
        />
      </TableWrapper>
      {props.nextHref ? (
        <nav class="govuk-pagination govuk-pagination--block" aria-label={ctx.t('pagination.label')}>
          <div class="govuk-pagination__next">
            <a class="govuk-link govuk-pagination__link" href={props.nextHref} rel="next">
              <span class="govuk-pagination__link-title">{ctx.t('pagination.next')}</span>
            </a>
          </div>
        </nav>
      ) : null}
    </StaffPage>
  );
}
