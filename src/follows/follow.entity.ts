import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Indicator } from '../action-plan/indicator.entity';
import { Organization } from '../organizations/organization.entity';
import { Recommendation } from '../recommendations/recommendation.entity';

/**
 * Someone following one public record by e-mail (no account). The address is personal data kept
 * for this only: the row is deleted on unsubscribe, an unconfirmed one after FOLLOW_CONFIRM_DAYS,
 * and with the record it follows (ON DELETE CASCADE). Never exported, never logged in clear.
 * Exactly one of the three records is set; the three UNIQUE pairs hold per kind of record because
 * PostgreSQL's NULLs are distinct (a follow of an indicator does not clash on recommendation_id).
 */
@Entity()
@Check('CHK_follow_one_record', 'num_nonnulls("recommendation_id", "indicator_id", "organization_id") = 1')
@Check('CHK_follow_language', `"language" IN ('ky', 'ru', 'en')`)
@Unique('UQ_follow_email_recommendation', ['email', 'recommendationId'])
@Unique('UQ_follow_email_indicator', ['email', 'indicatorId'])
@Unique('UQ_follow_email_organization', ['email', 'organizationId'])
export class Follow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Normalised: trimmed, the domain lower-cased (the local part is the mailbox's to interpret). */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Index('IDX_follow_recommendation')
  @Column({ type: 'uuid', nullable: true })
  recommendationId: string | null;

  @ManyToOne(() => Recommendation, { onDelete: 'CASCADE' })
  @JoinColumn()
  recommendation?: Recommendation;

  @Index('IDX_follow_indicator')
  @Column({ type: 'uuid', nullable: true })
  indicatorId: string | null;

  @ManyToOne(() => Indicator, { onDelete: 'CASCADE' })
  @JoinColumn()
  indicator?: Indicator;

  @Index('IDX_follow_organization')
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  /** The language of the page the form was sent from: every mail is written in it. */
  @Column({ type: 'varchar', length: 2 })
  language: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Null until the address's owner confirmed (double opt-in): nothing but the confirmation is mailed before. */
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastConfirmationSentAt: Date | null;
}
