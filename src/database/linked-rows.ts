import { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import { readQuery } from './read-routing';

interface RowShape {
  create: () => ObjectLiteral;
  /** [propertyName, databaseName] of every column. */
  columns: [string, string][];
}

const shapes = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, RowShape>>();

/** The entity's columns, looked up in its metadata once per data source. */
function shapeOf(db: DataSource, entity: EntityTarget<ObjectLiteral>): RowShape {
  let perSource = shapes.get(db);
  if (!perSource) {
    perSource = new Map<EntityTarget<ObjectLiteral>, RowShape>();
    shapes.set(db, perSource);
  }
  let shape = perSource.get(entity);
  if (!shape) {
    const metadata = db.getMetadata(entity);
    const target = metadata.target;
    shape = {
      create: typeof target === 'function' ? () => new (target as new () => ObjectLiteral)() : () => metadata.create() as ObjectLiteral,
      columns: metadata.columns.map((column) => [column.propertyName, column.databaseName]),
    };
    perSource.set(entity, shape);
  }
  return shape;
}

/**
 * Builds an entity from a raw row by the entity's column metadata: the pg driver
 * has already parsed the values (timestamps to Date, DATE kept as text), so this
 * only renames columns. Much cheaper than TypeORM's hydration on hot paths.
 */
export function rowToEntity<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, row: Record<string, unknown>): T {
  const shape = shapeOf(db, entity);
  const result = shape.create() as Record<string, unknown>;
  for (const [property, column] of shape.columns) result[property] = row[column];
  return result as T;
}

/** Reads entities by raw SQL (a replica unless the request reads from the primary, see read-routing). */
export async function readEntities<T extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<T>,
  request: object | null,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  const rows = await readQuery<Record<string, unknown>>(db, request, sql, parameters);
  return rows.map((row) => rowToEntity(db, entity, row));
}

/**
 * The rows of a query builder that selects one entity whole (no joins, no other selections but
 * `extra`, not in a transaction) as entities, and each row's `extra` columns raw: the statement
 * as TypeORM writes it, run by readQuery (a replica, a named prepared statement), each row built by
 * column metadata as rowToEntity does, under the alias TypeORM gives it. Null for any other query
 * builder: the caller reads it with TypeORM (getRawAndEntities). TypeORM's hydration was a tenth of
 * a page of 100 recommendations' time (docs/benchmarks.md).
 */
export async function readWholeEntities<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  extra: readonly string[],
): Promise<{ entities: T[]; raw: Record<string, unknown>[] } | null> {
  const map = query.expressionMap;
  const alias = map.mainAlias;
  const inTransaction = (query as unknown as { queryRunner?: unknown }).queryRunner !== undefined;
  const selections = map.selects.map((select) => select.aliasName ?? select.selection);
  const wholeEntity = selections[0] === alias?.name && selections.slice(1).every((name) => extra.includes(name));
  if (inTransaction || !alias?.hasMetadata || !wholeEntity || map.joinAttributes.length || map.relationIdAttributes.length) {
    return null;
  }
  const db = query.connection;
  const shape = shapeOf(db, alias.metadata.target);
  // TypeORM selects each column as alias_column (shortened past PostgreSQL's name length).
  const columns = shape.columns.map(([property, column]) => [property, DriverUtils.buildAlias(db.driver, undefined, alias.name, column)]);
  const [sql, parameters] = query.getQueryAndParameters();
  const raw = await readQuery<Record<string, unknown>>(db, null, sql, parameters);
  const entities = raw.map((row) => {
    const entity = shape.create() as Record<string, unknown>;
    for (const [property, column] of columns) entity[property] = row[column];
    return entity as T;
  });
  return { entities, raw };
}

/** The entity's table name, for hand-written SQL. */
export function tableOf(db: DataSource, entity: EntityTarget<ObjectLiteral>): string {
  return db.getMetadata(entity).tableName;
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
 * appears under both). The caller's DataLoader passes the keys; `request` is
 * the request's loader registry (it decides primary or replica).
 */
export async function loadLinked<T extends ObjectLiteral>(
  db: DataSource,
  entity: EntityTarget<T>,
  keys: readonly string[],
  link: LinkQuery,
  request: object | null = null,
): Promise<T[][]> {
  const table = tableOf(db, entity);
  const rows = await readQuery(
    db,
    request,
    `SELECT e.*, l."${link.keyColumn}" AS "__link_key"
       FROM "${table}" e JOIN "${link.via}" l ON l."${link.entityColumn}" = e.id
      WHERE l."${link.keyColumn}" = ANY($1)
      ORDER BY ${link.orderBy}`,
    [keys],
  );
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const key = row.__link_key as string;
    const list = grouped.get(key);
    const item = rowToEntity(db, entity, row);
    if (list) list.push(item);
    else grouped.set(key, [item]);
  }
  return keys.map((key) => grouped.get(key) ?? []);
}
