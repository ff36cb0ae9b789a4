import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PublicEventRecord } from '../public-events/public-event.entity';
import { PublicEventType } from '../public-events/public-event';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** Where one delivery stands. */
export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands',
  valuesMap: {
    PENDING: { description: 'Not delivered yet: queued, or waiting for its next attempt' },
    DELIVERED: { description: 'The endpoint answered 2xx' },
    FAILED: { description: 'Given up: every attempt failed (about a day), or the endpoint was disabled' },
  },
});

/**
 * One event for one endpoint. Its id is the `webhook-id` header (the same on every attempt and
 * redelivery); UNIQUE (endpoint, event) is what makes a retried dispatch, or a second instance,
 * deliver an event once.
 */
@ObjectType({ description: 'One public event sent to one endpoint, with its attempts' })
@Entity('webhook_delivery')
@Index('UQ_webhook_delivery_endpoint_event', ['endpointId', 'publicEventId'], { unique: true })
@Index('IDX_webhook_delivery_endpoint_created', ['endpointId', 'createdAt'])
@Index('IDX_webhook_delivery_public_event', ['publicEventId'])
@Check('CHK_webhook_delivery_status', `"status" IN ('PENDING', 'DELIVERED', 'FAILED')`)
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also the webhook-id header of every attempt' })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_webhook_delivery' })
  id: string;

  @Column({ type: 'uuid' })
  endpointId: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_webhook_delivery_endpoint' })
  endpoint?: WebhookEndpoint;

  @Field(() => ID, { description: 'The public event delivered' })
  @Column({ type: 'uuid' })
  publicEventId: string;

  @ManyToOne(() => PublicEventRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_webhook_delivery_public_event' })
  publicEvent?: PublicEventRecord;

  @Field(() => PublicEventType, { description: 'The kind of event delivered' })
  @Column({ type: 'varchar', length: 60 })
  eventType: PublicEventType;

  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands' })
  @Column({ type: 'varchar', length: 20, default: WebhookDeliveryStatus.PENDING })
  status: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far (redeliveries included)' })
  @Column({ type: 'int', default: 0 })
  attemptCount: number;

  @Field({ description: 'When the event became this delivery' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When it was last attempted; null before the first attempt' })
  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the queue will try again (an estimate from its backoff); null when not waiting' })
  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the endpoint last answered 2xx; null until then' })
  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}

/** One POST of a delivery: what the endpoint answered, or why nothing was answered. */
@ObjectType({ description: 'One attempt at a webhook delivery' })
@Entity('webhook_attempt')
@Index('UQ_webhook_attempt_delivery_number', ['deliveryId', 'number'], { unique: true })
export class WebhookAttempt {
  @Field(() => ID, { description: "The attempt's id" })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_webhook_attempt' })
  id: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_webhook_attempt_delivery' })
  delivery?: WebhookDelivery;

  @Field(() => Int, { description: '1, 2, … per delivery' })
  @Column({ type: 'int' })
  number: number;

  @Field({ description: 'When the POST began' })
  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Field(() => Int, { description: 'Milliseconds until the answer or the failure' })
  @Column({ type: 'int' })
  durationMs: number;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when none was (refused address, timeout, network error)' })
  @Column({ type: 'int', nullable: true })
  httpStatus: number | null;

  @Field(() => String, { nullable: true, description: 'Why the attempt failed without an answer, or null' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  error: string | null;

  @Field(() => String, { nullable: true, description: "The answer's first kilobyte (as text)" })
  @Column({ type: 'varchar', length: 1024, nullable: true })
  responseExcerpt: string | null;
}
