import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { IndicatorValueKind, TotalSource } from '../action-plan/action-plan.enums';
import { LoaderRegistry, manyByKey, oneByKey } from '../common/loaders/loader-registry';
import { readEntities, rowToEntity } from '../database/linked-rows';
import type { Translations } from '../i18n/translations';
import type { ReadScope } from '../database/sql/read-scope';
import type { CheckedCell } from './breakdown';
import { fileDimensionsSql, FileDimension, sdgIndicatorsSql } from './sdg-observations.export-query';
import { Dimension, DimensionMember } from './dimension.entity';
import { IndicatorValueCell } from './indicator-value-cell.entity';

/** A breakdown's cells with how its indicator's values are (the rules' ValueShape needs it). */
export interface VersionCells {
  cells: IndicatorValueCell[];
  valueKind: IndicatorValueKind;
  percent: boolean;
}

/** An indicator mapped to an SDG indicator, as a statistics file's metadata describes it. */
export interface SdgMappedIndicator {
  sdg_code: string;
  series_code: string | null;
  sdg_title: string;
  action_plan: string;
  indicator_code: string;
  name: string;
  unit: string;
  value_kind: string;
  total_source: string;
  values: { year: number; source: string | null; note: string | null }[];
}

/** All of the SQL of dimensions, their members, what indicators declare and the cells of value versions. */
@Injectable()
export class DimensionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Every dimension, by code. */
  dimensions(): Promise<Dimension[]> {
    return readEntities(this.db, Dimension, null, 'SELECT * FROM dimension ORDER BY code', []);
  }

  async dimensionByCode(tx: EntityManager, code: string): Promise<Dimension | null> {
    const [row]: Record<string, unknown>[] = await tx.query('SELECT * FROM dimension WHERE code = $1', [code]);
    return row ? rowToEntity(tx.connection, Dimension, row) : null;
  }

  async dimensionsByCodes(tx: EntityManager, codes: readonly string[]): Promise<Dimension[]> {
    const rows: Record<string, unknown>[] = await tx.query('SELECT * FROM dimension WHERE code = ANY($1::text[])', [codes]);
    return rows.map((row) => rowToEntity(tx.connection, Dimension, row));
  }

  /** A new dimension; null when its code is taken (the unique index decides, so two writers cannot both add it). */
  async insertDimension(tx: EntityManager, values: { code: string; name: Translations; sdmxConcept: string | null }): Promise<Dimension | null> {
    const [row]: Record<string, unknown>[] = await tx.query(
      `INSERT INTO dimension (code, name, sdmx_concept) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING *`,
      [values.code, JSON.stringify(values.name), values.sdmxConcept],
    );
    return row ? rowToEntity(tx.connection, Dimension, row) : null;
  }

  async memberByCode(tx: EntityManager, dimensionId: string, code: string): Promise<DimensionMember | null> {
    const [row]: Record<string, unknown>[] = await tx.query('SELECT * FROM dimension_member WHERE dimension_id = $1 AND code = $2', [dimensionId, code]);
    return row ? rowToEntity(tx.connection, DimensionMember, row) : null;
  }

  /** A new member (ordering: the one given, else after the dimension's others); null when its code is taken in the dimension. */
  async insertMember(
    tx: EntityManager,
    values: Pick<DimensionMember, 'dimensionId' | 'code' | 'name' | 'parentId' | 'officialCode' | 'sdmxCode'> & { ordering: number | null },
  ): Promise<DimensionMember | null> {
    const [row]: Record<string, unknown>[] = await tx.query(
      `INSERT INTO dimension_member (dimension_id, code, name, parent_id, official_code, sdmx_code, ordering)
       VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, (SELECT COALESCE(max(ordering), 0) + 10 FROM dimension_member WHERE dimension_id = $1)))
       ON CONFLICT (dimension_id, code) DO NOTHING RETURNING *`,
      [values.dimensionId, values.code, JSON.stringify(values.name), values.parentId, values.officialCode, values.sdmxCode, values.ordering],
    );
    return row ? rowToEntity(tx.connection, DimensionMember, row) : null;
  }

  /** The members with these codes, in any dimension (a code may be taken in several). */
  async membersByCodes(tx: EntityManager, codes: readonly string[]): Promise<DimensionMember[]> {
    const rows: Record<string, unknown>[] = await tx.query('SELECT * FROM dimension_member WHERE code = ANY($1::text[])', [codes]);
    return rows.map((row) => rowToEntity(tx.connection, DimensionMember, row));
  }

  /** The dimensions an indicator is broken down by, in its order. */
  async declaredDimensions(tx: EntityManager | null, indicatorId: string): Promise<Dimension[]> {
    if (!isUUID(indicatorId)) return [];
    const rows: Record<string, unknown>[] = await (tx ?? this.db).query(
      'SELECT d.* FROM indicator_dimension x JOIN dimension d ON d.id = x.dimension_id WHERE x.indicator_id = $1 ORDER BY x.position',
      [indicatorId],
    );
    return rows.map((row) => rowToEntity(this.db, Dimension, row));
  }

  /** Whether any version of the indicator's values has a breakdown. */
  async hasCells(tx: EntityManager, indicatorId: string): Promise<boolean> {
    const [row]: { exists: boolean }[] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM indicator_value v JOIN indicator_value_version w ON w.indicator_value_id = v.id
                        JOIN indicator_value_cell c ON c.version_id = w.id WHERE v.indicator_id = $1) AS exists`,
      [indicatorId],
    );
    return row.exists;
  }

  /** Replaces the indicator's dimensions and sets how its values are recorded; bumps its version. */
  async setIndicatorDimensions(tx: EntityManager, indicatorId: string, dimensionIds: readonly string[], totalSource: TotalSource, valueKind: IndicatorValueKind): Promise<void> {
    await tx.query('DELETE FROM indicator_dimension WHERE indicator_id = $1', [indicatorId]);
    await tx.query(
      `INSERT INTO indicator_dimension (indicator_id, dimension_id, position)
       SELECT $1, d.id, d.position FROM unnest($2::uuid[]) WITH ORDINALITY AS d(id, position)`,
      [indicatorId, dimensionIds],
    );
    await tx.query('UPDATE indicator SET total_source = $2, value_kind = $3, version = version + 1, updated_at = now() WHERE id = $1', [
      indicatorId,
      totalSource,
      valueKind,
    ]);
  }

  /**
   * Breaks the indicator down by the dimension with this code too, at `position`, unless it already
   * is; its version, value kind and total source stay as they are (for data loads, the sample's;
   * an edit replaces the whole list with setIndicatorDimensions).
   */
  async addIndicatorDimension(tx: EntityManager, indicatorId: string, dimensionCode: string, position: number): Promise<void> {
    await tx.query(
      `INSERT INTO indicator_dimension (indicator_id, dimension_id, position) SELECT $1, id, $3::int FROM dimension WHERE code = $2 ON CONFLICT DO NOTHING`,
      [indicatorId, dimensionCode, position],
    );
  }

  /**
   * Adds cells to version `versionNumber` of the indicator's value for `period`, one per member of
   * the dimension `dimensionCode` named by its code, each a percentage: 100 × numerator / denominator.
   * Cells already there stay, codes the dimension lacks are skipped, and nothing is written when the
   * value or version does not exist. For data loads (the sample's breakdown); a submission's cells
   * are checked first and written with insertCells.
   */
  async insertPercentCellsByMemberCode(
    tx: EntityManager,
    version: { indicatorId: string; period: string; versionNumber: number; dimensionCode: string },
    cells: readonly { memberCode: string; numerator: number; denominator: number }[],
  ): Promise<void> {
    await tx.query(
      `INSERT INTO indicator_value_cell (version_id, member_ids, value, numerator, denominator)
       SELECT w.id, ARRAY[m.id], 100 * t.n / t.d, t.n, t.d
         FROM unnest($2::text[], $3::float8[], $4::float8[]) AS t(code, n, d)
         JOIN dimension d ON d.code = $5
         JOIN dimension_member m ON m.dimension_id = d.id AND m.code = t.code
         JOIN indicator_value v ON v.indicator_id = $1 AND v.period = $6
         JOIN indicator_value_version w ON w.indicator_value_id = v.id AND w.number = $7::int
       ON CONFLICT DO NOTHING`,
      [
        version.indicatorId,
        cells.map((c) => c.memberCode),
        cells.map((c) => c.numerator),
        cells.map((c) => c.denominator),
        version.dimensionCode,
        version.period,
        version.versionNumber,
      ],
    );
  }

  /** Writes a version's cells, one statement. */
  async insertCells(tx: EntityManager, versionId: string, cells: readonly CheckedCell[]): Promise<void> {
    await tx.query(
      `INSERT INTO indicator_value_cell (version_id, member_ids, value, numerator, denominator)
       SELECT $1, string_to_array(t.members, ',')::uuid[], t.value, t.numerator, t.denominator
         FROM unnest($2::text[], $3::float8[], $4::float8[], $5::float8[]) AS t(members, value, numerator, denominator)`,
      [versionId, cells.map((c) => c.memberIds.join(',')), cells.map((c) => c.value), cells.map((c) => c.numerator), cells.map((c) => c.denominator)],
    );
  }

  /**
   * The latest period of the indicator whose latest APPROVED version has a breakdown: that
   * version's id and period, or null (the public page's breakdown).
   */
  /** The indicators with at least one approved version that has cells (a breakdown to publish). */
  async indicatorsWithApprovedBreakdowns(): Promise<Set<string>> {
    const rows: { indicator_id: string }[] = await this.db.query(
      `SELECT DISTINCT v.indicator_id FROM indicator_value v JOIN indicator_value_version x ON x.indicator_value_id = v.id
        WHERE x.review_status = 'APPROVED' AND EXISTS (SELECT 1 FROM indicator_value_cell c WHERE c.version_id = x.id)`,
    );
    return new Set(rows.map((row) => row.indicator_id));
  }

  async latestApprovedBreakdown(indicatorId: string): Promise<{ versionId: string; period: string } | null> {
    if (!isUUID(indicatorId)) return null;
    const [row]: { version_id: string; period: string }[] = await this.db.query(
      `SELECT w.id AS version_id, v.period
         FROM indicator_value v
         JOIN LATERAL (SELECT x.id FROM indicator_value_version x
                        WHERE x.indicator_value_id = v.id AND x.review_status = 'APPROVED'
                        ORDER BY x.number DESC LIMIT 1) w ON true
        WHERE v.indicator_id = $1 AND EXISTS (SELECT 1 FROM indicator_value_cell c WHERE c.version_id = w.id)
        ORDER BY v.year DESC, v.quarter DESC NULLS FIRST
        LIMIT 1`,
      [indicatorId],
    );
    return row ? { versionId: row.version_id, period: row.period } : null;
  }

  /** A version's cells, in their key's order. */
  cellsOf(versionId: string): Promise<IndicatorValueCell[]> {
    return readEntities(this.db, IndicatorValueCell, null, 'SELECT * FROM indicator_value_cell WHERE version_id = $1 ORDER BY member_ids', [versionId]);
  }

  /** These members and their parents, by their order. */
  membersWithParents(ids: readonly string[]): Promise<DimensionMember[]> {
    return readEntities(
      this.db,
      DimensionMember,
      null,
      `SELECT * FROM dimension_member WHERE id = ANY($1::uuid[])
          OR id IN (SELECT parent_id FROM dimension_member WHERE id = ANY($1::uuid[]))
        ORDER BY ordering, code`,
      [ids],
    );
  }

  /** Every member of these dimensions, by dimension and order (the staff form's rows). */
  membersOf(dimensionIds: readonly string[]): Promise<DimensionMember[]> {
    return readEntities(this.db, DimensionMember, null, 'SELECT * FROM dimension_member WHERE dimension_id = ANY($1::uuid[]) ORDER BY ordering, code', [dimensionIds]);
  }

  /** Every dimension's code and names (each locale's), for the columns an import file may name them by. */
  async dimensionNames(): Promise<{ code: string; name: Translations }[]> {
    return this.db.query('SELECT code, name FROM dimension ORDER BY code');
  }

  /** The indicators' value kind, unit code and total source, by id (an import's breakdowns). */
  async indicatorShapes(tx: EntityManager, ids: readonly string[]): Promise<Map<string, { valueKind: IndicatorValueKind; unitCode: string | null; totalSource: TotalSource }>> {
    const rows: { id: string; value_kind: IndicatorValueKind; unit_code: string | null; total_source: TotalSource }[] = await tx.query(
      'SELECT id, value_kind, unit_code, total_source FROM indicator WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { valueKind: r.value_kind, unitCode: r.unit_code, totalSource: r.total_source }]));
  }

  /** The dimensions each of these indicators declares, in its order, one statement. */
  async declaredByIndicators(tx: EntityManager, ids: readonly string[]): Promise<Map<string, Dimension[]>> {
    const rows: Record<string, unknown>[] = await tx.query(
      `SELECT d.*, x.indicator_id AS declared_by FROM indicator_dimension x JOIN dimension d ON d.id = x.dimension_id
        WHERE x.indicator_id = ANY($1::uuid[]) ORDER BY x.indicator_id, x.position`,
      [ids],
    );
    const found = new Map<string, Dimension[]>();
    for (const row of rows) found.set(row.declared_by as string, [...(found.get(row.declared_by as string) ?? []), rowToEntity(this.db, Dimension, row)]);
    return found;
  }

  /** Every member of the dimensions with these codes, by dimension and order. */
  async membersOfCodes(tx: EntityManager, codes: readonly string[]): Promise<(DimensionMember & { dimensionCode: string })[]> {
    const rows: Record<string, unknown>[] = await tx.query(
      `SELECT m.*, d.code AS of_dimension FROM dimension_member m JOIN dimension d ON d.id = m.dimension_id
        WHERE d.code = ANY($1::text[]) ORDER BY m.ordering, m.code`,
      [codes],
    );
    return rows.map((row) => Object.assign(rowToEntity(this.db, DimensionMember, row), { dimensionCode: row.of_dimension as string }));
  }

  /** Dimension.members: each dimension's members in their order, one statement per request. */
  membersByDimensionId(loaders: LoaderRegistry): DataLoader<string, DimensionMember[]> {
    return loaders.get('dimension.members', async (ids: readonly string[]) => {
      const rows = await readEntities(this.db, DimensionMember, loaders, 'SELECT * FROM dimension_member WHERE dimension_id = ANY($1) ORDER BY ordering, code', [ids]);
      return manyByKey(ids, rows, (m) => m.dimensionId);
    });
  }

  /** Members by id (cells' members, parents), one statement per request. */
  memberById(loaders: LoaderRegistry): DataLoader<string, DimensionMember | null> {
    return loaders.get('dimensionMember.byId', async (ids: readonly string[]) => {
      const rows = await readEntities(this.db, DimensionMember, loaders, 'SELECT * FROM dimension_member WHERE id = ANY($1)', [ids]);
      return oneByKey(ids, rows, (m) => m.id);
    });
  }

  /** Dimensions by id, one statement per request. */
  dimensionsByIds(loaders: LoaderRegistry): DataLoader<string, Dimension | null> {
    return loaders.get('dimension.byId', async (ids: readonly string[]) => {
      const rows = await readEntities(this.db, Dimension, loaders, 'SELECT * FROM dimension WHERE id = ANY($1)', [ids]);
      return oneByKey(ids, rows, (d) => d.id);
    });
  }

  /** Indicator.dimensions: each indicator's declared dimensions in its order, one statement per request. */
  dimensionsByIndicatorId(loaders: LoaderRegistry): DataLoader<string, Dimension[]> {
    return loaders.get('indicator.dimensions', async (ids: readonly string[]) => {
      const rows: Record<string, unknown>[] = await this.db.query(
        `SELECT d.*, x.indicator_id AS declared_by FROM indicator_dimension x JOIN dimension d ON d.id = x.dimension_id
          WHERE x.indicator_id = ANY($1) ORDER BY x.indicator_id, x.position`,
        [ids],
      );
      const grouped = manyByKey(ids, rows, (row) => row.declared_by as string);
      return grouped.map((list) => list.map((row) => rowToEntity(this.db, Dimension, row)));
    });
  }

  /** IndicatorValueVersion.breakdown: each version's cells with its indicator's value kind and unit, one statement per request. */
  cellsByVersionId(loaders: LoaderRegistry): DataLoader<string, VersionCells> {
    return loaders.get('indicatorValueVersion.cells', async (ids: readonly string[]) => {
      const rows: Record<string, unknown>[] = await this.db.query(
        `SELECT w.id AS of_version, i.value_kind AS of_kind, i.unit_code AS of_unit, c.*
           FROM indicator_value_version w
           JOIN indicator_value v ON v.id = w.indicator_value_id
           JOIN indicator i ON i.id = v.indicator_id
           LEFT JOIN indicator_value_cell c ON c.version_id = w.id
          WHERE w.id = ANY($1)
          ORDER BY w.id, c.member_ids`,
        [ids],
      );
      return manyByKey(ids, rows, (row) => row.of_version as string).map((list) => ({
        cells: list.filter((row) => row.id !== null).map((row) => rowToEntity(this.db, IndicatorValueCell, row)),
        valueKind: (list[0]?.of_kind as IndicatorValueKind | undefined) ?? IndicatorValueKind.NUMBER,
        percent: list[0]?.of_unit === 'PERCENT',
      }));
    });
  }

  /** The dimensions the indicators mapped to these SDG framework items are broken down by (the columns of their statistics files). */
  async fileDimensions(itemIds: readonly string[]): Promise<(FileDimension & { name: Translations })[]> {
    const { sql, params } = fileDimensionsSql(itemIds);
    const rows: { id: string; code: string; sdmx_concept: string | null; name: Translations }[] = await this.db.query(sql, params);
    return rows.map((r) => ({ id: r.id, code: r.code, sdmxConcept: r.sdmx_concept, name: r.name }));
  }

  /** The indicators mapped to these SDG framework items, with the sources and notes of their annual values at the cut (sdgIndicatorsSql). */
  sdgIndicators(itemIds: readonly string[], scope: ReadScope): Promise<SdgMappedIndicator[]> {
    const { sql, params } = sdgIndicatorsSql(itemIds, scope);
    return this.db.query(sql, params);
  }
}
