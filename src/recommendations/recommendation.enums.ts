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
registerEnumType(RecommendationKind, { name: 'RecommendationKind' });

/** Declared low to high: PostgreSQL orders enum values in this order. */
export enum Priority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(Priority, { name: 'Priority' });

export enum RecommendationStatus {
  PROPOSED = 'PROPOSED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  IN_PROGRESS = 'IN_PROGRESS',
  STALLED = 'STALLED',
  IMPLEMENTED = 'IMPLEMENTED',
}
registerEnumType(RecommendationStatus, { name: 'RecommendationStatus' });

export enum RecommendationOrderField {
  CODE = 'CODE',
  DUE_DATE = 'DUE_DATE',
  UPDATED_AT = 'UPDATED_AT',
  PRIORITY = 'PRIORITY',
}
registerEnumType(RecommendationOrderField, { name: 'RecommendationOrderField' });

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });
