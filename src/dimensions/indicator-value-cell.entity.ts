import { Field, Float, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IndicatorValueVersion } from '../action-plan/indicator-value-version.entity';

/**
 * One cell of a version's breakdown: the value for one combination of members (one per
 * dimension the indicator declares), with numerator and denominator for a ratio. A cell
 * belongs to a version, so a breakdown is reviewed and corrected with its value.
 */
@ObjectType({ description: "One cell of a value's breakdown: the value for one combination of dimension members" })
@Entity()
@Index('UQ_indicator_value_cell_combination', ['versionId', 'memberIds'], { unique: true })
@Check('CHK_indicator_value_cell_ratio', '("numerator" IS NULL) = ("denominator" IS NULL) AND ("denominator" IS NULL OR "denominator" > 0)')
export class IndicatorValueCell {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_indicator_value_cell' })
  id: string;

  @Column({ type: 'uuid' })
  versionId: string;

  @ManyToOne(() => IndicatorValueVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_indicator_value_cell_version' })
  version?: IndicatorValueVersion;

  /** The combination's canonical key: its member ids, sorted. */
  @Column({ type: 'uuid', array: true })
  memberIds: string[];

  @Field(() => Float, { description: "The cell's value (for a ratio: numerator / denominator, × 100 for a percentage)" })
  @Column({ type: 'double precision' })
  value: number;

  @Field(() => Float, { nullable: true, description: 'For a ratio: the numerator (e.g. women deputies)' })
  @Column({ type: 'double precision', nullable: true })
  numerator: number | null;

  @Field(() => Float, { nullable: true, description: 'For a ratio: the denominator (e.g. all deputies)' })
  @Column({ type: 'double precision', nullable: true })
  denominator: number | null;
}
