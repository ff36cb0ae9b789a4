import type { MessageKey, Translator } from '../i18n/i18n.service';
import type { Notification } from './notification.entity';
import { NotificationKind } from './notification-event';

const KIND_MESSAGES: Record<NotificationKind, MessageKey> = {
  [NotificationKind.VALUE_SUBMITTED]: 'notifications.kind.VALUE_SUBMITTED',
  [NotificationKind.VALUE_RETURNED]: 'notifications.kind.VALUE_RETURNED',
  [NotificationKind.VALUE_APPROVED]: 'notifications.kind.VALUE_APPROVED',
  [NotificationKind.RECOMMENDATION_TRANSITIONED]: 'notifications.kind.RECOMMENDATION_TRANSITIONED',
  [NotificationKind.REMINDER_DUE]: 'notifications.kind.REMINDER_DUE',
  [NotificationKind.REMINDER_LATE]: 'notifications.kind.REMINDER_LATE',
  [NotificationKind.ESCALATION]: 'notifications.kind.ESCALATION',
  [NotificationKind.WEBHOOK_DISABLED]: 'notifications.kind.WEBHOOK_DISABLED',
};

/** The reminders' sentences about an indicator's period (the keys above are about a recommendation). */
const INDICATOR_MESSAGES: Partial<Record<NotificationKind, MessageKey>> = {
  [NotificationKind.REMINDER_DUE]: 'notifications.kind.REMINDER_DUE_INDICATOR',
  [NotificationKind.REMINDER_LATE]: 'notifications.kind.REMINDER_LATE_INDICATOR',
  [NotificationKind.ESCALATION]: 'notifications.kind.ESCALATION_INDICATOR',
};

const STATUS_KEYS = new Set(['PROPOSED', 'UNDER_REVIEW', 'ACCEPTED', 'REJECTED', 'IN_PROGRESS', 'STALLED', 'IMPLEMENTED']);

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function statusLabel(t: Translator['t'], status: unknown): string {
  const code = text(status);
  return STATUS_KEYS.has(code) ? t(`status.${code}` as MessageKey) : code;
}

/** A notification's sentence in the translator's language (the page, the mail's subject and body). */
export function notificationMessage(t: Translator['t'], notification: Pick<Notification, 'kind' | 'payload'> & { subjectType?: string }): string {
  const p = notification.payload;
  const kind = notification.kind as NotificationKind;
  const key = (notification.subjectType === 'Indicator' ? INDICATOR_MESSAGES[kind] : undefined) ?? KIND_MESSAGES[kind];
  if (!key) return notification.kind;
  return t(key, {
    indicator: text(p.indicatorCode),
    period: text(p.period),
    version: text(p.versionNumber),
    reason: text(p.reason),
    code: text(p.code),
    from: statusLabel(t, p.from),
    to: statusLabel(t, p.to),
    dueOn: text(p.dueOn),
    days: typeof p.days === 'number' ? p.days : 0,
    url: text(p.url),
  });
}

/** Where a notification leads on the staff pages (a path: the mail makes it absolute). */
export function notificationPath(notification: Pick<Notification, 'kind' | 'subjectType' | 'subjectId' | 'payload'>): string {
  if (notification.kind === String(NotificationKind.VALUE_SUBMITTED)) return '/work/review';
  if (notification.subjectType === 'IndicatorValue' && typeof notification.payload.indicatorId === 'string') {
    return `/work/indicators/${encodeURIComponent(notification.payload.indicatorId)}`;
  }
  // A reminder about an indicator's period: its page, where the value form is.
  if (notification.subjectType === 'Indicator') return `/work/indicators/${encodeURIComponent(notification.subjectId)}`;
  if (notification.subjectType === 'Recommendation') return `/work/recommendations/${encodeURIComponent(notification.subjectId)}`;
  // A disabled webhook: its page, under /work for an NGO's endpoint, under /admin for the secretariat's.
  if (notification.subjectType === 'WebhookEndpoint') {
    return `${typeof notification.payload.organizationId === 'string' ? '/work' : '/admin'}/webhooks/${encodeURIComponent(notification.subjectId)}`;
  }
  return '/work/notifications';
}
