import { Node } from '../common/node.interface';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import { User } from '../accounts/user.entity';
import { ActionPlan } from './action-plan.entity';
import { IndicatorDirection, IndicatorMeasure, IndicatorValueKind, ReportingFrequency, TotalSource } from './action-plan.enums';
import { IndicatorUnit } from './indicator-unit';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';

@ObjectType({ implements: () => [Node], description: 'A measurable indicator of an action plan, with a baseline, yearly targets and reported values' })
@Entity()
@Index('UQ_indicator_plan_code', ['actionPlanId', 'code'], { unique: true })
@Index('IDX_indicator_code_id', ['code', 'id'])
// `search` over code and name (pg_trgm, where available), created by migrations/…-ListIndexes.
@Index('IDX_indicator_search_trgm', { synchronize: false })
export class Indicator {
  @Field(() => ID, { description: 'Global object id' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  actionPlanId: string;

  @ManyToOne(() => ActionPlan, { onDelete: 'CASCADE' })
  @JoinColumn()
  actionPlan?: ActionPlan;

  @Field({ description: 'Unique within its plan, e.g. WL-1' })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @TranslatableField()
  @Column({ type: 'jsonb' })
  name: Translations;

  @Field({ description: 'E.g. "%" or "people", as written when the indicator was created' })
  @Column({ type: 'varchar', length: 40 })
  unit: string;

  @Field(() => IndicatorUnit, {
    nullable: true,
    description: "The unit as a code the pages, exports and reports write in the reader's language with plural forms; null for a unit they do not know (then `unit` is shown as written)",
  })
  @Column({ type: 'varchar', length: 20, nullable: true })
  unitCode: IndicatorUnit | null;

  @Field(() => IndicatorDirection, { description: 'Whether higher or lower is better' })
  @Column({ type: 'enum', enum: IndicatorDirection, enumName: 'indicator_direction' })
  direction: IndicatorDirection;

  @Field(() => IndicatorMeasure, { description: 'What a value measures: a level, a flow within its period, or a running total since the baseline' })
  @Column({ type: 'enum', enum: IndicatorMeasure, enumName: 'indicator_measure', default: IndicatorMeasure.LEVEL })
  measure: IndicatorMeasure;

  @Field(() => ReportingFrequency, { description: 'How often a value is due' })
  @Column({ type: 'enum', enum: ReportingFrequency, enumName: 'reporting_frequency', default: ReportingFrequency.YEARLY })
  reportingFrequency: ReportingFrequency;

  @Field(() => IndicatorValueKind, { description: 'Whether a value is a number or a ratio recorded as numerator and denominator' })
  @Column({ type: 'enum', enum: IndicatorValueKind, enumName: 'indicator_value_kind', default: IndicatorValueKind.NUMBER })
  valueKind: IndicatorValueKind;

  @Field(() => TotalSource, { description: 'For a value broken down by dimensions: whether its total is recorded or derived from the parts' })
  @Column({ type: 'enum', enum: TotalSource, enumName: 'total_source', default: TotalSource.DERIVED })
  totalSource: TotalSource;

  @Field(() => Int, { nullable: true, description: 'The year the baseline was measured' })
  @Column({ type: 'int', nullable: true })
  baselineYear: number | null;

  @Field(() => Float, { nullable: true, description: 'The value at the start (the baseline)' })
  @Column({ type: 'double precision', nullable: true })
  baselineValue: number | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  responsibleOrganizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn()
  responsibleOrganization?: Organization;

  /**
   * The officer who reports its values: a user of its responsible organisation (checked by
   * IndicatorsService), told of its reporting deadlines before the focal points; null when none.
   * Exposed as `responsibleOfficer` (src/responsibility).
   */
  @Index('IDX_indicator_responsible_user')
  @Column({ type: 'uuid', nullable: true })
  responsibleUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn()
  responsibleUser?: User;

  /** Optimistic concurrency: bumped by every change, checked in SQL (see src/database/versioned-update.ts). */
  @Field(() => Int, { description: 'Increments on every change; pass it as expectedVersion to update' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
