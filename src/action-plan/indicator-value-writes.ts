import { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { Period } from './reporting-period';
import type { Translations } from '../i18n/translations';
import { IndicatorValue } from './indicator-value.entity';
import type { IndicatorValueVersion } from './indicator-value-version.entity';
import type { NotificationsService } from '../notifications/notifications.service';
import { NotificationKind } from '../notifications/notification-event';

/**
 * The one way indicator values are written, by recordIndicatorValue and by the
 * bulk import: one value slot per indicator and period, each write a new version
 * of it (the statements: indicator-values.repository.ts), audited with the
 * version it corrects ("replace": a correction; nothing is overwritten).
 */

/** A value ready to be written: its indicator exists, its period is valid and allowed. */
/** A value's slot and the version a write added to it. */
export interface SubmittedValue {
  value: IndicatorValue;
  version: IndicatorValueVersion;
}

export interface ValueToRecord {
  indicatorId: string;
  period: string;
  parsed: Period;
  value: number;
  source: Translations | null;
  note: Translations | null;
}

/** The audit entry of one written value, with the value it replaced (if any). */
export function auditValueWrite(
  audit: AuditService,
  tx: EntityManager,
  actor: Actor,
  before: IndicatorValue | null,
  after: SubmittedValue,
): Promise<void> {
  return audit.record(tx, {
    actor,
    action: before ? 'indicatorValue.replace' : 'indicatorValue.record',
    entityType: 'IndicatorValue',
    entityId: after.value.id,
    before,
    after: { ...after.value, version: after.version },
  });
}

/** Tells the reviewers that a value waits for them (delivered after the write commits; see NotificationsService). */
export function announceValueSubmitted(notifications: NotificationsService, tx: EntityManager, actor: Actor, after: SubmittedValue): Promise<void> {
  return notifications.notify(tx, {
    kind: NotificationKind.VALUE_SUBMITTED,
    subjectType: 'IndicatorValue',
    subjectId: after.value.id,
    occurrence: after.version.id,
    audience: { kind: 'REVIEWERS' },
    actorUserId: actor.userId ?? null,
    payload: { versionId: after.version.id, versionNumber: after.version.number },
  });
}
