import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';
import { IndicatorValue } from './indicator-value.entity';

/** Where a version of a value stands in review (SUBMITTED → APPROVED or SUBMITTED → RETURNED). */
export enum ReviewStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}
registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: 'Where a version of a value stands in review: SUBMITTED, then APPROVED or RETURNED',
  valuesMap: {
    SUBMITTED: { description: 'Waiting for review; not public' },
    APPROVED: { description: 'Checked by a reviewer other than its submitter; public, locked' },
    RETURNED: { description: 'Sent back to the submitter with a reason; a correction is a new version' },
  },
});

/**
 * One version of a reported value: every write (page, API, import) adds one, numbered
 * 1, 2, … per value; nothing is overwritten. Which version counts in a report is chosen
 * "as known by" a date (action-plan.repository.ts, knownValuesSql).
 */
@ObjectType({ description: 'One version of a reported value: every write adds one, nothing is overwritten' })
@Entity()
@Index('UQ_indicator_value_version_number', ['indicatorValueId', 'number'], { unique: true })
@Index('IDX_indicator_value_version_status', ['reviewStatus', 'submittedAt'])
@Check('CHK_indicator_value_version_status', `"review_status" IN ('SUBMITTED', 'APPROVED', 'RETURNED')`)
@Check('CHK_indicator_value_version_number', '"number" >= 1')
export class IndicatorValueVersion {
  @Field(() => ID, { description: "The version's id" })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  indicatorValueId: string;

  @ManyToOne(() => IndicatorValue, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_indicator_value_version_value' })
  indicatorValue?: IndicatorValue;

  @Field(() => Int, { description: '1 for the first submission, 2 for its first correction, …' })
  @Column({ type: 'int' })
  number: number;

  @Field(() => Float, { description: 'The value this version states' })
  @Column({ type: 'double precision' })
  value: number;

  @TranslatableField({ nullable: true, description: 'Where the value comes from' })
  @Column({ type: 'jsonb', nullable: true })
  source: Translations | null;

  @TranslatableField({ nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  note: Translations | null;

  @Field({ description: 'When this version was submitted' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;

  @Field(() => String, { nullable: true, description: 'Who submitted it (token name or user)' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  submittedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  submittedByUserId: string | null;

  @Field(() => String, { nullable: true, description: 'Why this version corrects the previous one (required from version 2)' })
  @Column({ type: 'text', nullable: true })
  correctionReason: string | null;

  @Field(() => ReviewStatus, { description: 'Where this version stands in review' })
  @Column({ type: 'varchar', length: 10, default: ReviewStatus.SUBMITTED })
  reviewStatus: ReviewStatus;

  @Field(() => Date, { nullable: true, description: 'When it was approved or returned; null while SUBMITTED' })
  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who approved or returned it; null while SUBMITTED' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedByUserId: string | null;

  @Field(() => String, { nullable: true, description: 'Why the reviewer returned it (RETURNED only)' })
  @Column({ type: 'text', nullable: true })
  returnReason: string | null;
}
