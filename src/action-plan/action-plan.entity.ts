import { Node } from '../common/node.interface';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalarType } from '../common/scalars/date.scalar';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';

@ObjectType({ implements: () => [Node] })
@Entity()
@Index('UQ_action_plan_code', ['code'], { unique: true })
@Check('CHK_action_plan_years', '"start_year" <= "end_year"')
@Check('CHK_action_plan_reporting_lag', '"reporting_lag_days" BETWEEN 0 AND 366')
export class ActionPlan {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @TranslatableField()
  @Column({ type: 'jsonb' })
  title: Translations;

  @Field(() => String, { nullable: true, description: 'e.g. Presidential Decree' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  approvedBy: string | null;

  @Field(() => DateScalarType, { nullable: true })
  @Column({ type: 'date', nullable: true })
  approvedOn: string | null;

  @Field(() => Int)
  @Column({ type: 'int' })
  startYear: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  endYear: number;

  @Field(() => Int, { description: "days after a period's end by which its values are expected; valuesKnownBy defaults to asOf plus this lag" })
  @Column({ type: 'int', default: 45 })
  reportingLagDays: number;

  /** Optimistic concurrency: bumped by every change, checked in SQL (see src/database/versioned-update.ts). */
  @Field(() => Int, { description: 'increments on every change; pass it as expectedVersion to update' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
