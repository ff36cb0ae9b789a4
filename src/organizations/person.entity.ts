import { Node } from '../common/node.interface';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from './organization.entity';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';

@ObjectType({ implements: () => [Node], description: 'A person who takes part in meetings' })
@Entity()
export class Person {
  @Field(() => ID, { description: 'Global object id' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: "The person's full name as they write it" })
  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @TranslatableField({ nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  position: Translations | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'SET NULL' })
  @JoinColumn()
  organization?: Organization;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
