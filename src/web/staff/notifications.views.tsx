import type { Notification } from '../../notifications/notification.entity';
import { notificationMessage, notificationPath } from '../../notifications/notification-message';
import { Button } from '../components/button';
import { CsrfField } from '../components/csrf-field';
import { Tag } from '../components/tag';
import { h, SafeHtml } from '../jsx/html';
import type { PageContext } from '../layout/page-context';
import { StaffPage } from './staff-layout';

/** `/work/notifications`: what the person was told, newest first; read and unread, marked read by POST forms. */
export function NotificationsPage(props: { ctx: PageContext; stylesheetHref: string; notifications: Notification[]; markedRead: boolean }): SafeHtml {
  const { ctx, notifications } = props;
  const unread = notifications.some((n) => n.readAt === null);
  return (
    <StaffPage ctx={ctx} stylesheetHref={props.stylesheetHref} title={ctx.t('staff.notifications.title')} success={props.markedRead ? ctx.t('staff.notifications.markedRead') : null}>
      <h1 class="govuk-heading-l">{ctx.t('staff.notifications.title')}</h1>
      {notifications.length === 0 ? (
        <p class="govuk-body">{ctx.t('staff.notifications.empty')}</p>
      ) : (
        <ul class="govuk-list app-notifications">
          {notifications.map((n) => (
            <li class="govuk-!-margin-bottom-6" data-notification={n.id} data-unread={n.readAt === null ? 'true' : 'false'}>
              <p class="govuk-body govuk-!-margin-bottom-1">
                {n.readAt === null ? <Tag text={ctx.t('staff.notifications.unread')} classes="govuk-tag--blue govuk-!-margin-right-2" /> : null}
                <a class="govuk-link" href={notificationPath(n)}>
                  {notificationMessage(ctx.t, n)}
                </a>
              </p>
              <p class="govuk-body-s govuk-!-margin-bottom-2">
                <time datetime={n.createdAt.toISOString()}>{ctx.i18n.dateTime(n.createdAt)}</time>
              </p>
              {n.readAt === null ? (
                <form method="post" action={`/work/notifications/${encodeURIComponent(n.id)}/read`}>
                  <CsrfField ctx={ctx} />
                  <Button classes="govuk-button--secondary govuk-!-margin-bottom-0" text={ctx.t('staff.notifications.markRead')} />
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {unread ? (
        <form method="post" action="/work/notifications/read">
          <CsrfField ctx={ctx} />
          <Button classes="govuk-button--secondary" text={ctx.t('staff.notifications.markAllRead')} />
        </form>
      ) : null}
    </StaffPage>
  );
}
