import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BarrierCategory } from './barrier-category.enum';

@ObjectType()
@Entity()
export class Barrier {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => BarrierCategory)
  @Index()
  @Column({ type: 'enum', enum: BarrierCategory, enumName: 'barrier_category' })
  category: BarrierCategory;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
