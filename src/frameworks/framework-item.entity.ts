import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Indicator } from '../action-plan/indicator.entity';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';
import { Recommendation } from '../recommendations/recommendation.entity';

/** The international frameworks the tracker maps its work to. */
export enum Framework {
  SDG = 'SDG',
  CEDAW = 'CEDAW',
  UPR = 'UPR',
}
registerEnumType(Framework, {
  name: 'Framework',
  description: 'An international framework that recommendations and indicators are mapped to',
  valuesMap: {
    SDG: { description: 'The Sustainable Development Goals: goals, targets and indicators' },
    CEDAW: { description: "The CEDAW Committee's concluding observations to Kyrgyzstan" },
    UPR: { description: "The Universal Periodic Review's recommendations to Kyrgyzstan, by document symbol" },
  },
});

/** What an item of a framework is. */
export enum FrameworkItemKind {
  GOAL = 'GOAL',
  TARGET = 'TARGET',
  INDICATOR = 'INDICATOR',
  PARAGRAPH = 'PARAGRAPH',
  DOCUMENT = 'DOCUMENT',
}
registerEnumType(FrameworkItemKind, {
  name: 'FrameworkItemKind',
  description: 'What an item of a framework is',
  valuesMap: {
    GOAL: { description: 'An SDG goal' },
    TARGET: { description: 'An SDG target' },
    INDICATOR: { description: 'An SDG indicator' },
    PARAGRAPH: { description: 'A paragraph (or subject) of concluding observations' },
    DOCUMENT: { description: 'A document, named by its symbol' },
  },
});

export const FRAMEWORK_CODE_MAX = 60;

/**
 * One item of a reference list (src/frameworks/lists/*.json, loaded by migration and edited by
 * ADMIN since): an SDG goal, target or indicator, a CEDAW paragraph, a UPR document.
 */
@ObjectType({ description: 'An item of an international framework (an SDG target or indicator, a CEDAW paragraph, a UPR document) that work is mapped to' })
@Entity()
@Index('UQ_framework_item_framework_code', ['framework', 'code'], { unique: true })
@Check('CHK_framework_item_framework', `"framework" IN ('SDG', 'CEDAW', 'UPR')`)
export class FrameworkItem {
  @Field(() => ID, { description: "The item's id" })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_framework_item' })
  id: string;

  @Field(() => Framework, { description: 'The framework it belongs to' })
  @Column({ type: 'varchar', length: 10 })
  framework: Framework;

  @Field({ description: "The official code (e.g. 5.5.1(b)), or the list's own code where the data file says so (e.g. CO5-TSM)" })
  @Column({ type: 'varchar', length: FRAMEWORK_CODE_MAX })
  code: string;

  @Field(() => FrameworkItemKind, { description: 'What the item is' })
  @Column({ type: 'varchar', length: 12 })
  kind: FrameworkItemKind;

  @Field(() => String, { nullable: true, description: 'The code of the item it belongs to (an indicator its target, a target its goal); null at the top' })
  @Column({ type: 'varchar', length: FRAMEWORK_CODE_MAX, nullable: true })
  parentCode: string | null;

  @TranslatableField({ description: 'A short title (not the official text)' })
  @Column({ type: 'jsonb' })
  title: Translations;

  @Field({ description: 'True when no official Kyrgyz title is known: Kyrgyz readers get another language' })
  @Column({ type: 'boolean', default: false })
  kyUntranslated: boolean;

  @Field(() => String, { nullable: true, description: 'The UN SDG Global Database series code, where known for sure' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  seriesCode: string | null;

  @Field(() => Int, { nullable: true, description: "The paragraph's number in its document, once checked; null when unknown" })
  @Column({ type: 'int', nullable: true })
  paragraph: number | null;

  @Field({ description: 'Where the item comes from (document and address)' })
  @Column({ type: 'text' })
  source: string;

  /** The order of the reference list. */
  @Column({ type: 'int', default: 0 })
  position: number;
}

/** A recommendation mapped to a framework item. */
@Entity()
@Index('IDX_recommendation_framework_item_item', ['frameworkItemId', 'recommendationId'])
export class RecommendationFrameworkItem {
  @PrimaryColumn({ type: 'uuid' })
  recommendationId: string;

  @PrimaryColumn({ type: 'uuid' })
  frameworkItemId: string;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn()
  recommendation?: Recommendation;

  @ManyToOne(() => FrameworkItem, { onDelete: 'CASCADE' })
  @JoinColumn()
  frameworkItem?: FrameworkItem;
}

/** An indicator mapped to a framework item. */
@Entity()
@Index('IDX_indicator_framework_item_item', ['frameworkItemId', 'indicatorId'])
export class IndicatorFrameworkItem {
  @PrimaryColumn({ type: 'uuid' })
  indicatorId: string;

  @PrimaryColumn({ type: 'uuid' })
  frameworkItemId: string;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn()
  indicator?: Indicator;

  @ManyToOne(() => FrameworkItem, { onDelete: 'CASCADE' })
  @JoinColumn()
  frameworkItem?: FrameworkItem;
}
