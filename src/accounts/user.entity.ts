import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../auth/role.enum';
import { Locale, LOCALES } from '../i18n/locales';
import { Organization } from '../organizations/organization.entity';

/** A user's preferred language: one of the pages' locales (the check below lists them for the database). */
export const LANGUAGES = LOCALES;
export type Language = Locale;

/**
 * A person who signs in to the staff pages. Emails are stored lower-case (the
 * check), so the unique index makes them unique regardless of case. A MINISTRY
 * user acts for one organisation, exactly as a MINISTRY token does.
 */
@Entity('app_user')
@Index('UQ_app_user_email', ['email'], { unique: true })
@Check('CHK_app_user_email_lower', `"email" = lower("email")`)
@Check('CHK_app_user_organization_role', `("role"::text IN ('MINISTRY', 'NGO')) = ("organization_id" IS NOT NULL)`)
@Check('CHK_app_user_language', `"preferred_language" IN ('ky', 'ru', 'en')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  role: Role;

  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'varchar', length: 2, default: 'ru' })
  preferredLanguage: Language;

  /** argon2id (PHC string); null until the person sets a password through their link. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  passwordHash: string | null;

  /** Set when an admin deactivates the account: no sign-in, no session, no personal token. */
  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A user as the audit trail and pages may see it: never the password hash. */
export type UserView = Omit<User, 'passwordHash'> & { hasPassword: boolean };

export function userView(user: User): UserView {
  const { passwordHash, organization: _organization, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null };
}
