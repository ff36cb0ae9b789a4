import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { NotificationDigest } from './notification-digest.entity';

/**
 * One thing one person is told (in the application; by mail too where configured). Written by the
 * delivery job of an event, never by the write itself; `dedupeKey` (the event's occurrence and the
 * recipient) makes a delivery that runs twice write nothing the second time.
 */
@Entity()
@Index('UQ_notification_dedupe_key', ['dedupeKey'], { unique: true })
@Index('IDX_notification_recipient_created', ['recipientId', 'createdAt'])
@Index('IDX_notification_digest', ['digestId'], { where: '"digest_id" IS NOT NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  recipientId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  recipient?: User;

  /** What happened (a NotificationKind). */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  /** The record it is about: e.g. IndicatorValue, Recommendation. */
  @Column({ type: 'varchar', length: 40 })
  subjectType: string;

  @Column({ type: 'uuid' })
  subjectId: string;

  /** What the message needs to be written in any language (codes, periods, statuses; no free text of other people's records). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3, default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ type: 'varchar', length: 200 })
  dedupeKey: string;

  /** When the mail of it was handed to the SMTP server (null: not mailed, or not to be). */
  @Column({ type: 'timestamptz', nullable: true })
  mailedAt: Date | null;

  /** The digest that listed it (kinds the person gets daily or weekly); null: not in a digest (yet). */
  @Column({ type: 'uuid', nullable: true })
  digestId: string | null;

  @ManyToOne(() => NotificationDigest, { onDelete: 'SET NULL' })
  @JoinColumn()
  digest?: NotificationDigest;
}
