import { Node } from '../common/node.interface';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationKind } from './organization-kind.enum';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';

@ObjectType({ implements: () => [Node], description: 'A state body, local government, NGO or international organisation' })
@Entity()
// Unique per locale regardless of case, lower(name->>'ky') etc., created by migration TranslatableContent
// (expressions TypeORM cannot declare).
@Index('UQ_organization_name_ky', { synchronize: false })
@Index('UQ_organization_name_ru', { synchronize: false })
@Index('UQ_organization_name_en', { synchronize: false })
export class Organization {
  @Field(() => ID, { description: 'Global object id' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @TranslatableField()
  @Column({ type: 'jsonb' })
  name: Translations;

  @Field(() => OrganizationKind, { description: 'What kind of organisation it is' })
  @Column({ type: 'enum', enum: OrganizationKind, enumName: 'organization_kind' })
  kind: OrganizationKind;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
