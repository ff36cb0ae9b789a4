import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { rowToEntity } from './linked-rows';

/** A row with optimistic concurrency: its id and the version every change bumps. */
export interface VersionedRow extends ObjectLiteral {
  id: string;
  version: number;
}

/**
 * The optimistic-concurrency write the feature repositories share: `changes` applied and the
 * version bumped only if the row is still at `current.version` (checked in SQL, not by a read
 * before it). The updated row, or null when someone changed it since `current` was read.
 * An `updated_at` column (UpdateDateColumn) is set by the statement as well.
 */
export async function updateIfVersion<T extends VersionedRow>(
  tx: EntityManager,
  entity: EntityTarget<T>,
  current: Pick<T, 'id' | 'version'>,
  changes: Partial<T>,
): Promise<T | null> {
  const result = await tx
    .createQueryBuilder()
    .update(entity)
    .set({ ...changes, version: () => 'version + 1' })
    .where('id = :id AND version = :version', { id: current.id, version: current.version })
    .returning('*')
    .execute();
  if (result.affected !== 1) return null;
  return rowToEntity(tx.connection, entity, (result.raw as Record<string, unknown>[])[0]);
}
