import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalarType } from '../common/scalars/date.scalar';
import { Priority } from './recommendation.enums';
import { Recommendation } from './recommendation.entity';

/**
 * One entry of a recommendation's fact history: its due date, priority and
 * responsible organisations as they stood from `changedAt` on, until the next
 * entry. Appended (never changed) in the transaction that creates the
 * recommendation or changes one of these facts, so that a report as of a day
 * reads them as they stood on that day, as it reads the status from
 * status_change. The first entry is the creation (or, for rows loaded in bulk
 * without one, the state before their first change through the service).
 */
@ObjectType({ description: 'Due date, priority and responsible organisations from changedAt until the next entry' })
@Entity()
@Index('UQ_recommendation_fact_change_recommendation_version', ['recommendationId', 'version'], { unique: true })
// Deadline changes in the order they were made (the deadline-changes export's window over each recommendation).
@Index('IDX_recommendation_fact_change_changed_at_id', ['changedAt', 'id'])
export class RecommendationFactChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  recommendationId: string;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn()
  recommendation?: Recommendation;

  /** The recommendation's version this entry describes; orders the history. */
  @Field(() => Int, { description: 'The recommendation’s version from which these facts hold' })
  @Column({ type: 'int' })
  version: number;

  @Field(() => DateScalarType, { nullable: true, description: 'The due date then; null when none was set' })
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Field(() => Priority, { description: 'The priority then' })
  @Column({ type: 'enum', enum: Priority, enumName: 'priority' })
  priority: Priority;

  /** The responsible organisations' ids (sorted); resolved to organisations by a loader. */
  @Field(() => [ID], { description: 'The ids of the responsible organisations then' })
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  responsibleOrganizationIds: string[];

  /** Millisecond precision, as the recommendation's updated_at: an entry and the write that made it carry the same instant. */
  @Field({ description: 'When these facts took effect' })
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  changedAt: Date;

  @Field(() => String, { nullable: true, description: 'Token name or user; null when not known (history rebuilt from rows without an audit entry)' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  changedBy: string | null;
}
