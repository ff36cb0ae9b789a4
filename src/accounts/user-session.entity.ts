import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A signed-in browser. The cookie holds a random secret; only its SHA-256 is
 * stored (a copy of this table does not let anyone in). Several instances share
 * sessions through this table.
 */
@Entity()
@Index('IDX_user_session_user', ['userId'])
@Index('IDX_user_session_expires_at', ['expiresAt'])
export class UserSession {
  /** SHA-256 (hex) of the cookie's secret. */
  @PrimaryColumn({ type: 'char', length: 64 })
  idHash: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Advanced at most once a minute; the idle timeout counts from it. */
  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  /** The absolute timeout: createdAt + SESSION_ABSOLUTE_HOURS. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;
}
