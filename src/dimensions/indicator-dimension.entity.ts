import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Indicator } from '../action-plan/indicator.entity';
import { Dimension } from './dimension.entity';

/** A dimension an indicator's values are broken down by, in the order the indicator declares them. */
@Entity()
@Index('IDX_indicator_dimension_dimension', ['dimensionId'])
export class IndicatorDimension {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_indicator_dimension' })
  indicatorId: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_indicator_dimension_indicator' })
  indicator?: Indicator;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_indicator_dimension' })
  dimensionId: string;

  @ManyToOne(() => Dimension, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_indicator_dimension_dimension' })
  dimension?: Dimension;

  @Column({ type: 'int' })
  position: number;
}
