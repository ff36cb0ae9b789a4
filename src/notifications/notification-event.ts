/** What people are told about. Each kind has a message per language (`notifications.kind.<KIND>` in the catalogs). */
export enum NotificationKind {
  /** A value was submitted: it waits for review (reviewers). */
  VALUE_SUBMITTED = 'VALUE_SUBMITTED',
  /** A reviewer returned a value to its author, with a reason. */
  VALUE_RETURNED = 'VALUE_RETURNED',
  /** A reviewer approved a value (its author). */
  VALUE_APPROVED = 'VALUE_APPROVED',
  /** A recommendation moved along its lifecycle (the people responsible for it). */
  RECOMMENDATION_TRANSITIONED = 'RECOMMENDATION_TRANSITIONED',
  /** A recommendation or an indicator period is due soon or today (the people responsible; the daily sweep). */
  REMINDER_DUE = 'REMINDER_DUE',
  /** A recommendation or an indicator period is late (the people responsible, weekly; the daily sweep). */
  REMINDER_LATE = 'REMINDER_LATE',
  /** Something has been late for ESCALATION_AFTER_DAYS (its organisations' focal points and the secretariat, once; the daily sweep). */
  ESCALATION = 'ESCALATION',
  /** A webhook endpoint failed for a day and was disabled (its owner: the NGO's users, or the ADMINs for the secretariat's). */
  WEBHOOK_DISABLED = 'WEBHOOK_DISABLED',
}

/** The records a notification can be about; their organisations decide what a MINISTRY user may be told. */
export type SubjectType = 'IndicatorValue' | 'Recommendation' | 'Indicator' | 'WebhookEndpoint';

/**
 * Who is meant. Whoever it names, nobody deactivated is told, nor the person who acted, nor a
 * MINISTRY user about a record none of whose responsible organisations is theirs.
 */
export type Audience =
  /** Everyone who reviews values: active ADMIN and EDITOR users. */
  | { kind: 'REVIEWERS' }
  /** Named people (e.g. a value's author). */
  | { kind: 'USERS'; userIds: string[] }
  /** The people responsible for the subject: its active officer, else its organisations' focal points, else their MINISTRY users (recipients.sql.ts). */
  | { kind: 'RESPONSIBLE' };

/** Values a message is written from; only what every recipient may see (codes, periods, statuses). */
export type NotificationPayload = Record<string, string | number | null>;

/** Something that happened, handed to NotificationsService.notify in the transaction of the write. */
export interface NotificationEvent {
  kind: NotificationKind;
  subjectType: SubjectType;
  subjectId: string;
  /**
   * Names this happening once and for all (e.g. a version's id, a recommendation's id and new
   * version): with the recipient, it is the notification's dedupe key, so delivering the same
   * event twice tells nobody twice.
   */
  occurrence: string;
  audience: Audience;
  /** The person who acted (never told about their own act); null for tokens and the system. */
  actorUserId: string | null;
  payload: NotificationPayload;
}
