import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiToken } from './api-token.entity';

/**
 * Every statement on api_token. Methods that write as part of a change take the
 * service's transaction (`tx`); authentication reads from the primary, so a
 * revoked token stops working at once even with read replicas.
 */
@Injectable()
export class ApiTokensRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` in one transaction; the service passes `tx` to the writing methods. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Every token (or one user's own when `userId` is given), newest first. */
  list(userId?: string): Promise<ApiToken[]> {
    return this.db.getRepository(ApiToken).find({ where: userId ? { userId } : {}, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  count(): Promise<number> {
    return this.db.getRepository(ApiToken).count();
  }

  findById(id: string, tx?: EntityManager): Promise<ApiToken | null> {
    return (tx ?? this.db.manager).getRepository(ApiToken).findOneBy({ id });
  }

  findByIdOrFail(tx: EntityManager, id: string): Promise<ApiToken> {
    return tx.getRepository(ApiToken).findOneByOrFail({ id });
  }

  /** The token with this secret's hash, with its owner (for a personal token); from the primary. */
  async findByHash(tokenHash: string): Promise<ApiToken | null> {
    const runner = this.db.createQueryRunner('master');
    try {
      return await runner.manager.getRepository(ApiToken).findOne({ where: { tokenHash }, relations: { user: true } });
    } finally {
      await runner.release();
    }
  }

  async insert(tx: EntityManager, values: Partial<ApiToken>): Promise<ApiToken> {
    const repository = tx.getRepository(ApiToken);
    return repository.save(repository.create(values));
  }

  /** Sets revoked_at unless it is set already. */
  async revoke(tx: EntityManager, id: string): Promise<void> {
    await tx.getRepository(ApiToken).update({ id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  async touchLastUsed(id: string): Promise<void> {
    await this.db.query('UPDATE api_token SET last_used_at = now() WHERE id = $1', [id]);
  }
}
