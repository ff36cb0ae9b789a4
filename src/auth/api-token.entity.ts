import { Node } from '../common/node.interface';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Organization } from '../organizations/organization.entity';
import { Role } from './role.enum';

/** An API token. Only the SHA-256 of the secret is stored; the secret is shown once, at creation. */
@ObjectType({ implements: () => [Node], description: 'An API token: a named credential with a role, used as `Authorization: Bearer <token>`' })
@Entity()
@Index('UQ_api_token_hash', ['tokenHash'], { unique: true })
export class ApiToken {
  @Field(() => ID, { description: 'Global object id' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'What the token is for, as its creator named it' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => Role, { description: 'What the token may do' })
  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  role: Role;

  /** Required for MINISTRY tokens: the organisation they act for. */
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organization?: Organization;

  /**
   * A personal token of this user (for their scripts): it acts with the user's
   * current role and organisation, as the user, and stops when they are deactivated.
   */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Field({ description: 'When the token was created' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the token last authenticated a request; null when never used' })
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the token was revoked; null while it works' })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
