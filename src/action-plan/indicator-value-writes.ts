import { EntityManager } from 'typeorm';
import type { Indicator } from './indicator.entity';
import type { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { Period } from './reporting-period';
import type { TranslatableInput, Translations } from '../i18n/translations';
import { IndicatorValue } from './indicator-value.entity';
import type { IndicatorValueVersion } from './indicator-value-version.entity';
import type { NotificationsService } from '../notifications/notifications.service';
import { NotificationKind } from '../notifications/notification-event';
import { PublicEventType, type PublicEventInput } from '../public-events/public-event';

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
  breakdown?: unknown,
): Promise<void> {
  return audit.record(tx, {
    actor,
    action: before ? 'indicatorValue.replace' : 'indicatorValue.record',
    entityType: 'IndicatorValue',
    entityId: after.value.id,
    before,
    after: { ...after.value, version: after.version, ...(breakdown === undefined ? {} : { breakdown }) },
  });
}

/** What a submission says besides its value: the slot, source, note and correction reason (as RecordIndicatorValueInput has them). */
export type ValueFields = { indicatorId: string; period: string; correctionReason?: string | null } & TranslatableInput<'source'> & TranslatableInput<'note'>;

/**
 * How a submission finds its value and writes what comes with it (a breakdown by dimensions),
 * inside the submission's transaction (IndicatorsService.recordValueWithParts).
 */
export interface ValueParts {
  /** The latest version number the writer saw (0: none); CONFLICT when the period has moved on. */
  expectedVersion?: number | null;
  /** Before anything is written: checks what comes with the value against the indicator; returns the version's value. */
  prepare(tx: EntityManager, indicator: Indicator): Promise<number>;
  /** After the version is written: writes what comes with it; returns what its audit entry records of it (undefined: nothing). */
  write(tx: EntityManager, submitted: SubmittedValue): Promise<unknown>;
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

/**
 * The public event of a written value: that its period was reported (the figure stays out: it is
 * staff-only until approved). recordIndicatorValue publishes one; an import all of its own in one
 * statement (PublicEventsService.publishMany).
 */
export function valueSubmittedEvent(after: SubmittedValue): PublicEventInput {
  return {
    type: PublicEventType.INDICATOR_VALUE_SUBMITTED,
    subjectType: 'IndicatorValue',
    subjectId: after.value.id,
    recommendationId: null,
    indicatorId: after.value.indicatorId,
    data: { period: after.value.period },
  };
}
