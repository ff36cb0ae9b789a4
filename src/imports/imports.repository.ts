import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ImportDraft } from './import-draft.entity';

/** An action plan as the import's checks need it. */
export interface ImportPlanRow {
  id: string;
  code: string;
  start_year: number;
  end_year: number;
}

/** An indicator as the import's checks need it. */
export interface ImportIndicatorRow {
  id: string;
  action_plan_id: string;
  code: string;
  baseline_year: number | null;
  responsible_organization_id: string | null;
}

/**
 * The imports' statements: the drafts of the import page, and the look-ups that
 * check a file's rows (plans and indicators by code, in the import's transaction,
 * so what was checked is what is written). The values themselves are written by
 * the action plan's indicator-value-writes, in the same transaction.
 */
@Injectable()
export class ImportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Runs `work` in one transaction; the service passes `tx` to the other methods. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  // Drafts

  /** Deletes the user's drafts and everyone's older than `ttlMinutes`. */
  async deleteStaleDrafts(tx: EntityManager, userId: string, ttlMinutes: number): Promise<void> {
    await tx.query(`DELETE FROM import_draft WHERE user_id = $1 OR created_at < now() - make_interval(mins => $2)`, [userId, ttlMinutes]);
  }

  async insertDraft(tx: EntityManager, values: Pick<ImportDraft, 'userId' | 'fileName' | 'content'>): Promise<string> {
    const repository = tx.getRepository(ImportDraft);
    return (await repository.save(repository.create(values))).id;
  }

  /** The user's draft younger than `ttlMinutes`; from the primary (it was saved a moment ago). */
  async findDraft(id: string, userId: string, ttlMinutes: number): Promise<ImportDraft | null> {
    const runner = this.db.createQueryRunner('master');
    try {
      return await runner.manager
        .getRepository(ImportDraft)
        .createQueryBuilder('d')
        .where('d.id = :id AND d.user_id = :userId', { id, userId })
        .andWhere('d.created_at > now() - make_interval(mins => :ttl)', { ttl: ttlMinutes })
        .getOne();
    } finally {
      await runner.release();
    }
  }

  async deleteDraft(id: string): Promise<void> {
    await this.db.getRepository(ImportDraft).delete({ id });
  }

  // Look-ups for the rows' checks

  /** The action plans with these (upper-case) codes. */
  plansByCode(tx: EntityManager, codes: string[]): Promise<ImportPlanRow[]> {
    return tx.query('SELECT id, code, start_year, end_year FROM action_plan WHERE code = ANY($1::text[])', [codes]);
  }

  /** The indicators of these plans with these (upper-case) codes. */
  indicatorsByCode(tx: EntityManager, planIds: string[], codes: string[]): Promise<ImportIndicatorRow[]> {
    return tx.query(
      `SELECT id, action_plan_id, code, baseline_year, responsible_organization_id
         FROM indicator WHERE action_plan_id = ANY($1::uuid[]) AND code = ANY($2::text[])`,
      [planIds, codes],
    );
  }
}
