import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

export enum AccountLinkPurpose {
  /** A new user (or the first admin) chooses a password. */
  INVITATION = 'INVITATION',
  /** An admin let an existing user choose a new password. */
  PASSWORD_RESET = 'PASSWORD_RESET',
}

/**
 * A one-time set-password link. Only the SHA-256 of its secret is stored; the
 * link itself is shown once, to the admin who made it. Used or expired links do
 * nothing; a newer link for the same user voids the older ones.
 */
@Entity()
@Index('UQ_account_link_token_hash', ['tokenHash'], { unique: true })
@Index('IDX_account_link_user', ['userId'])
export class AccountLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'enum', enum: AccountLinkPurpose, enumName: 'account_link_purpose' })
  purpose: AccountLinkPurpose;

  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 200 })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Set when the link was used or voided by a newer one. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
