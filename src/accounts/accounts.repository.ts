import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AccountLink } from './account-link.entity';
import { UserSession } from './user-session.entity';
import { Language, User } from './user.entity';

/** What the sign-in throttle counts over its window, per email and per IP address. */
export interface SignInFailureCounts {
  byEmail: number;
  byIp: number;
  /** Seconds until the email's budget frees a slot (null: under budget). */
  emailFreeIn: number | null;
  ipFreeIn: number | null;
}

/**
 * Every statement on the accounts tables: users, their sessions, set-password
 * links and failed sign-ins. Methods that write as part of a change take the
 * service's transaction (`tx`). Reads that must see the latest write (a session
 * or a revoked account) go to the primary; plain reads outside a transaction go
 * where TypeORM's replication sends them, as they did in the services.
 */
@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` in one transaction; the service passes `tx` to the writing methods. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  // Users

  /** Every user with their organisation, by email. */
  listUsers(): Promise<User[]> {
    return this.db.getRepository(User).find({ relations: { organization: true }, order: { email: 'ASC' } });
  }

  findUserById(id: string, tx?: EntityManager): Promise<User | null> {
    return (tx ?? this.db.manager).getRepository(User).findOneBy({ id });
  }

  findUserByIdOrFail(tx: EntityManager, id: string): Promise<User> {
    return tx.getRepository(User).findOneByOrFail({ id });
  }

  findUserByEmail(email: string): Promise<User | null> {
    return this.db.getRepository(User).findOneBy({ email });
  }

  countUsers(): Promise<number> {
    return this.db.getRepository(User).count();
  }

  async insertUser(tx: EntityManager, values: Partial<User>): Promise<User> {
    const repository = tx.getRepository(User);
    return repository.save(repository.create(values));
  }

  /** Sets deactivated_at unless it is set already. */
  async deactivateUser(tx: EntityManager, userId: string): Promise<void> {
    await tx.getRepository(User).update({ id: userId, deactivatedAt: IsNull() }, { deactivatedAt: () => 'now()' });
  }

  async reactivateUser(tx: EntityManager, userId: string): Promise<void> {
    await tx.getRepository(User).update({ id: userId }, { deactivatedAt: null });
  }

  async setPasswordHash(tx: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await tx.getRepository(User).update({ id: userId }, { passwordHash });
  }

  async setPreferredLanguage(userId: string, language: Language): Promise<void> {
    await this.db.getRepository(User).update({ id: userId }, { preferredLanguage: language });
  }

  async markSignedIn(tx: EntityManager, userId: string): Promise<void> {
    await tx.getRepository(User).update({ id: userId }, { lastSignInAt: () => 'now()' });
  }

  // Sessions

  async insertSession(tx: EntityManager, values: Omit<UserSession, 'user' | 'createdAt'>): Promise<void> {
    await tx.getRepository(UserSession).insert(values);
  }

  /** The session with this id hash, alive by both timeouts, with its (active) user; read from the primary. */
  async findLiveSession(idHash: string, idleMinutes: number): Promise<UserSession | null> {
    const runner = this.db.createQueryRunner('master');
    try {
      return await runner.manager
        .getRepository(UserSession)
        .createQueryBuilder('s')
        .innerJoinAndSelect('s.user', 'u')
        .where('s.id_hash = :idHash', { idHash })
        .andWhere('s.expires_at > now()')
        .andWhere('s.last_seen_at > now() - make_interval(mins => :idle)', { idle: idleMinutes })
        .andWhere('u.deactivated_at IS NULL')
        .getOne();
    } finally {
      await runner.release();
    }
  }

  async touchSession(idHash: string): Promise<void> {
    await this.db.query('UPDATE user_session SET last_seen_at = now() WHERE id_hash = $1', [idHash]);
  }

  async deleteSession(idHash: string, tx?: EntityManager): Promise<void> {
    await (tx ?? this.db.manager).getRepository(UserSession).delete({ idHash });
  }

  /** Ends every session of the user; how many there were. */
  async deleteSessionsOfUser(tx: EntityManager, userId: string): Promise<number> {
    const result = await tx.getRepository(UserSession).delete({ userId });
    return result.affected ?? 0;
  }

  /** Deletes sessions past either timeout; how many. */
  async deleteExpiredSessions(idleMinutes: number): Promise<number> {
    const result = await this.db.query<[unknown[], number]>(
      `DELETE FROM user_session WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $1)`,
      [idleMinutes],
    );
    return result[1];
  }

  // Set-password links

  /** The unused, unexpired link with this hash; locked for update when `lock`. */
  findValidLink(tx: EntityManager | null, tokenHash: string, lock: boolean): Promise<AccountLink | null> {
    const query = (tx ?? this.db.manager)
      .getRepository(AccountLink)
      .createQueryBuilder('l')
      .where('l.token_hash = :hash AND l.used_at IS NULL AND l.expires_at > now()', { hash: tokenHash });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** Marks every unused link of the user as used: none of them works any more. */
  async useUpLinks(tx: EntityManager, userId: string): Promise<void> {
    await tx.getRepository(AccountLink).update({ userId, usedAt: IsNull() }, { usedAt: () => 'now()' });
  }

  async insertLink(tx: EntityManager, values: Omit<AccountLink, 'id' | 'createdAt' | 'user'>): Promise<void> {
    await tx.getRepository(AccountLink).insert(values);
  }

  // Failed sign-ins (on the primary: every instance must count the same failures)

  /** Failures within the last `windowMinutes` by email and by IP, and when the oldest one that matters leaves the window. */
  /**
   * Reserves one sign-in attempt: under a transaction-scoped advisory lock per
   * email and per IP address, counts the failures in the window and, when both
   * budgets have room, records the attempt as a failure at once (before the
   * password is checked). Parallel attempts for one address queue on the lock,
   * so exactly the budget is ever checked; a successful sign-in deletes the
   * reservation with the address's other failures. Expired rows go as it inserts.
   */
  async reserveSignInAttempt(
    email: string,
    ip: string,
    windowMinutes: number,
    limits: { perAccount: number; perIp: number },
  ): Promise<SignInFailureCounts & { reserved: boolean }> {
    return this.db.transaction(async (tx) => {
      // Always email before IP: two attempts never hold the locks in opposite orders.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('sign_in_failure.email'), hashtext($1))`, [email]);
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('sign_in_failure.ip'), hashtext($1))`, [ip]);
      const [row] = await tx.query<{ by_email: number; by_ip: number; email_free_in: number | null; ip_free_in: number | null }[]>(
        `WITH recent AS (
           SELECT email, ip, at FROM sign_in_failure
           WHERE (email = $1 OR ip = $2) AND at > now() - make_interval(mins => $3)
         ), by_email AS (
           SELECT at FROM recent WHERE email = $1 ORDER BY at DESC OFFSET $4 - 1 LIMIT 1
         ), by_ip AS (
           SELECT at FROM recent WHERE ip = $2 ORDER BY at DESC OFFSET $5 - 1 LIMIT 1
         )
         SELECT (SELECT count(*) FROM recent WHERE email = $1)::int AS by_email,
                (SELECT count(*) FROM recent WHERE ip = $2)::int AS by_ip,
                (SELECT ceil(extract(epoch FROM at + make_interval(mins => $3) - now())) FROM by_email)::int AS email_free_in,
                (SELECT ceil(extract(epoch FROM at + make_interval(mins => $3) - now())) FROM by_ip)::int AS ip_free_in`,
        [email, ip, windowMinutes, limits.perAccount, limits.perIp],
      );
      const counts = { byEmail: row.by_email, byIp: row.by_ip, emailFreeIn: row.email_free_in, ipFreeIn: row.ip_free_in };
      const reserved = counts.byEmail < limits.perAccount && counts.byIp < limits.perIp;
      if (reserved) {
        // clock_timestamp(), not now(): the transaction may have waited on the lock.
        await tx.query(
          `WITH expired AS (DELETE FROM sign_in_failure WHERE at < now() - make_interval(mins => $3))
           INSERT INTO sign_in_failure (email, ip, at) VALUES ($1, $2, clock_timestamp())`,
          [email, ip, windowMinutes],
        );
      }
      return { ...counts, reserved };
    });
  }

  async deleteSignInFailures(email: string): Promise<void> {
    await this.db.query('DELETE FROM sign_in_failure WHERE email = $1', [email]);
  }
}
