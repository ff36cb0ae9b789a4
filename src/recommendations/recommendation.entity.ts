import { Node } from '../common/node.interface';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalarType } from '../common/scalars/date.scalar';
import { Meeting } from '../meetings/meeting.entity';
import { User } from '../accounts/user.entity';
import { Priority, RecommendationKind, RecommendationStatus } from './recommendation.enums';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';

@ObjectType({ implements: () => [Node], description: 'A recommendation made at a meeting, followed through its lifecycle (see RecommendationStatus)' })
@Entity()
@Index('UQ_recommendation_code', ['code'], { unique: true })
@Index('IDX_recommendation_meeting', ['meetingId'])
@Index('IDX_recommendation_status', ['status'])
@Index('IDX_recommendation_due_date_id', ['dueDate', 'id'])
@Index('IDX_recommendation_updated_at_id', ['updatedAt', 'id'])
@Index('IDX_recommendation_priority_id', ['priority', 'id'])
@Index('IDX_recommendation_kind', ['kind'])
// Expression and trigram indexes, created by migrations/…-ListIndexes (TypeORM cannot describe them):
// the DUE_DATE order (no due date sorts last), the status filter in that order, `search` (pg_trgm, where available),
// and a covering index for progressSummary.
@Index('IDX_recommendation_due_key_id', { synchronize: false })
@Index('IDX_recommendation_status_due_key_id', { synchronize: false })
@Index('IDX_recommendation_search_trgm', { synchronize: false })
@Index('IDX_recommendation_summary', { synchronize: false })
export class Recommendation {
  @Field(() => ID, { description: 'Global object id' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Unique, human-readable, e.g. SOK-2024-01' })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @TranslatableField()
  @Column({ type: 'jsonb' })
  title: Translations;

  @TranslatableField({ nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  description: Translations | null;

  @Field(() => RecommendationKind, { description: 'What kind of measure it recommends' })
  @Column({ type: 'enum', enum: RecommendationKind, enumName: 'recommendation_kind' })
  kind: RecommendationKind;

  @Field(() => Priority, { description: 'How urgent it is' })
  @Column({ type: 'enum', enum: Priority, enumName: 'priority', default: Priority.MEDIUM })
  priority: Priority;

  @Field(() => RecommendationStatus, { description: 'Where it stands in its lifecycle; changed only by transitionRecommendation' })
  @Column({ type: 'enum', enum: RecommendationStatus, enumName: 'recommendation_status', default: RecommendationStatus.PROPOSED })
  status: RecommendationStatus;

  @Field(() => DateScalarType, { nullable: true, description: 'When it should be implemented; null when no date was set' })
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => Meeting, { onDelete: 'RESTRICT' })
  @JoinColumn()
  meeting?: Meeting;

  /**
   * The officer responsible for it: a user of one of its responsible organisations (checked by
   * RecommendationsService), told of its reminders before the focal points; null when none is named.
   * Exposed as `responsibleOfficer` (src/responsibility), never as the id alone.
   */
  @Index('IDX_recommendation_responsible_user')
  @Column({ type: 'uuid', nullable: true })
  responsibleUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn()
  responsibleUser?: User;

  /** Optimistic concurrency: bumped by every change, checked in SQL (see RecommendationsService). */
  @Field(() => Int, { description: 'Increments on every change' })
  @Column({ type: 'int', default: 1 })
  version: number;

  // Millisecond precision, so a JS Date in a cursor compares exactly with the stored value.
  @Field({ description: 'When it was recorded' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Set explicitly by every write, so that it moves with `version`. */
  @Field({ description: 'When it last changed (moves with version)' })
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;
}
