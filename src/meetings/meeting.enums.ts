import { registerEnumType } from '@nestjs/graphql';

export enum MeetingFormat {
  ROUNDTABLE = 'ROUNDTABLE',
  CONFERENCE = 'CONFERENCE',
  HEARING = 'HEARING',
  WORKSHOP = 'WORKSHOP',
  CONSULTATION = 'CONSULTATION',
  OTHER = 'OTHER',
}
registerEnumType(MeetingFormat, { name: 'MeetingFormat' });

export enum ParticipantRole {
  ORGANIZER = 'ORGANIZER',
  SPEAKER = 'SPEAKER',
  PARTICIPANT = 'PARTICIPANT',
}
registerEnumType(ParticipantRole, { name: 'ParticipantRole' });
