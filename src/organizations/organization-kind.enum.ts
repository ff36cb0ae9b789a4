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
registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What kind of body an organisation is',
  valuesMap: {
    PARLIAMENT: { description: 'The Jogorku Kenesh, its committees and factions' },
    MINISTRY: { description: 'A ministry' },
    STATE_AGENCY: { description: 'A state agency, service or inspectorate' },
    DISTRICT_ADMINISTRATION: { description: 'A district (raion) state administration' },
    LOCAL_GOVERNMENT: { description: 'A local self-government body (aiyl okmotu, city hall, local council)' },
    NGO: { description: 'A non-governmental organisation' },
    INTERNATIONAL_ORGANIZATION: { description: 'An international organisation or donor' },
    OTHER: { description: 'Any other kind' },
  },
});
