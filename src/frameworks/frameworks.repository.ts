import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { Indicator } from '../action-plan/indicator.entity';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import { loadLinked, readEntities, rowToEntity } from '../database/linked-rows';
import { Framework, FrameworkItem } from './framework-item.entity';
import { frameworkSubtreeIdsSql } from './framework-items.sql';

/** What a mapping joins an item to: the join table and its column. */
export type MappingTarget = { table: 'recommendation_framework_item'; column: 'recommendation_id' } | { table: 'indicator_framework_item'; column: 'indicator_id' };

export const RECOMMENDATION_MAPPING: MappingTarget = { table: 'recommendation_framework_item', column: 'recommendation_id' };
export const INDICATOR_MAPPING: MappingTarget = { table: 'indicator_framework_item', column: 'indicator_id' };

/** The reference-list order: by framework, then the data file's order (items added later go last by code). */
const ITEM_ORDER = 'e.framework, e.position, e.code';

/** The statements on framework_item and the two mapping tables. */
@Injectable()
export class FrameworksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  list(framework: Framework | null, request: object | null): Promise<FrameworkItem[]> {
    return readEntities(this.db, FrameworkItem, request, `SELECT e.* FROM framework_item e WHERE ($1::varchar IS NULL OR e.framework = $1) ORDER BY ${ITEM_ORDER}`, [
      framework,
    ]);
  }

  async byCode(framework: Framework, code: string, request: object | null): Promise<FrameworkItem | null> {
    const [item] = await readEntities(this.db, FrameworkItem, request, 'SELECT e.* FROM framework_item e WHERE e.framework = $1 AND e.code = $2', [framework, code]);
    return item ?? null;
  }

  /** Every item's id, framework and code, read in `tx`: to find many items by their code with one statement. */
  itemCodes(tx: EntityManager): Promise<Pick<FrameworkItem, 'id' | 'framework' | 'code'>[]> {
    return tx.query('SELECT id, framework, code FROM framework_item');
  }

  /** The item, locked for the rest of the transaction (mappings and edits of one item queue behind each other). */
  async lock(tx: EntityManager, id: string): Promise<FrameworkItem | null> {
    const [row]: Record<string, unknown>[] = await tx.query('SELECT * FROM framework_item WHERE id = $1 FOR NO KEY UPDATE', [id]);
    return row ? rowToEntity(this.db, FrameworkItem, row) : null;
  }

  async update(tx: EntityManager, id: string, changes: Pick<FrameworkItem, 'title' | 'paragraph'>): Promise<FrameworkItem> {
    const [[row]]: [Record<string, unknown>[], number] = await tx.query('UPDATE framework_item SET title = $2, paragraph = $3 WHERE id = $1 RETURNING *', [
      id,
      JSON.stringify(changes.title),
      changes.paragraph,
    ]);
    return rowToEntity(this.db, FrameworkItem, row);
  }

  /** Maps the target to the item; false when it was mapped already. */
  async map(tx: EntityManager, target: MappingTarget, targetId: string, itemId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO ${target.table} (${target.column}, framework_item_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING framework_item_id`,
      [targetId, itemId],
    );
    return rows.length > 0;
  }

  /** Removes the mapping; false when there was none. */
  async unmap(tx: EntityManager, target: MappingTarget, targetId: string, itemId: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await tx.query(`DELETE FROM ${target.table} WHERE ${target.column} = $1 AND framework_item_id = $2 RETURNING framework_item_id`, [
      targetId,
      itemId,
    ]);
    return rows.length > 0;
  }

  /** Recommendation.frameworkItems and Indicator.frameworkItems: the items mapped to each, one statement per request. */
  itemsOf(loaders: LoaderRegistry, target: MappingTarget): DataLoader<string, FrameworkItem[]> {
    return loaders.get(`frameworkItems.${target.table}`, (ids: readonly string[]) =>
      loadLinked(this.db, FrameworkItem, ids, { via: target.table, entityColumn: 'framework_item_id', keyColumn: target.column, orderBy: ITEM_ORDER }, loaders),
    );
  }

  /** The indicators mapped to an item or to an item under it (frameworkSubtreeIdsSql), by code. */
  indicatorsOf(itemId: string, request: object | null): Promise<Indicator[]> {
    return readEntities(
      this.db,
      Indicator,
      request,
      `SELECT e.* FROM indicator e
        WHERE EXISTS (SELECT 1 FROM indicator_framework_item l WHERE l.indicator_id = e.id AND l.framework_item_id IN ${frameworkSubtreeIdsSql('$1::uuid')})
        ORDER BY e.code, e.id`,
      [itemId],
    );
  }

  /** The items under an item (a target's indicators, a goal's targets), in the list's order. */
  childrenOf(item: FrameworkItem, request: object | null): Promise<FrameworkItem[]> {
    return readEntities(this.db, FrameworkItem, request, `SELECT e.* FROM framework_item e WHERE e.framework = $1 AND e.parent_code = $2 ORDER BY ${ITEM_ORDER}`, [
      item.framework,
      item.code,
    ]);
  }
}
