import { Node } from '../common/node.interface';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationKind } from './organization-kind.enum';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';

@ObjectType({ implements: () => [Node] })
@Entity()
// Unique per locale regardless of case, lower(name->>'ky') etc., created by migration TranslatableContent
// (expressions TypeORM cannot declare).
@Index('UQ_organization_name_ky', { synchronize: false })
@Index('UQ_organization_name_ru', { synchronize: false })
@Index('UQ_organization_name_en', { synchronize: false })
export class Organization {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @TranslatableField()
  @Column({ type: 'jsonb' })
  name: Translations;

  @Field(() => OrganizationKind)
  @Column({ type: 'enum', enum: OrganizationKind, enumName: 'organization_kind' })
  kind: OrganizationKind;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
