import { Node } from '../common/node.interface';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DateScalarType } from '../common/scalars/date.scalar';
import { MeetingFormat } from './meeting.enums';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';

@ObjectType({ implements: () => [Node], description: 'A roundtable, hearing or other meeting where barriers were raised and recommendations made' })
@Entity()
@Index('IDX_meeting_held_on_id', ['heldOn', 'id'])
export class Meeting {
  @Field(() => ID, { description: 'Global object id' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @TranslatableField()
  @Column({ type: 'jsonb' })
  title: Translations;

  @Field(() => DateScalarType, { description: 'The day the meeting was held' })
  @Column({ type: 'date' })
  heldOn: string;

  @Field(() => MeetingFormat, { description: 'What kind of meeting it was' })
  @Column({ type: 'enum', enum: MeetingFormat, enumName: 'meeting_format' })
  format: MeetingFormat;

  @TranslatableField({ nullable: true, description: 'E.g. Sokuluk' })
  @Column({ type: 'jsonb', nullable: true })
  settlement: Translations | null;

  @TranslatableField({ nullable: true, description: 'E.g. Chui' })
  @Column({ type: 'jsonb', nullable: true })
  region: Translations | null;

  @TranslatableField({ nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  summary: Translations | null;

  @Field(() => String, { nullable: true, description: "Where the meeting's record (minutes, report) is published; null when not published" })
  @Column({ type: 'varchar', length: 2048, nullable: true })
  sourceUrl: string | null;

  /** Where the texts come from, e.g. that the Russian and Kyrgyz ones translate the English news report. */
  @TranslatableField({ nullable: true, description: 'Where the texts come from, e.g. which are translations of the source' })
  @Column({ type: 'jsonb', nullable: true })
  sourceNote: Translations | null;

  /** Optimistic concurrency: bumped by every change, checked in SQL (see src/database/versioned-update.ts). */
  @Field(() => Int, { description: 'Increments on every change; pass it as expectedVersion to update' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
