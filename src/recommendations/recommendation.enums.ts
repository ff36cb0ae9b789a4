import { registerEnumType } from '@nestjs/graphql';

export enum RecommendationKind {
  LEGISLATIVE_CHANGE = 'LEGISLATIVE_CHANGE',
  QUOTA = 'QUOTA',
  MONITORING = 'MONITORING',
  EDUCATION = 'EDUCATION',
  MENTORSHIP = 'MENTORSHIP',
  FUNDING = 'FUNDING',
  AWARENESS = 'AWARENESS',
  INSTITUTIONAL = 'INSTITUTIONAL',
  OTHER = 'OTHER',
}
registerEnumType(RecommendationKind, {
  name: 'RecommendationKind',
  description: 'What kind of measure a recommendation asks for',
  valuesMap: {
    LEGISLATIVE_CHANGE: { description: 'A change to a law or regulation' },
    QUOTA: { description: 'A quota or reserved seats' },
    MONITORING: { description: 'Monitoring or data collection' },
    EDUCATION: { description: 'Education or training' },
    MENTORSHIP: { description: 'Mentorship programmes' },
    FUNDING: { description: 'Funding or financial support' },
    AWARENESS: { description: 'Awareness raising and information campaigns' },
    INSTITUTIONAL: { description: 'A change to how an institution works' },
    OTHER: { description: 'Any other measure' },
  },
});

/** Declared low to high: PostgreSQL orders enum values in this order. */
export enum Priority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(Priority, {
  name: 'Priority',
  description: 'How urgent a recommendation is',
  valuesMap: {
    LOW: { description: 'Low priority' },
    MEDIUM: { description: 'Medium priority (the default)' },
    HIGH: { description: 'High priority' },
  },
});

export enum RecommendationStatus {
  PROPOSED = 'PROPOSED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  IN_PROGRESS = 'IN_PROGRESS',
  STALLED = 'STALLED',
  IMPLEMENTED = 'IMPLEMENTED',
}
registerEnumType(RecommendationStatus, {
  name: 'RecommendationStatus',
  description:
    'Where a recommendation stands. The lifecycle: PROPOSED -> UNDER_REVIEW or REJECTED; UNDER_REVIEW -> ACCEPTED or REJECTED; ' +
    'ACCEPTED -> IN_PROGRESS; IN_PROGRESS -> IMPLEMENTED or STALLED; STALLED -> IN_PROGRESS; REJECTED -> UNDER_REVIEW (reopened, a note is required). ' +
    'IMPLEMENTED is final. Moved only by transitionRecommendation; any other step is INVALID_TRANSITION.',
  valuesMap: {
    PROPOSED: { description: 'Made at a meeting, not yet considered (every recommendation starts here). Next: UNDER_REVIEW or REJECTED' },
    UNDER_REVIEW: { description: 'Being considered by the responsible bodies. Next: ACCEPTED or REJECTED' },
    ACCEPTED: { description: 'Agreed to be implemented, work not started. Next: IN_PROGRESS' },
    REJECTED: { description: 'Declined; closed, no longer overdue. Next: UNDER_REVIEW, when reopened with a note saying why' },
    IN_PROGRESS: { description: 'Being implemented. Next: IMPLEMENTED or STALLED' },
    STALLED: { description: 'Implementation started but has stopped. Next: IN_PROGRESS' },
    IMPLEMENTED: { description: 'Done, usually with evidence; final, no step leads out of it' },
  },
});

export enum RecommendationOrderField {
  CODE = 'CODE',
  DUE_DATE = 'DUE_DATE',
  UPDATED_AT = 'UPDATED_AT',
  PRIORITY = 'PRIORITY',
}
registerEnumType(RecommendationOrderField, {
  name: 'RecommendationOrderField',
  description: 'What a recommendations list can be ordered by',
  valuesMap: {
    CODE: { description: 'The code, e.g. SOK-2024-01' },
    DUE_DATE: { description: 'The due date; recommendations without one sort last' },
    UPDATED_AT: { description: 'When it last changed' },
    PRIORITY: { description: 'The priority, LOW to HIGH ascending' },
  },
});

// Every list's order direction; it lives with the pagination all lists share.
export { OrderDirection } from '../common/pagination/order-direction';
