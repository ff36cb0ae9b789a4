import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';

/**
 * A dimension values are broken down by (sex, age group, territory, urban/rural), with its
 * members. The reference lists come from migration Dimensions; an ADMIN adds more.
 */
@ObjectType({ description: 'A dimension values are broken down by: sex, age group, territory, urban or rural, …' })
@Entity()
@Index('UQ_dimension_code', ['code'], { unique: true })
export class Dimension {
  @Field(() => ID, { description: "The dimension's id" })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_dimension' })
  id: string;

  @Field({ description: 'Its code, e.g. SEX, AGE, TERRITORY' })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @TranslatableField({ description: 'Its name in the requested locale' })
  @Column({ type: 'jsonb' })
  name: Translations;

  @Field(() => String, { nullable: true, description: 'The SDMX concept it corresponds to, e.g. SEX, AGE, REF_AREA, URBANISATION' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  sdmxConcept: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One member of a dimension (F, 25-34, Sokuluk district), possibly below a parent (a district below its oblast). */
@ObjectType({ description: 'A member of a dimension, e.g. women, 25-34, Sokuluk district' })
@Entity()
@Index('UQ_dimension_member_code', ['dimensionId', 'code'], { unique: true })
@Index('IDX_dimension_member_parent', ['parentId'])
export class DimensionMember {
  @Field(() => ID, { description: "The member's id" })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_dimension_member' })
  id: string;

  @Column({ type: 'uuid' })
  dimensionId: string;

  @ManyToOne(() => Dimension, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_dimension_member_dimension' })
  dimension?: Dimension;

  @Field({ description: 'Its code, unique within its dimension, e.g. F, 25-34, CHUI-SOKULUK' })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @TranslatableField({ description: 'Its name in the requested locale' })
  @Column({ type: 'jsonb' })
  name: Translations;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => DimensionMember, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_dimension_member_parent' })
  parent?: DimensionMember;

  @Field(() => String, {
    nullable: true,
    description: "Its code in an official classifier: for territories the state classifier of territorial units (СОАТЕ / SOATE); null where not known",
  })
  @Column({ type: 'varchar', length: 20, nullable: true })
  officialCode: string | null;

  @Field(() => String, { nullable: true, description: 'Its code in the SDMX code list of its dimension, e.g. F, M, Y25T34' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  sdmxCode: string | null;

  @Field(() => Int, { description: 'Its place in lists of its dimension (smaller first)' })
  @Column({ type: 'int', default: 0 })
  ordering: number;
}
