import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Indicator } from './indicator.entity';

@ObjectType()
@Entity()
export class IndicatorTarget {
  @PrimaryColumn({ type: 'uuid' })
  indicatorId: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn()
  indicator?: Indicator;

  @Field(() => Int)
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Field(() => Float)
  @Column({ type: 'double precision' })
  value: number;
}
