import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PublicEventData, PublicEventSubjectType, PublicEventType } from './public-event';

/** One public event, written with the write that caused it (see PublicEventsService). */
@Entity('public_event')
@Index('IDX_public_event_occurred_at', ['occurredAt'])
export class PublicEventRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  type!: PublicEventType;

  @Column({ name: 'subject_type', type: 'varchar', length: 30 })
  subjectType!: PublicEventSubjectType;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ name: 'recommendation_id', type: 'uuid', nullable: true })
  recommendationId!: string | null;

  @Column({ name: 'indicator_id', type: 'uuid', nullable: true })
  indicatorId!: string | null;

  @Column({ name: 'organization_ids', type: 'uuid', array: true, default: () => "'{}'" })
  organizationIds!: string[];

  @Column({ type: 'jsonb' })
  data!: PublicEventData;

  @Column({ name: 'occurred_at', type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  occurredAt!: Date;
}
