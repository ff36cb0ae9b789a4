import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Indicator } from './indicator.entity';

/** The target of one quarter of a plan year, for a QUARTERLY indicator: one per indicator, year and quarter. */
@ObjectType({ description: "A quarter's target (a QUARTERLY indicator's in-year milestone)" })
@Entity()
@Check('CHK_indicator_milestone_quarter', '"quarter" BETWEEN 1 AND 4')
export class IndicatorMilestone {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_indicator_milestone' })
  indicatorId: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_indicator_milestone_indicator' })
  indicator?: Indicator;

  @Field(() => Int, { description: 'The plan year' })
  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'PK_indicator_milestone' })
  year: number;

  @Field(() => Int, { description: '1 to 4' })
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_indicator_milestone' })
  quarter: number;

  @Field(() => Float, { description: 'The target for that quarter' })
  @Column({ type: 'double precision' })
  value: number;
}
