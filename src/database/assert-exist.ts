import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-codes';

/**
 * Checks, in one query, that every id refers to an existing row; otherwise
 * NOT_FOUND naming the input field and the first missing id. Run it inside the
 * write's transaction, before the write.
 */
export async function assertAllExist(
  tx: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  ids: readonly string[] | null | undefined,
  field: string,
): Promise<void> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return;
  const metadata = tx.connection.getMetadata(entity);
  const found: { id: string }[] = await tx.query(`SELECT id FROM "${metadata.tableName}" WHERE id = ANY($1)`, [unique]);
  const present = new Set(found.map((row) => row.id));
  const missing = unique.find((id) => !present.has(id));
  if (missing) {
    throw new DomainError(ErrorCode.NOT_FOUND, `${field}: ${metadata.name} ${missing} does not exist`, {
      field,
      id: missing,
    });
  }
}
