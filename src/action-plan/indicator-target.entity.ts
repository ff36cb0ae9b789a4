import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Indicator } from './indicator.entity';

@ObjectType({ description: 'The target of an indicator for one year' })
@Entity()
export class IndicatorTarget {
  @PrimaryColumn({ type: 'uuid' })
  indicatorId: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn()
  indicator?: Indicator;

  @Field(() => Int, { description: 'The plan year' })
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Field(() => Float, { description: 'The value to reach by the end of that year' })
  @Column({ type: 'double precision' })
  value: number;
}
