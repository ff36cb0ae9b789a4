import { Field, ObjectType } from '@nestjs/graphql';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RecommendationStatus } from './recommendation.enums';
import { Recommendation } from './recommendation.entity';

/** One entry of a recommendation's status history; the first is its creation. */
@ObjectType({ description: "One step of a recommendation's lifecycle: the status it moved to, when, by whom and why" })
@Entity()
@Index('UQ_status_change_recommendation_version', ['recommendationId', 'version'], { unique: true })
// The latest changes first (home page, Atom feeds).
@Index('IDX_status_change_changed_at_id', ['changedAt', 'id'])
export class StatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  recommendationId: string;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn()
  recommendation?: Recommendation;

  /** The recommendation's version this change produced; orders the history. */
  @Column({ type: 'int' })
  version: number;

  @Field(() => RecommendationStatus, { name: 'from', nullable: true, description: 'Null for the creation entry' })
  @Column({ type: 'enum', enum: RecommendationStatus, enumName: 'recommendation_status', nullable: true })
  fromStatus: RecommendationStatus | null;

  @Field(() => RecommendationStatus, { name: 'to', description: 'The status it moved to' })
  @Column({ type: 'enum', enum: RecommendationStatus, enumName: 'recommendation_status' })
  toStatus: RecommendationStatus;

  @Field({ description: 'When it moved' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;

  @Field(() => String, { nullable: true, description: 'Token name or user; null before auth exists' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  changedBy: string | null;

  @TranslatableField({ nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  note: Translations | null;

  @Field(() => String, { nullable: true, description: 'A link to the evidence for the change (e.g. the adopted law); null when none was given' })
  @Column({ type: 'varchar', length: 2048, nullable: true })
  evidenceUrl: string | null;
}
