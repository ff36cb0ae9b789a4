import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Builds an entity from a raw row by the entity's column metadata (cheaper than full hydration). */
export function rowToEntity<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = db.getMetadata(entity);
  const result = metadata.create() as T;
  for (const column of metadata.columns) {
    (result as Record<string, unknown>)[column.propertyName] = row[column.databaseName];
  }
  return result;
}

export interface LinkQuery {
  /** The join table, e.g. barrier_meeting. */
  via: string;
  /** Its column pointing at the entity being loaded, e.g. barrier_id. */
  entityColumn: string;
  /** Its column holding the keys being loaded by, e.g. meeting_id. */
  keyColumn: string;
  /** ORDER BY over the entity's columns, aliased `e`. */
  orderBy: string;
}

/**
 * Loads the entities linked through a join table to any of `keys`, in one
 * `= ANY($1)` query, and groups them per key (an entity linked to two keys
 * appears under both). The caller's DataLoader passes the keys.
 */
export async function loadLinked<T extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<T>,
  keys: readonly string[],
  link: LinkQuery,
): Promise<T[][]> {
  const table = db.getMetadata(entity).tableName;
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT e.*, l."${link.keyColumn}" AS "__link_key"
       FROM "${table}" e JOIN "${link.via}" l ON l."${link.entityColumn}" = e.id
      WHERE l."${link.keyColumn}" = ANY($1)
      ORDER BY ${link.orderBy}`,
    [keys],
  );
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const key = row.__link_key as string;
    const list = grouped.get(key) ?? [];
    list.push(rowToEntity(db, entity, row));
    grouped.set(key, list);
  }
  return keys.map((key) => grouped.get(key) ?? []);
}
