import { registerEnumType } from '@nestjs/graphql';

export enum MeetingFormat {
  ROUNDTABLE = 'ROUNDTABLE',
  CONFERENCE = 'CONFERENCE',
  HEARING = 'HEARING',
  WORKSHOP = 'WORKSHOP',
  CONSULTATION = 'CONSULTATION',
  OTHER = 'OTHER',
}
registerEnumType(MeetingFormat, {
  name: 'MeetingFormat',
  description: 'What kind of meeting it was',
  valuesMap: {
    ROUNDTABLE: { description: 'A roundtable discussion' },
    CONFERENCE: { description: 'A conference' },
    HEARING: { description: 'A public or parliamentary hearing' },
    WORKSHOP: { description: 'A workshop or training' },
    CONSULTATION: { description: 'A consultation with stakeholders' },
    OTHER: { description: 'Any other format' },
  },
});

export enum ParticipantRole {
  ORGANIZER = 'ORGANIZER',
  SPEAKER = 'SPEAKER',
  PARTICIPANT = 'PARTICIPANT',
}
registerEnumType(ParticipantRole, {
  name: 'ParticipantRole',
  description: 'The part someone played in a meeting',
  valuesMap: {
    ORGANIZER: { description: 'Organised or hosted the meeting' },
    SPEAKER: { description: 'Spoke or presented' },
    PARTICIPANT: { description: 'Took part' },
  },
});
