import { Node } from '../common/node.interface';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BarrierCategory } from './barrier-category.enum';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';

@ObjectType({ implements: () => [Node], description: "An obstacle to women's political participation raised at one or more meetings" })
@Entity()
export class Barrier {
  @Field(() => ID, { description: 'Global object id' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @TranslatableField()
  @Column({ type: 'jsonb' })
  title: Translations;

  @TranslatableField({ nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  description: Translations | null;

  @Field(() => BarrierCategory, { description: 'The kind of obstacle' })
  @Index()
  @Column({ type: 'enum', enum: BarrierCategory, enumName: 'barrier_category' })
  category: BarrierCategory;

  /** Optimistic concurrency: bumped by every change, checked in SQL (see src/database/versioned-update.ts). */
  @Field(() => Int, { description: 'Increments on every change; pass it as expectedVersion to update' })
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
