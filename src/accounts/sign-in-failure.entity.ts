import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed sign-in, counted per email address and per IP address over
 * SIGN_IN_WINDOW_MINUTES. In the database so that several instances count
 * together; rows older than the window are deleted as new ones arrive.
 */
@Entity()
@Index('IDX_sign_in_failure_email', ['email', 'at'])
@Index('IDX_sign_in_failure_ip', ['ip', 'at'])
export class SignInFailure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** As typed, lower-cased: unknown addresses count too (no enumeration by the throttle). */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 64 })
  ip: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
