import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalarType } from '../common/scalars/date.scalar';
import { TranslatableField } from '../i18n/translatable-field';
import type { Translations } from '../i18n/translations';
import { Organization } from '../organizations/organization.entity';
import { RecommendationStatus } from '../recommendations/recommendation.enums';
import { Recommendation } from '../recommendations/recommendation.entity';

/** Where a version of an independent assessment stands in moderation (SUBMITTED → PUBLISHED or SUBMITTED → RETURNED). */
export enum AssessmentReviewStatus {
  SUBMITTED = 'SUBMITTED',
  PUBLISHED = 'PUBLISHED',
  RETURNED = 'RETURNED',
}
registerEnumType(AssessmentReviewStatus, {
  name: 'AssessmentReviewStatus',
  description: 'Where a version of an independent assessment stands in moderation: SUBMITTED, then PUBLISHED or RETURNED',
  valuesMap: {
    SUBMITTED: { description: 'Waiting for moderation; seen only by its organisation and the secretariat' },
    PUBLISHED: { description: 'Checked for form and safety by an EDITOR (not for agreement) and public; a change is a new version' },
    RETURNED: { description: 'Sent back to the organisation with a reason; a correction is a new version' },
  },
});

/**
 * One civil-society organisation's assessment of one recommendation: the slot its versions
 * hang from (submissions of one slot queue behind its row lock).
 */
@Entity()
@Index('UQ_independent_assessment_recommendation_organization', ['recommendationId', 'organizationId'], { unique: true })
@Index('IDX_independent_assessment_organization', ['organizationId'])
export class IndependentAssessment {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_independent_assessment' })
  id: string;

  @Column({ type: 'uuid' })
  recommendationId: string;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_independent_assessment_recommendation' })
  recommendation?: Recommendation;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_independent_assessment_organization' })
  organization?: Organization;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * One version of an independent assessment: every submission (a first one or an edit) adds
 * one, numbered 1, 2, … per organisation and recommendation; nothing is overwritten. The
 * public sees each organisation's latest PUBLISHED version.
 */
@ObjectType({
  description:
    "One version of a civil-society organisation's independent assessment of a recommendation: its own status on the official scale, " +
    'a text and evidence; every edit adds a version, published after moderation for form and safety (not agreement)',
})
@Entity('assessment_version')
@Index('UQ_assessment_version_number', ['assessmentId', 'number'], { unique: true })
@Index('IDX_assessment_version_recommendation', ['recommendationId', 'organizationId', 'number'])
@Index('IDX_assessment_version_status', ['reviewStatus', 'submittedAt'])
@Check('CHK_assessment_version_status', `"review_status" IN ('SUBMITTED', 'PUBLISHED', 'RETURNED')`)
@Check('CHK_assessment_version_number', '"number" >= 1')
@Check('CHK_assessment_version_evidence', 'cardinality("evidence_urls") <= 10')
export class Assessment {
  @Field(() => ID, { description: "The version's id" })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_assessment_version' })
  id: string;

  @Column({ type: 'uuid' })
  assessmentId: string;

  @ManyToOne(() => IndependentAssessment, { onDelete: 'CASCADE' })
  @JoinColumn({ foreignKeyConstraintName: 'FK_assessment_version_assessment' })
  assessment?: IndependentAssessment;

  /** The slot's recommendation and organisation, copied so lists and loaders read one table. */
  @Column({ type: 'uuid' })
  recommendationId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => Int, { description: "1 for the organisation's first assessment of the recommendation, 2 for its first edit, …" })
  @Column({ type: 'int' })
  number: number;

  @Field(() => RecommendationStatus, { description: 'Where the organisation sees the recommendation, on the same scale as the official status' })
  @Column({ type: 'enum', enum: RecommendationStatus, enumName: 'recommendation_status' })
  status: RecommendationStatus;

  @TranslatableField({ description: "The organisation's reasons, in at least one of Kyrgyz, Russian and English" })
  @Column({ type: 'jsonb' })
  text: Translations;

  @Field(() => [String], { description: 'Links to the evidence (http or https), at most 10' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  evidenceUrls: string[];

  @Field(() => DateScalarType, { description: 'The day the organisation made its assessment' })
  @Column({ type: 'date' })
  assessedOn: string;

  @Field({ description: 'When this version was submitted' })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  submittedAt: Date;

  /** Who submitted it (a person's display name or a token's name): shown to its organisation and the secretariat only. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  submittedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  submittedByUserId: string | null;

  @Field(() => AssessmentReviewStatus, { description: 'Where this version stands in moderation' })
  @Column({ type: 'varchar', length: 10, default: AssessmentReviewStatus.SUBMITTED })
  reviewStatus: AssessmentReviewStatus;

  @Field(() => Date, { nullable: true, description: 'When it was published or returned; null while SUBMITTED' })
  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedByUserId: string | null;

  @Field(() => String, { nullable: true, description: 'Why the secretariat returned it (RETURNED only)' })
  @Column({ type: 'text', nullable: true })
  returnReason: string | null;
}
