import { Field, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { Person } from '../organizations/person.entity';
import { Meeting } from './meeting.entity';
import { ParticipantRole } from './meeting.enums';

/** Someone (a person, an organisation, or a person on behalf of one) who took part in a meeting. */
@ObjectType('Participant', { description: 'Someone who took part in a meeting: a person, an organisation or both, with their role' })
@Entity()
@Check('CHK_participant_who', '"person_id" IS NOT NULL OR "organization_id" IS NOT NULL')
@Index('IDX_participant_meeting', ['meetingId', 'position'])
export class Participant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn()
  meeting?: Meeting;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  person?: Person;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organization?: Organization;

  @Field(() => ParticipantRole, { description: 'The part they played in the meeting' })
  @Column({ type: 'enum', enum: ParticipantRole, enumName: 'participant_role' })
  role: ParticipantRole;

  /** Order in which participants were listed. */
  @Column({ type: 'int' })
  position: number;
}
