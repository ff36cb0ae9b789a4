import { Node } from '../common/node.interface';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalarType } from '../common/scalars/date.scalar';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';

/** Days after a period's end by which its values are expected, where a plan says nothing else. */
export const DEFAULT_REPORTING_LAG_DAYS = 45;

@ObjectType({ implements: () => [Node], description: 'A national or local action plan whose indicators measure progress on the recommendations' })
@Entity()
@Index('UQ_action_plan_code', ['code'], { unique: true })
@Check('CHK_action_plan_years', '"start_year" <= "end_year"')
@Check('CHK_action_plan_reporting_lag', '"reporting_lag_days" BETWEEN 0 AND 366')
export class ActionPlan {
  @Field(() => ID, { description: 'Global object id' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Unique, human-readable, e.g. NAP-2022-2026' })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @TranslatableField()
  @Column({ type: 'jsonb' })
  title: Translations;

  @Field(() => String, { nullable: true, description: 'E.g. Presidential Decree' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  approvedBy: string | null;

  @Field(() => DateScalarType, { nullable: true, description: 'The day the plan was approved; null when not known' })
  @Column({ type: 'date', nullable: true })
  approvedOn: string | null;

  @Field(() => Int, { description: "The plan's first year" })
  @Column({ type: 'int' })
  startYear: number;

  @Field(() => Int, { description: "The plan's last year" })
  @Column({ type: 'int' })
  endYear: number;

  @Field(() => Int, { description: "Days after a period's end by which its values are expected; valuesKnownBy defaults to asOf plus this lag" })
  @Column({ type: 'int', default: DEFAULT_REPORTING_LAG_DAYS })
  reportingLagDays: number;

  /** Optimistic concurrency: bumped by every change, checked in SQL (see src/database/versioned-update.ts). */
  @Field(() => Int, { description: 'Increments on every change; pass it as expectedVersion to update' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
