import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { PublicEventType } from '../public-events/public-event';

// PublicEventType is registered for GraphQL with the type itself (src/public-events/public-event.ts).

/**
 * A URL that is told about public events, owned by the secretariat (organizationId null, managed
 * by ADMINs) or by one NGO organisation. Its signing secret is stored to sign with and shown only
 * when created or rotated.
 */
@ObjectType({ description: 'A URL the service POSTs signed public events to (Standard Webhooks)' })
@Entity('webhook_endpoint')
@Index('IDX_webhook_endpoint_organization', ['organizationId'])
@Check('CHK_webhook_endpoint_event_types', 'cardinality("event_types") >= 1')
export class WebhookEndpoint {
  @Field(() => ID, { description: "The endpoint's id" })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_webhook_endpoint' })
  id: string;

  @Field({ description: 'Where deliveries are POSTed (http or https)' })
  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Field({ description: 'What the endpoint is for, as its owner describes it' })
  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  @Field(() => [PublicEventType], { description: 'The events it receives' })
  @Column({ type: 'varchar', length: 60, array: true })
  eventTypes: PublicEventType[];

  @Field(() => ID, { nullable: true, description: "The NGO organisation that owns it; null for the secretariat's endpoints" })
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_webhook_endpoint_organization' })
  organization?: Organization;

  /** `whsec_` + base64 of 32 random bytes; never in the API after creation or rotation, never audited. */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  @Field({ description: 'Whether deliveries are made; false once disabled (by hand, or after a day of failures)' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date, { nullable: true, description: 'When it was disabled; null while active' })
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was disabled; null while active' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason: string | null;

  @Field(() => Date, { nullable: true, description: 'Since when every attempt has failed; null after a success' })
  @Column({ type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Field({ description: 'When it was registered' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

