import { registerEnumType } from '@nestjs/graphql';

export enum OrganizationKind {
  PARLIAMENT = 'PARLIAMENT',
  MINISTRY = 'MINISTRY',
  STATE_AGENCY = 'STATE_AGENCY',
  DISTRICT_ADMINISTRATION = 'DISTRICT_ADMINISTRATION',
  LOCAL_GOVERNMENT = 'LOCAL_GOVERNMENT',
  NGO = 'NGO',
  INTERNATIONAL_ORGANIZATION = 'INTERNATIONAL_ORGANIZATION',
  OTHER = 'OTHER',
}
registerEnumType(OrganizationKind, { name: 'OrganizationKind' });
