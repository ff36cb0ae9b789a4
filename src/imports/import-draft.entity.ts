import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/user.entity';

/**
 * A file a person uploaded on the import page and saw as a dry run, kept until
 * they confirm it (the page then imports exactly these bytes) or for an hour.
 * In the database, so the confirmation may reach any instance.
 */
@Entity()
@Index('IDX_import_draft_user', ['userId'])
export class ImportDraft {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
