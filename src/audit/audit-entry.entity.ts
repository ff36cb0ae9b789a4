import { Node } from '../common/node.interface';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One committed change: who, what, on which record, the state before and after. Written in the change's transaction. */
@ObjectType({ implements: () => [Node], description: 'One committed change: who made it, what, on which record, the state before and after' })
@Entity()
@Index('IDX_audit_entry_at_id', ['at', 'id'])
@Index('IDX_audit_entry_entity', ['entityType', 'entityId', 'at'])
export class AuditEntry {
  @Field(() => ID, { description: 'Global object id' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /**
   * Millisecond precision, so cursors (JS Dates) compare exactly. The time of the insert,
   * not of the transaction's start (now()): a writer that waited for another's lock
   * commits after it, and its entry must not sort before the other's.
   */
  @Field({ description: 'When the change was committed' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  at: Date;

  @Field(() => ID, { nullable: true, description: 'Null for the bootstrap ADMIN_TOKEN' })
  @Column({ type: 'uuid', nullable: true })
  actorTokenId: string | null;

  /** The person behind the change (a signed-in user or their personal token); null for other tokens. */
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field({ description: "Who made the change: the token's name or the user's display name" })
  @Column({ type: 'varchar', length: 200 })
  actorName: string;

  @Field({ description: 'E.g. recommendation.transition' })
  @Column({ type: 'varchar', length: 80 })
  action: string;

  @Field({ description: 'E.g. Recommendation' })
  @Column({ type: 'varchar', length: 80 })
  entityType: string;

  @Field(() => ID, { description: 'The id of the changed record' })
  @Column({ type: 'uuid' })
  entityId: string;

  /** Exposed as JSON text by AuditResolver. */
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'The x-request-id of the request that made the change; null for changes made outside a request (CLI, seed)' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
