import type { Organization } from '../../organizations/organization.entity';
import { PublicEventType } from '../../public-events/public-event';
import type { WebhookAttempt, WebhookDelivery } from '../../webhooks/webhook-delivery.entity';
import type { WebhookEndpoint } from '../../webhooks/webhook-endpoint.entity';
import { Button } from '../components/button';
import { CsrfField } from '../components/csrf-field';
import { SummaryList } from '../components/summary-list';
import { Table } from '../components/table';
import { TableWrapper } from '../components/table-wrapper';
import { Tag } from '../components/tag';
import { CheckboxesField, SelectField, TextField } from '../forms/bound-controls';
import type { FieldErrors } from '../forms/field-errors';
import { summaryOf } from '../forms/field-errors';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { StaffPage } from './staff-layout';

interface PageProps {
  ctx: PageContext;
  stylesheetHref: string;
  /** /admin/webhooks (ADMIN) or /work/webhooks (an NGO's). */
  base: string;
}

/** Every event type, in the order the form offers them. */
const EVENT_TYPES = Object.values(PublicEventType);

function eventLabel(ctx: PageContext, type: PublicEventType): string {
  return ctx.t(`staff.webhooks.event.${type}`);
}

function StatusTag(props: { ctx: PageContext; endpoint: WebhookEndpoint }): SafeHtml {
  return props.endpoint.active ? (
    <Tag text={props.ctx.t('staff.webhooks.active')} classes="govuk-tag--green" />
  ) : (
    <Tag text={props.ctx.t('staff.webhooks.disabled')} classes="govuk-tag--red" />
  );
}

function PostButton(props: { ctx: PageContext; action: string; label: string; hidden: string; warning?: boolean }): SafeHtml {
  return (
    <form method="post" action={props.action} class="app-inline-form">
      <CsrfField ctx={props.ctx} />
      <button type="submit" class={`govuk-button govuk-!-margin-bottom-0 ${props.warning ? 'govuk-button--warning' : 'govuk-button--secondary'}`} data-module="govuk-button">
        {props.label}
        <span class="govuk-visually-hidden"> {props.hidden}</span>
      </button>
    </form>
  );
}

/** The list of endpoints and the form to register one. */
export function WebhooksPage(
  props: PageProps & {
    endpoints: WebhookEndpoint[];
    /** ADMIN: the NGO organisations an endpoint can be registered for; null on an NGO's page. */
    organizations: Organization[] | null;
    errors: FieldErrors;
    draft: { url: string; description: string; eventTypes: string[]; organizationId: string };
    success: string | null;
  },
): SafeHtml {
  const { ctx, base } = props;
  const orgName = (id: string | null) => (id ? ctx.text.plain(props.organizations?.find((o) => o.id === id)?.name) || '—' : ctx.t('staff.webhooks.secretariat'));
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.webhooks.title')} errors={summaryOf(props.errors)} success={props.success}>
      <h1 class="govuk-heading-l">{ctx.t('staff.webhooks.title')}</h1>
      <p class="govuk-body">{ctx.t('staff.webhooks.intro')}</p>
      {props.endpoints.length ? (
        <TableWrapper label={ctx.t('staff.webhooks.title')}>
          <Table
            caption={ctx.t('staff.webhooks.title')}
            captionClasses="govuk-visually-hidden"
            head={[
              { text: ctx.t('staff.webhooks.url') },
              { text: ctx.t('staff.webhooks.events') },
              ...(props.organizations ? [{ text: ctx.t('staff.webhooks.owner') }] : []),
              { text: ctx.t('staff.webhooks.status') },
            ]}
            rows={props.endpoints.map((endpoint) => [
              {
                html: (
                  <a class="govuk-link" href={`${base}/${endpoint.id}`}>
                    {endpoint.url}
                  </a>
                ),
              },
              { text: endpoint.eventTypes.map((type) => eventLabel(ctx, type)).join(', ') },
              ...(props.organizations ? [{ text: orgName(endpoint.organizationId) }] : []),
              { html: <StatusTag ctx={ctx} endpoint={endpoint} /> },
            ])}
          />
        </TableWrapper>
      ) : (
        <p class="govuk-body">{ctx.t('staff.webhooks.none')}</p>
      )}
      <h2 class="govuk-heading-m">{ctx.t('staff.webhooks.create')}</h2>
      <form method="post" action={base} novalidate>
        <CsrfField ctx={ctx} />
        <TextField ctx={ctx} id="url" label={ctx.t('staff.webhooks.url')} hint={ctx.t('staff.webhooks.urlHint')} value={props.draft.url} errors={props.errors} spellcheck={false} />
        <TextField ctx={ctx} id="description" label={ctx.t('staff.webhooks.description')} value={props.draft.description} errors={props.errors} />
        <CheckboxesField
          ctx={ctx}
          id="eventTypes"
          legend={ctx.t('staff.webhooks.events')}
          choices={EVENT_TYPES.map((type) => ({ value: type, label: eventLabel(ctx, type) }))}
          values={props.draft.eventTypes}
          errors={props.errors}
        />
        {props.organizations ? (
          <SelectField
            ctx={ctx}
            id="organizationId"
            label={ctx.t('staff.webhooks.owner')}
            hint={ctx.t('staff.webhooks.ownerHint')}
            choices={[{ value: '', label: ctx.t('staff.webhooks.secretariat') }, ...props.organizations.map((o) => ({ value: o.id, label: ctx.text.plain(o.name) }))]}
            value={props.draft.organizationId}
            errors={props.errors}
          />
        ) : null}
        <Button text={ctx.t('staff.webhooks.create')} />
      </form>
    </StaffPage>
  );
}

function attemptText(ctx: PageContext, attempt: WebhookAttempt | undefined): string {
  if (!attempt) return '—';
  return attempt.httpStatus !== null ? `HTTP ${attempt.httpStatus}` : (attempt.error ?? '—');
}

/** One endpoint: its settings, its actions and its deliveries log with a Redeliver button each. */
export function WebhookEndpointPage(
  props: PageProps & { endpoint: WebhookEndpoint; deliveries: WebhookDelivery[]; attempts: Map<string, WebhookAttempt[]>; total: number; success: string | null },
): SafeHtml {
  const { ctx, base, endpoint } = props;
  const at = `${base}/${endpoint.id}`;
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={endpoint.url} success={props.success} backLink={{ href: base, label: ctx.t('staff.webhooks.title') }}>
      <span class="govuk-caption-l">{ctx.t('staff.webhooks.endpoint')}</span>
      <h1 class="govuk-heading-l app-break-words">{endpoint.url}</h1>
      <SummaryList
        rows={[
          { key: { text: ctx.t('staff.webhooks.status') }, value: { html: <StatusTag ctx={ctx} endpoint={endpoint} /> } },
          { key: { text: ctx.t('staff.webhooks.description') }, value: { text: endpoint.description || '—' } },
          { key: { text: ctx.t('staff.webhooks.events') }, value: { text: endpoint.eventTypes.map((type) => eventLabel(ctx, type)).join(', ') } },
          ...(endpoint.failingSince ? [{ key: { text: ctx.t('staff.webhooks.failingSince') }, value: { text: ctx.i18n.dateTime(endpoint.failingSince) } }] : []),
          ...(endpoint.disabledAt
            ? [{ key: { text: ctx.t('staff.webhooks.disabledAt') }, value: { text: `${ctx.i18n.dateTime(endpoint.disabledAt)}: ${endpoint.disabledReason ?? ''}` } }]
            : []),
        ]}
      />
      <div class="govuk-button-group">
        {endpoint.active ? (
          <PostButton ctx={ctx} action={`${at}/disable`} label={ctx.t('staff.webhooks.disable')} hidden={endpoint.url} warning />
        ) : (
          <PostButton ctx={ctx} action={`${at}/enable`} label={ctx.t('staff.webhooks.enable')} hidden={endpoint.url} />
        )}
        <PostButton ctx={ctx} action={`${at}/rotate`} label={ctx.t('staff.webhooks.rotate')} hidden={endpoint.url} />
        <PostButton ctx={ctx} action={`${at}/delete`} label={ctx.t('staff.webhooks.delete')} hidden={endpoint.url} warning />
      </div>
      <h2 class="govuk-heading-m">{ctx.t('staff.webhooks.deliveries')}</h2>
      <p class="govuk-body">{ctx.t('staff.webhooks.deliveriesCount', { count: props.total })}</p>
      {props.deliveries.length ? (
        <TableWrapper label={ctx.t('staff.webhooks.deliveries')}>
          <Table
            caption={ctx.t('staff.webhooks.deliveries')}
            captionClasses="govuk-visually-hidden"
            head={[
              { text: ctx.t('staff.webhooks.created') },
              { text: ctx.t('staff.webhooks.event') },
              { text: ctx.t('staff.webhooks.status') },
              { text: ctx.t('staff.webhooks.attempts'), format: 'numeric' },
              { text: ctx.t('staff.webhooks.lastResult') },
              { text: ctx.t('staff.webhooks.action') },
            ]}
            rows={props.deliveries.map((delivery) => {
              const attempts = props.attempts.get(delivery.id) ?? [];
              return [
                { text: ctx.i18n.dateTime(delivery.createdAt) },
                { html: <span>{eventLabel(ctx, delivery.eventType)} <code class="app-break-words">{delivery.id}</code></span> },
                { text: ctx.t(`staff.webhooks.delivery.${delivery.status}`) },
                { text: String(delivery.attemptCount), format: 'numeric' },
                { text: attemptText(ctx, attempts[attempts.length - 1]) },
                {
                  html: endpoint.active ? (
                    <PostButton ctx={ctx} action={`${at}/deliveries/${delivery.id}/redeliver`} label={ctx.t('staff.webhooks.redeliver')} hidden={delivery.id} />
                  ) : (
                    '—'
                  ),
                },
              ];
            })}
          />
        </TableWrapper>
      ) : (
        <p class="govuk-body">{ctx.t('staff.webhooks.noDeliveries')}</p>
      )}
    </StaffPage>
  );
}
