import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationKind } from './organization-kind.enum';

@ObjectType()
@Entity()
// Unique on lower(name), created by migration OrganizationNameCaseInsensitive (an expression TypeORM cannot declare).
@Index('UQ_organization_name', { synchronize: false })
export class Organization {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Field(() => OrganizationKind)
  @Column({ type: 'enum', enum: OrganizationKind, enumName: 'organization_kind' })
  kind: OrganizationKind;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
