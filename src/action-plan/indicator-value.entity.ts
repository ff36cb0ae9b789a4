import { Node } from '../common/node.interface';
import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Indicator } from './indicator.entity';

/** Who recorded the sample's (illustrative) values: the seed writes it, the pages look for it to say so. */
export const SAMPLE_VALUE_RECORDER = 'sample data';

/**
 * The slot of a reported value for a year ("2025") or a quarter ("2025-Q3"); one per indicator
 * and period, first recorded at recordedAt by recordedBy. Its versions (IndicatorValueVersion)
 * hold what was reported; value, source and note here are a copy of the latest APPROVED version,
 * null before one is approved. Readers that serve an IndicatorValue read it through
 * knownValuesSql, which fills them from the version that counts (never null there).
 */
@ObjectType({ implements: () => [Node], description: 'The reported value of an indicator for one period (a year or a quarter), as its latest version states it' })
@Entity()
@Index('UQ_indicator_value_period', ['indicatorId', 'period'], { unique: true })
@Index('IDX_indicator_value_year', ['indicatorId', 'year', 'quarter'])
// The latest recorded values first (home page, Atom feeds).
@Index('IDX_indicator_value_recorded_at_id', ['recordedAt', 'id'])
@Check('CHK_indicator_value_quarter', '"quarter" IS NULL OR "quarter" BETWEEN 1 AND 4')
export class IndicatorValue {
  @Field(() => ID, { description: 'Global id of the value (stable across its versions)' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  indicatorId: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn()
  indicator?: Indicator;

  @Field({ description: '"2025" (a year) or "2025-Q3" (a quarter)' })
  @Column({ type: 'varchar', length: 7 })
  period: string;

  /** Parsed from `period` (see parsePeriod) so progress can be computed in SQL. */
  @Column({ type: 'int' })
  year: number;

  /** null for an annual value. */
  @Column({ type: 'smallint', nullable: true })
  quarter: number | null;

  @Field(() => Float, { description: 'The value of the version that counts for the reader (the latest approved one, for the public)' })
  @Column({ type: 'double precision', nullable: true })
  value: number;

  @TranslatableField({ nullable: true, description: 'Where the value comes from' })
  @Column({ type: 'jsonb', nullable: true })
  source: Translations | null;

  @TranslatableField({ nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  note: Translations | null;

  @Field({ description: 'When this version was recorded' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Field(() => String, { nullable: true, description: 'Who recorded this version (token name or user)' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  recordedBy: string | null;
}
