import { registerEnumType } from '@nestjs/graphql';

/**
 * What happened to public data, told outside the service: to webhooks, to GraphQL subscriptions
 * and to people who follow a record by e-mail. Only what the public site may show is ever an
 * event (an approved value, a published assessment, a recommendation's new status), so every
 * consumer may pass it on to anyone who can read the public site; staff-only happenings stay
 * notifications (src/notifications).
 */
export enum PublicEventType {
  /** A recommendation moved along its lifecycle (data: code, from, to, version). */
  RECOMMENDATION_TRANSITIONED = 'recommendation.transitioned',
  /** A reviewer approved a value version: it is now the published figure (data: indicator code, period, version). */
  INDICATOR_VALUE_APPROVED = 'indicator_value.approved',
  /**
   * A value was reported for a period (data: indicator code, period), by hand or by an import,
   * and waits for review. The figure is not in it: it is staff-only until approved (see
   * ValueStatus); that a period was reported, and when, is public (reporting completeness).
   */
  INDICATOR_VALUE_SUBMITTED = 'indicator_value.submitted',
  /** An EDITOR published an NGO's independent assessment (data: recommendation code, status, organisation). */
  ASSESSMENT_PUBLISHED = 'assessment.published',
}

registerEnumType(PublicEventType, {
  name: 'PublicEventType',
  description: 'What happened to public data: what webhook endpoints choose and live subscriptions ask for',
  valuesMap: {
    RECOMMENDATION_TRANSITIONED: { description: 'recommendation.transitioned: a recommendation moved along its lifecycle' },
    INDICATOR_VALUE_APPROVED: { description: "indicator_value.approved: a reviewer approved a value version: it is now the indicator's published figure" },
    INDICATOR_VALUE_SUBMITTED: { description: 'indicator_value.submitted: a value was reported for a period (by hand or by an import) and waits for review; without its figure' },
    ASSESSMENT_PUBLISHED: { description: "assessment.published: a civil-society organisation's independent assessment was published" },
  },
});

export const PUBLIC_EVENT_TYPES = Object.values(PublicEventType);

/** The record an event is about. */
export type PublicEventSubjectType = 'Recommendation' | 'IndicatorValue' | 'Assessment';

/** Scalars only: an event says what changed and where to read it, never more than the public site shows. */
export type PublicEventData = Record<string, string | number | boolean | null>;

/** What a feature hands to PublicEventsService.publish in the transaction of its write. */
export interface PublicEventInput {
  type: PublicEventType;
  subjectType: PublicEventSubjectType;
  subjectId: string;
  /** The recommendation it concerns, if any (a transition, an assessment): followers of it are told. */
  recommendationId: string | null;
  /** The indicator it concerns, if any (an approved value): followers of it are told. */
  indicatorId: string | null;
  data: PublicEventData;
}

/**
 * A stored event (table `public_event`, written in the transaction of the write). The
 * organisations responsible for its recommendation or indicator are read in that same statement:
 * followers of an organisation, and an NGO's webhooks scoped to one, are matched on them.
 */
export interface PublicEvent extends PublicEventInput {
  id: string;
  organizationIds: string[];
  occurredAt: Date;
}
