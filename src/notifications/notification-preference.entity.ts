import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

/** How a person wants mail of one kind: at once, in a daily or weekly digest, or not at all. */
export enum MailDelivery {
  IMMEDIATE = 'IMMEDIATE',
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  OFF = 'OFF',
}

/**
 * A person's choice for one kind of notification by mail; no row: IMMEDIATE. The application's
 * own list always shows every notification.
 */
@Entity()
@Check('CHK_notification_preference_delivery', `"delivery" IN ('IMMEDIATE', 'DAILY', 'WEEKLY', 'OFF')`)
// Escalations cannot be turned off by their recipient (NotificationsService refuses it; this keeps every path to it shut).
@Check('CHK_notification_preference_escalation', `"kind" <> 'ESCALATION' OR "delivery" <> 'OFF'`)
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 10 })
  delivery: MailDelivery;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
