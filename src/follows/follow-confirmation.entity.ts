import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One confirmation mail sent, counted against the per-address daily limit. The address is kept
 * only as a keyed hash (HMAC, so the table cannot be matched against a list of addresses) and the
 * row only for a day: the daily clean-up deletes older ones.
 */
@Entity()
@Index('IDX_follow_confirmation_address', ['addressHash', 'sentAt'])
export class FollowConfirmation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  addressHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;
}
