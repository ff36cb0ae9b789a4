import { Node } from '../common/node.interface';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BarrierCategory } from './barrier-category.enum';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';

@ObjectType({ implements: () => [Node] })
@Entity()
export class Barrier {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @TranslatableField()
  @Column({ type: 'jsonb' })
  title: Translations;

  @TranslatableField({ nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  description: Translations | null;

  @Field(() => BarrierCategory)
  @Index()
  @Column({ type: 'enum', enum: BarrierCategory, enumName: 'barrier_category' })
  category: BarrierCategory;

  /** Optimistic concurrency: bumped by every change, checked in SQL (see src/database/versioned-update.ts). */
  @Field(() => Int, { description: 'increments on every change; pass it as expectedVersion to update' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
