import type { Translations } from '../../i18n/translations';
import type { ApiToken } from '../../auth/api-token.entity';
import type { User } from '../../accounts/user.entity';
import { h, SafeHtml } from '../jsx/html';
import { CsrfField } from '../components/csrf-field';
import type { PageContext } from '../layout/page-context';
import type { FieldErrors } from '../forms/field-errors';
import { Button } from '../components/button';
import { summaryOf } from '../forms/field-errors';
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { SelectField, TextField } from '../forms/bound-controls';
import { kindName } from '../../notifications/notification-mail';
import type { MailDelivery } from '../../notifications/notification-preference.entity';
import { deliveriesFor, type KindPreference } from '../../notifications/notifications.service';
import { StaffPage } from './staff-layout';

interface PageProps {
  ctx: PageContext;
  stylesheetHref: string;
}

export function SignInPage(props: PageProps & { email: string; next: string; errors: FieldErrors; notice?: string | null }): SafeHtml {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.signIn.title')} errors={summaryOf(props.errors)} success={props.notice}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{ctx.t('staff.signIn.title')}</h1>
          <form method="post" action="/sign-in" novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="next" value={props.next} />
            <TextField ctx={ctx} id="email" label={ctx.t('staff.field.email')} type="email" autocomplete="username" spellcheck={false} value={props.email} errors={props.errors} />
            <TextField ctx={ctx} id="password" label={ctx.t('staff.field.password')} type="password" autocomplete="current-password" errors={props.errors} />
            <Button text={ctx.t('staff.signIn.button')} />
          </form>
          <p class="govuk-body">{ctx.t('staff.signIn.forgotten')}</p>
        </div>
      </div>
    </StaffPage>
  );
}

export function SetPasswordPage(props: PageProps & { user: Pick<User, 'email'>; secret: string; errors: FieldErrors }): SafeHtml {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.setPassword.title')} errors={summaryOf(props.errors)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{ctx.t('staff.setPassword.title')}</h1>
          <p class="govuk-body">{ctx.t('staff.setPassword.for', { email: props.user.email })}</p>
          <form method="post" action={`/account/set-password/${encodeURIComponent(props.secret)}`} novalidate>
            <CsrfField ctx={ctx} />
            <TextField
              ctx={ctx}
              id="password"
              label={ctx.t('staff.field.newPassword')}
              hint={ctx.t('staff.setPassword.hint')}
              type="password"
              autocomplete="new-password"
              errors={props.errors}
            />
            <TextField ctx={ctx} id="confirm" label={ctx.t('staff.field.confirmPassword')} type="password" autocomplete="new-password" errors={props.errors} />
            <Button text={ctx.t('staff.setPassword.button')} />
          </form>
        </div>
      </div>
    </StaffPage>
  );
}

export function LinkInvalidPage(props: PageProps): SafeHtml {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.setPassword.invalidTitle')}>
      <h1 class="govuk-heading-l">{ctx.t('staff.setPassword.invalidTitle')}</h1>
      <p class="govuk-body">{ctx.t('staff.setPassword.invalid')}</p>
    </StaffPage>
  );
}

export function AccountPage(
  props: PageProps & {
    user: User;
    organizationName: Translations | null;
    tokens: ApiToken[];
    errors: FieldErrors;
    tokenName: string;
    success: string | null;
    /** Whether the person has a calendar feed. */
    calendarFeed: boolean;
    /** The person's mail choice per kind of notification. */
    mail: KindPreference[];
    /** The mail choices as posted (shown again with their problems), by kind. */
    mailValues?: Record<string, string>;
  },
): SafeHtml {
  const { ctx, user } = props;
  const i18n = ctx.i18n;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.account.title')} errors={summaryOf(props.errors)} success={props.success}>
      <h1 class="govuk-heading-l">{ctx.t('staff.account.title')}</h1>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{ctx.t('staff.field.displayName')}</dt>
          <dd class="govuk-summary-list__value">{user.displayName}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{ctx.t('staff.field.email')}</dt>
          <dd class="govuk-summary-list__value">{user.email}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{ctx.t('staff.field.role')}</dt>
          <dd class="govuk-summary-list__value">{ctx.t(`staff.role.${user.role}`)}</dd>
        </div>
        {props.organizationName ? (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{ctx.t('staff.field.organization')}</dt>
            <dd class="govuk-summary-list__value">{ctx.text(props.organizationName)}</dd>
          </div>
        ) : null}
      </dl>

      <h2 class="govuk-heading-m">{ctx.t('staff.account.sessionsTitle')}</h2>
      <p class="govuk-body">{ctx.t('staff.account.sessionsText')}</p>
      <form method="post" action="/account/sign-out-everywhere">
        <CsrfField ctx={ctx} />
        <Button classes="govuk-button--warning" text={ctx.t('staff.account.signOutEverywhere')} />
      </form>

      <h2 class="govuk-heading-m">{ctx.t('staff.tokens.title')}</h2>
      <p class="govuk-body">{ctx.t('staff.tokens.text')}</p>
      {props.tokens.length ? (
        <TableWrapper label={ctx.t('staff.tokens.caption')}>
          <Table
            caption={ctx.t('staff.tokens.caption')}
            captionClasses="govuk-table__caption--s"
            head={[{ text: ctx.t('staff.tokens.name') }, { text: ctx.t('staff.tokens.created') }, { text: ctx.t('staff.tokens.lastUsed') }, { text: ctx.t('staff.tokens.action') }]}
            rows={props.tokens.map((token) => [
              { text: token.name },
              { text: i18n.dateTime(token.createdAt) },
              { text: token.lastUsedAt ? i18n.dateTime(token.lastUsedAt) : ctx.t('staff.never') },
              {
                html: token.revokedAt ? (
                  ctx.t('staff.tokens.revoked')
                ) : (
                  <form method="post" action={`/account/tokens/${token.id}/revoke`}>
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button">
                      {ctx.t('staff.tokens.revoke')}
                      <span class="govuk-visually-hidden"> {token.name}</span>
                    </button>
                  </form>
                ),
              },
            ])}
          />
        </TableWrapper>
      ) : (
        <p class="govuk-body">{ctx.t('staff.tokens.none')}</p>
      )}
      <form method="post" action="/account/tokens" novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} id="name" label={ctx.t('staff.tokens.newName')} hint={ctx.t('staff.tokens.newNameHint')} value={props.tokenName} errors={props.errors} classes="govuk-input--width-20" />
        <Button classes="govuk-button--secondary" text={ctx.t('staff.tokens.create')} />
      </form>

      <MailPreferencesSection ctx={ctx} mail={props.mail} values={props.mailValues} errors={props.errors} />

      <h2 class="govuk-heading-m">{ctx.t('staff.calendar.title')}</h2>
      <p class="govuk-body">{ctx.t('staff.calendar.text')}</p>
      <p class="govuk-body">{ctx.t(props.calendarFeed ? 'staff.calendar.active' : 'staff.calendar.none')}</p>
      <div class="govuk-button-group">
        <form method="post" action="/account/calendar">
          <CsrfField ctx={ctx} />
          <Button classes="govuk-button--secondary" text={ctx.t(props.calendarFeed ? 'staff.calendar.replace' : 'staff.calendar.create')} />
        </form>
        {props.calendarFeed ? (
          <form method="post" action="/account/calendar/revoke">
            <CsrfField ctx={ctx} />
            <Button classes="govuk-button--warning" text={ctx.t('staff.calendar.revoke')} />
          </form>
        ) : null}
      </div>
    </StaffPage>
  );
}

/** The id (and name) of the mail choice control of a kind. */
export function mailControl(kind: string): string {
  return `mail-${kind}`;
}

/** Each kind of notification with how it reaches the person by mail; one form, one button (escalations: not OFF). */
function MailPreferencesSection(props: { ctx: PageContext; mail: KindPreference[]; values?: Record<string, string>; errors: FieldErrors }): SafeHtml {
  const { ctx } = props;
  return (
    <section aria-labelledby="mail">
      <h2 class="govuk-heading-m" id="mail">
        {ctx.t('staff.mailPreferences.title')}
      </h2>
      <p class="govuk-body">{ctx.t('staff.mailPreferences.text')}</p>
      <form method="post" action="/account/mail" novalidate>
        <CsrfField ctx={ctx} />
        {props.mail.map((preference) => (
          <SelectField
            ctx={ctx}
            id={mailControl(preference.kind)}
            label={ctx.t('staff.mailPreferences.deliveryFor', { kind: kindName(ctx.t, preference.kind) })}
            hint={preference.canTurnOff ? undefined : ctx.t('staff.mailPreferences.escalationHint')}
            choices={deliveriesFor(preference.kind).map((delivery: MailDelivery) => ({ value: delivery, label: ctx.t(`staff.mailPreferences.${delivery}`) }))}
            value={props.values?.[preference.kind] ?? preference.delivery}
            errors={props.errors}
          />
        ))}
        <Button classes="govuk-button--secondary" text={ctx.t('staff.mailPreferences.save')} />
      </form>
    </section>
  );
}

/** A secret shown once: a new personal token, or an invitation or reset link for the admin to pass on. */
export function ShownOncePage(props: PageProps & { title: string; intro: string; secret: string; label: string; back: { href: string; label: string } }): SafeHtml {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={props.title}>
      <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">{props.title}</h1>
      </div>
      <p class="govuk-body">{props.intro}</p>
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">{ctx.t('staff.warning')}</span>
          {ctx.t('staff.shownOnce')}
        </strong>
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label govuk-label--s" for="secret">
          {props.label}
        </label>
        <textarea class="govuk-textarea app-secret" id="secret" rows="2" readonly spellcheck="false">
          {props.secret}
        </textarea>
      </div>
      <p class="govuk-body">
        <a class="govuk-link" href={props.back.href}>
          {props.back.label}
        </a>
      </p>
    </StaffPage>
  );
}
