import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

/** How often a digest comes: the MailDelivery choices that gather notifications into one mail. */
export enum DigestCadence {
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
}

/**
 * One digest mail of one person for one period (a day, or the week starting on a Monday): the
 * notifications it lists point to it (`notification.digest_id`). Unique per person, cadence and
 * period, so however many runs, instances or restarts make it, there is one; `mailedAt` says it
 * was handed to the SMTP server.
 */
@Entity()
@Index('UQ_notification_digest_period', ['userId', 'cadence', 'periodStart'], { unique: true })
@Check('CHK_notification_digest_cadence', `"cadence" IN ('DAILY', 'WEEKLY')`)
export class NotificationDigest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'varchar', length: 10 })
  cadence: DigestCadence;

  /** The local day of a daily digest; the Monday of a weekly one. */
  @Column({ type: 'date' })
  periodStart: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  mailedAt: Date | null;
}
