import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DateScalarType } from '../common/scalars/date.scalar';
import { MeetingFormat } from './meeting.enums';

@ObjectType()
@Entity()
@Index('IDX_meeting_held_on_id', ['heldOn', 'id'])
export class Meeting {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => DateScalarType)
  @Column({ type: 'date' })
  heldOn: string;

  @Field(() => MeetingFormat)
  @Column({ type: 'enum', enum: MeetingFormat, enumName: 'meeting_format' })
  format: MeetingFormat;

  @Field(() => String, { nullable: true, description: 'e.g. Sokuluk' })
  @Column({ type: 'varchar', length: 120, nullable: true })
  settlement: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. Chui' })
  @Column({ type: 'varchar', length: 120, nullable: true })
  region: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2048, nullable: true })
  sourceUrl: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
