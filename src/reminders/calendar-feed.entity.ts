import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

/**
 * A person's calendar feed (`GET /calendar/{secret}.ics`): at most one per person, made and
 * revoked on /account. Only the SHA-256 of its secret is kept, as of API tokens: the link is shown
 * once, and a leaked database does not open anyone's feed.
 */
@Entity()
export class CalendarFeed {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Index('UQ_calendar_feed_secret_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
