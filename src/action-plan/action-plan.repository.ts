import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { LoaderRegistry, manyByKey, oneByKey } from '../common/loaders/loader-registry';
import { likePattern } from '../common/like-pattern';
import { Connection } from '../common/pagination/connection.type';
import { KeysetOrder, keysetConnection } from '../common/pagination/keyset-page';
import { countAll } from '../common/pagination/page-and-total';
import { PageArgs } from '../common/pagination/page.args';
import { readEntities, rowToEntity } from '../database/linked-rows';
import { assertAllExist } from '../database/assert-exist';
import { updateIfVersion } from '../database/versioned-update';
import type { ReadScope } from '../database/sql/read-scope';
import { SqlParams } from '../database/sql/params';
import { ExportQuery } from '../database/sql/query';
import { translatedSql } from '../i18n/translations';
import { readQuery } from '../database/read-routing';
import { ActionPlan, DEFAULT_REPORTING_LAG_DAYS } from './action-plan.entity';
import { IndicatorDirection, IndicatorMeasure, IndicatorValueKind, ReportingFrequency } from './action-plan.enums';
import { IndicatorFilter } from './dto/indicators.args';
import { IndicatorTarget } from './indicator-target.entity';
import { IndicatorValue, SAMPLE_VALUE_RECORDER } from './indicator-value.entity';
import { Indicator } from './indicator.entity';
import type { YearFigures } from './indicator-progress';
import { ValueStatus } from './value-status';
import { frameworkItemCodesByOwnerSql } from '../frameworks/framework-items.sql';

/**
 * SQL: whether version `kv` counts at the instant `by` (an SQL expression): approved by then
 * (APPROVED), or submitted by then and not returned by then (SUBMITTED). The rule of knownValuesSql,
 * for reads that need the version itself (a breakdown's cells).
 */
export function countedVersionSql(kv: string, by: string, status: `${ValueStatus}`): string {
  return status === 'APPROVED'
    ? `${kv}.review_status = 'APPROVED' AND ${kv}.reviewed_at < ${by}`
    : `${kv}.submitted_at < ${by} AND NOT (${kv}.review_status = 'RETURNED' AND ${kv}.reviewed_at < ${by})`;
}

/**
 * SQL (a parenthesised relation, to alias `v`) of the value slots as a reader knows them: one
 * row per indicator_value that has a version that counts, with indicator_value's columns and
 * value, source and note of that version. The one place the rule is written (issue 23):
 * - APPROVED (the default: public pages, the public API, Atom, exports, PDF): the latest version
 *   approved before `knownBy`;
 * - SUBMITTED (staff only, always marked where shown): the latest version submitted before
 *   `knownBy` and not returned before then.
 * `knownBy` is an SQL expression (a timestamptz: the instant after the last one that counts, as
 * asOfEnd is the start of the day after asOf), or null for "now": then APPROVED reads the
 * slot's copy of its latest approved version, without touching the versions.
 */
export function knownValuesSql(knownBy: string | null, status: `${ValueStatus}` = ValueStatus.APPROVED): string {
  if (knownBy === null && status === 'APPROVED') return '(SELECT * FROM indicator_value WHERE value IS NOT NULL)';
  const counts = countedVersionSql('kv', knownBy ?? 'now()', status);
  return `(SELECT ks.id, ks.indicator_id, ks.period, ks.year, ks.quarter, ks.recorded_at, ks.recorded_by, kv.value, kv.source, kv.note
             FROM indicator_value ks
             JOIN LATERAL (SELECT kv.value, kv.source, kv.note FROM indicator_value_version kv
                            WHERE kv.indicator_value_id = ks.id AND ${counts}
                            ORDER BY kv.number DESC LIMIT 1) kv ON true)`;
}

/**
 * SQL for the value that is an indicator's actual in a year, as actualEntryForYear
 * (indicator-progress.ts) chooses it: the annual value, else the latest quarter's. The one
 * SQL form of that rule; test/actual-for-year.e2e-spec.ts proves both agree. `indicatorId`,
 * `year` and `recordedBefore` (the values as known, approved, at that instant: knownValuesSql)
 * are SQL expressions; `columns` are selected from the value row `v`.
 */
export function actualForYearSql(
  indicatorId: string,
  year: string,
  options: { columns?: string; recordedBefore?: string | null; valueStatus?: `${ValueStatus}` } = {},
): string {
  return `(SELECT ${options.columns ?? 'v.value'} FROM ${knownValuesSql(options.recordedBefore ?? null, options.valueStatus)} v WHERE v.indicator_id = ${indicatorId} AND v.year = ${year}
            ORDER BY v.quarter DESC NULLS FIRST LIMIT 1)`;
}

/**
 * SQL for an indicator's latest value as known now (approved), in latestOf's order: the latest
 * year; in it, the annual value, else the latest quarter. `indicatorId` is an SQL expression; the
 * row has indicator_value's columns. What Indicator.latestValue answers, read by pageFiguresQuery
 * and written as JSON by latestValueJsonSql.
 */
function latestValueSql(indicatorId: string): string {
  return `(SELECT * FROM ${knownValuesSql(null)} v WHERE v.indicator_id = ${indicatorId}
            ORDER BY v.year DESC, v.quarter DESC NULLS FIRST LIMIT 1)`;
}

/**
 * An indicator's latest value (latestValueSql) as the JSON text `objectSql` writes over its row's
 * alias, or NULL when it has none: the page assembler's Indicator.latestValue, inside the
 * relations statement of RecommendationsRepository.relationsJson.
 */
export function latestValueJsonSql(indicatorId: string, objectSql: (alias: string) => string): string {
  return `(SELECT ${objectSql('lv')} FROM ${latestValueSql(indicatorId)} lv)`;
}

const VALUES = 'indicator.values';
const TARGETS = 'indicator.targets';

/** What progress reads besides the indicator itself (IndicatorProgressReader). */
export interface IndicatorYearFigures {
  target: number | null;
  actual: number | null;
  /** The period `actual` was reported for: the year, or its latest reported quarter. */
  actualPeriod: string | null;
}

/** Which indicators a progress reading covers: each criterion given narrows it. */
/** The years and the reporting lag of the plans a report covers (ActionPlanRepository.planFacts). */
export interface PlanFacts {
  years: number[];
  reportingLagDays: number;
}

export interface ProgressScope {
  actionPlanId?: string | null;
  /** The indicators this organisation reports (is responsible for). */
  organizationId?: string | null;
  indicatorIds?: readonly string[] | null;
}

/** One indicator's figures for a year as a cut knows them (IndicatorProgressReader turns them into progress). */
export interface IndicatorFiguresRow extends IndicatorYearFigures {
  indicator: Indicator;
}

/** Indicators by code, ties broken by id. */
const BY_CODE: KeysetOrder<Indicator> = {
  list: 'indicators',
  sql: 'i.code',
  idSql: 'i.id',
  cast: 'varchar',
  direction: 'ASC',
  keyOf: (indicator) => indicator.code,
  isValidKey: (key) => typeof key === 'string',
};

/** Every statement on the action plan's tables; the loaders read one `= ANY($1)` query per relation and request, as raw rows. */
/** An indicator as the README sheet defines it. */
export interface IndicatorDefinition {
  action_plan: string;
  code: string;
  name: string;
  unit: string;
  direction: string;
  baseline_year: number | null;
  baseline_value: number | null;
  /** The distinct sources of its values recorded by asOf, joined with "; ". */
  sources: string | null;
}

@Injectable()
export class ActionPlanRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Whether any value the sample's seed recorded (illustrative, not official) is in the database. */
  async hasSampleValues(): Promise<boolean> {
    const [row] = await readQuery<{ loaded: boolean }>(
      this.db,
      null,
      'SELECT EXISTS (SELECT 1 FROM indicator_value WHERE recorded_by = $1) AS loaded',
      [SAMPLE_VALUE_RECORDER],
    );
    return row?.loaded === true;
  }

  /** Runs `work` in one transaction; the services pass `tx` to the writing methods. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Throws NOT_FOUND (field `actionPlanId`) when there is no such plan. */
  assertPlanExists(actionPlanId: string): Promise<void> {
    return assertAllExist(this.db.manager, ActionPlan, [actionPlanId], 'actionPlanId');
  }

  /** The years the selected plans span (one plan, or all when null), first to last; none without plans. */
  async planYears(actionPlanId: string | null): Promise<number[]> {
    return (await this.planFacts(actionPlanId)).years;
  }

  /**
   * What a report over the selected plans (one, or all when null) is cut by, in one statement: the
   * years they span, first to last (none without plans), and their reporting lag (the longest; the
   * default without plans).
   */
  async planFacts(actionPlanId: string | null): Promise<PlanFacts> {
    const [row] = await readQuery<{ first: number | null; last: number | null; lag: number }>(
      this.db,
      null,
      `SELECT min(start_year) AS first, max(end_year) AS last, COALESCE(max(reporting_lag_days), $2::int)::int AS lag
         FROM action_plan WHERE $1::uuid IS NULL OR id = $1`,
      [actionPlanId, DEFAULT_REPORTING_LAG_DAYS],
    );
    const { first, last } = row;
    const years = first === null || last === null ? [] : Array.from({ length: last - first + 1 }, (_, i) => first + i);
    return { years, reportingLagDays: row.lag };
  }

  /** The latest year, up to `upToYear`, with a value known before `knownBy` (null: now) as `status` counts them; null when there is none. */
  async latestYearWithValues(actionPlanId: string | null, upToYear: number, knownBy: Date | string | null, status: `${ValueStatus}` = ValueStatus.APPROVED): Promise<number | null> {
    const p = new SqlParams();
    const known = knownValuesSql(knownBy === null ? null : p.add(knownBy, 'timestamptz'), status);
    const [row] = await readQuery<{ year: number | null }>(
      this.db,
      null,
      `SELECT max(v.year) AS year FROM ${known} v JOIN indicator i ON i.id = v.indicator_id
        WHERE v.year <= ${p.add(upToYear, 'int')} ${actionPlanId ? `AND i.action_plan_id = ${p.add(actionPlanId, 'uuid')}` : ''}`,
      p.values,
    );
    return row?.year ?? null;
  }

  /**
   * Every indicator in scope with its target and actual for `year`, by code: the one statement
   * behind every progress figure (IndicatorProgressReader). `knownBy` is the instant after the
   * last one whose versions count (null: now), `status` which versions count (knownValuesSql).
   */
  async progressFigures(year: number, knownBy: Date | null, status: ValueStatus, scope: ProgressScope): Promise<IndicatorFiguresRow[]> {
    const p = new SqlParams();
    const y = p.add(year, 'int');
    const known = knownBy === null ? null : p.add(knownBy, 'timestamptz');
    const where = ['true'];
    if (scope.actionPlanId) where.push(`i.action_plan_id = ${p.add(scope.actionPlanId, 'uuid')}`);
    if (scope.organizationId) where.push(`i.responsible_organization_id = ${p.add(scope.organizationId, 'uuid')}`);
    if (scope.indicatorIds) where.push(`i.id = ANY(${p.add(scope.indicatorIds, 'uuid[]')})`);
    const rows = await readQuery<Record<string, unknown>>(
      this.db,
      null,
      `SELECT i.*, t.value AS figures_target, a.value AS figures_actual, a.period AS figures_actual_period,
              pt.value AS figures_previous_target, m.value AS figures_milestone
         FROM indicator i
         LEFT JOIN indicator_target t ON t.indicator_id = i.id AND t.year = ${y}
         LEFT JOIN indicator_target pt ON pt.indicator_id = i.id AND pt.year = ${y} - 1
         LEFT JOIN LATERAL ${actualForYearSql('i.id', y, { columns: 'v.value, v.period, v.quarter', recordedBefore: known, valueStatus: status })} a ON true
         LEFT JOIN indicator_milestone m ON m.indicator_id = i.id AND m.year = ${y} AND m.quarter = a.quarter
        WHERE ${where.join(' AND ')}
        ORDER BY i.code, i.id`,
      p.values,
    );
    return rows.map((row) => ({
      indicator: rowToEntity(this.db, Indicator, row),
      target: row.figures_target as number | null,
      actual: row.figures_actual as number | null,
      actualPeriod: row.figures_actual_period as string | null,
      previousTarget: row.figures_previous_target as number | null,
      milestone: row.figures_milestone as number | null,
    }));
  }

  /** The export's indicator definitions in plan and code order, with the distinct sources of the values recorded by the end of `asOf`. */
  indicatorDefinitions(actionPlanId: string | null, ctx: ReadScope): Promise<IndicatorDefinition[]> {
    return this.db.query(
      `SELECT ap.code AS action_plan, i.code, ${translatedSql('i.name', ctx.contentChain)} AS name, COALESCE($3::jsonb ->> i.unit_code, i.unit) AS unit,
              i.direction::text AS direction, i.baseline_year, i.baseline_value,
              (SELECT string_agg(DISTINCT ${translatedSql('v.source', ctx.contentChain)}, '; ') FROM ${knownValuesSql('$2::timestamptz', ctx.valueStatus)} v
                WHERE v.indicator_id = i.id AND v.source IS NOT NULL) AS sources
         FROM indicator i JOIN action_plan ap ON ap.id = i.action_plan_id
        WHERE $1::uuid IS NULL OR i.action_plan_id = $1
        ORDER BY ap.code, i.code`,
      [actionPlanId, ctx.valuesKnownByEnd, JSON.stringify(ctx.language.unitNames())],
    );
  }

  /** Most recent plans first. */
  listPlans(): Promise<ActionPlan[]> {
    return this.db.getRepository(ActionPlan).find({ order: { startYear: 'DESC', code: 'ASC' } });
  }

  /** The plan, read in `tx` when given. */
  findPlan(id: string, tx?: EntityManager): Promise<ActionPlan | null> {
    return (tx ?? this.db.manager).getRepository(ActionPlan).findOneBy({ id });
  }

  /** The optimistic-concurrency write of a plan: the updated plan, or null when someone changed it since `current` was read. */
  updatePlanIfVersion(tx: EntityManager, current: ActionPlan, changes: Partial<ActionPlan>): Promise<ActionPlan | null> {
    return updateIfVersion(tx, ActionPlan, current, changes);
  }

  /** The optimistic-concurrency write of an indicator: the updated indicator, or null when someone changed it since `current` was read. */
  updateIndicatorIfVersion(tx: EntityManager, current: Indicator, changes: Partial<Indicator>): Promise<Indicator | null> {
    return updateIfVersion(tx, Indicator, current, changes);
  }

  /** The first and last year that the targets and values of the plan's indicators (or of one indicator) concern; nulls when none. */
  async yearsInUse(tx: EntityManager, scope: { planId: string } | { indicatorId: string }): Promise<{ first: number | null; last: number | null }> {
    const [where, id] = 'planId' in scope ? ['i.action_plan_id = $1', scope.planId] : ['i.id = $1', scope.indicatorId];
    const [row] = await tx.query<{ first: number | null; last: number | null }[]>(
      `SELECT min(year)::int AS first, max(year)::int AS last FROM (
         SELECT t.year FROM indicator_target t JOIN indicator i ON i.id = t.indicator_id WHERE ${where}
         UNION ALL
         SELECT v.year FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id WHERE ${where}
       ) used`,
      [id],
    );
    return row ?? { first: null, last: null };
  }

  /** Whether the indicator has any value (submitted, approved or rejected). */
  async hasValues(tx: EntityManager, indicatorId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>('SELECT 1 FROM indicator_value WHERE indicator_id = $1 LIMIT 1', [indicatorId]);
    return rows.length > 0;
  }

  insertPlan(tx: EntityManager, values: Omit<ActionPlan, 'id' | 'createdAt' | 'updatedAt' | 'reportingLagDays' | 'version'> & { reportingLagDays?: number }): Promise<ActionPlan> {
    return tx.getRepository(ActionPlan).save(tx.getRepository(ActionPlan).create(values));
  }

  /** The indicator, read in `tx` when given; null for an id that is not a UUID. */
  findIndicator(id: string, tx?: EntityManager): Promise<Indicator | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return (tx ?? this.db.manager).getRepository(Indicator).findOneBy({ id });
  }

  /** The indicators with this code: one per action plan at most (codes are unique within a plan). */
  findIndicatorsByCode(code: string): Promise<Indicator[]> {
    return this.db.getRepository(Indicator).find({ where: { code }, order: { actionPlanId: 'ASC' } });
  }

  /** The indicator and its yearly targets. */
  async insertIndicator(
    tx: EntityManager,
    values: Omit<Indicator, 'id' | 'createdAt' | 'updatedAt' | 'version'>,
    targets: readonly { year: number; value: number }[],
  ): Promise<Indicator> {
    const indicator = await tx.getRepository(Indicator).save(tx.getRepository(Indicator).create(values));
    if (targets.length) {
      await tx.getRepository(IndicatorTarget).insert(targets.map((t) => ({ indicatorId: indicator.id, year: t.year, value: t.value })));
    }
    return indicator;
  }

  /** Adds the indicator's targets for the years that have none; a year's target already there stays as it is (a data load run again). */
  async insertMissingTargets(tx: EntityManager, indicatorId: string, targets: readonly { year: number; value: number }[]): Promise<void> {
    if (targets.length === 0) return;
    await tx.query(
      `INSERT INTO indicator_target (indicator_id, year, value)
       SELECT $1, t.year, t.value FROM unnest($2::int[], $3::float8[]) AS t(year, value)
       ON CONFLICT DO NOTHING`,
      [indicatorId, targets.map((t) => t.year), targets.map((t) => t.value)],
    );
  }

  /**
   * Sets how the indicator's values are recorded when it differs, leaving its version and updated_at
   * as they are: for data loads (the sample upgrading an indicator an earlier sample loaded); an
   * edit goes through updateIndicatorIfVersion, a breakdown through DimensionsRepository.setIndicatorDimensions.
   */
  async setValueKindUnversioned(tx: EntityManager, indicatorId: string, valueKind: IndicatorValueKind): Promise<void> {
    await tx.query(`UPDATE indicator SET value_kind = $2 WHERE id = $1 AND value_kind <> $2`, [indicatorId, valueKind]);
  }

  /** Sets the target of one year, replacing any; returns the value replaced (null: none) and the indicator as it is now (its updated_at touched). */
  async upsertTarget(tx: EntityManager, indicatorId: string, year: number, value: number): Promise<{ replaced: number | null; indicator: Indicator }> {
    const [before] = await tx.query<{ value: number }[]>('SELECT value FROM indicator_target WHERE indicator_id = $1 AND year = $2', [indicatorId, year]);
    await tx.query(
      `INSERT INTO indicator_target (indicator_id, year, value) VALUES ($1, $2, $3)
       ON CONFLICT (indicator_id, year) DO UPDATE SET value = EXCLUDED.value`,
      [indicatorId, year, value],
    );
    await tx.query('UPDATE indicator SET updated_at = now() WHERE id = $1', [indicatorId]);
    return { replaced: before ? before.value : null, indicator: await tx.getRepository(Indicator).findOneByOrFail({ id: indicatorId }) };
  }

  /**
   * Indicators (of one organisation, or all) with no value for the quarter: neither that
   * quarter nor its whole year has one, and the plan covers the year. By plan and code.
   */
  async indicatorsAwaitingValue(organizationId: string | null, year: number, quarter: number): Promise<Indicator[]> {
    const rows = await this.db.query<Record<string, unknown>[]>(
      `SELECT i.* FROM indicator i JOIN action_plan p ON p.id = i.action_plan_id
       WHERE ($1::uuid IS NULL OR i.responsible_organization_id = $1)
         AND $2 BETWEEN p.start_year AND p.end_year
         AND NOT EXISTS (
           SELECT 1 FROM indicator_value v
           WHERE v.indicator_id = i.id AND v.year = $2 AND (v.quarter = $3 OR v.quarter IS NULL))
       ORDER BY p.code, i.code`,
      [organizationId, year, quarter],
    );
    return rows.map((row) => rowToEntity(this.db, Indicator, row));
  }

  /** One page of the filtered indicators and their total, in one statement. */
  indicatorPage(filter: IndicatorFilter | null | undefined, args: PageArgs): Promise<Connection<Indicator>> {
    const filtered = () => {
      const query = this.db.getRepository(Indicator).createQueryBuilder('i');
      if (filter?.actionPlanId) query.andWhere('i.action_plan_id = :planId', { planId: filter.actionPlanId });
      if (filter?.responsibleOrganizationId) {
        query.andWhere('i.responsible_organization_id = :orgId', { orgId: filter.responsibleOrganizationId });
      }
      if (filter?.search) {
        query.andWhere('(i.code ILIKE :pattern OR translations_text(i.name) ILIKE :pattern)', { pattern: likePattern(filter.search) });
      }
      return query;
    };
    return keysetConnection(args, BY_CODE, filtered(), countAll(filtered()));
  }

  planById(loaders: LoaderRegistry): DataLoader<string, ActionPlan | null> {
    return loaders.get('actionPlan.byId', async (ids: readonly string[]) => {
      const rows = await readEntities(this.db, ActionPlan, loaders, 'SELECT * FROM action_plan WHERE id = ANY($1)', [ids]);
      return oneByKey(ids, rows, (p) => p.id);
    });
  }

  indicatorById(loaders: LoaderRegistry): DataLoader<string, Indicator | null> {
    return loaders.get('indicator.byId', async (ids: readonly string[]) => {
      const rows = await readEntities(this.db, Indicator, loaders, 'SELECT * FROM indicator WHERE id = ANY($1)', [ids]);
      return oneByKey(ids, rows, (i) => i.id);
    });
  }

  indicatorsByPlanId(loaders: LoaderRegistry): DataLoader<string, Indicator[]> {
    return loaders.get('actionPlan.indicators', async (planIds: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        Indicator,
        loaders,
        'SELECT * FROM indicator WHERE action_plan_id = ANY($1) ORDER BY code, id',
        [planIds],
      );
      return manyByKey(planIds, rows, (i) => i.actionPlanId);
    });
  }

  /** Ordered by year. */
  targetsByIndicatorId(loaders: LoaderRegistry): DataLoader<string, IndicatorTarget[]> {
    return loaders.get(TARGETS, async (ids: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        IndicatorTarget,
        loaders,
        'SELECT * FROM indicator_target WHERE indicator_id = ANY($1) ORDER BY indicator_id, year',
        [ids],
      );
      return manyByKey(ids, rows, (t) => t.indicatorId);
    });
  }

  /** Chronologically: a year's quarters, then the year's own value (as latestOf counts it), then the next year. */
  valuesByIndicatorId(loaders: LoaderRegistry): DataLoader<string, IndicatorValue[]> {
    return loaders.get(VALUES, async (ids: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        IndicatorValue,
        loaders,
        `SELECT * FROM ${knownValuesSql(null)} v WHERE indicator_id = ANY($1) ORDER BY indicator_id, year, quarter ASC NULLS LAST`,
        [ids],
      );
      return manyByKey(ids, rows, (v) => v.indicatorId);
    });
  }

  /** Each indicator's most recent value (latestOf's order: the latest year; in it, the annual value, else the latest quarter). */
  latestValue(loaders: LoaderRegistry, indicatorId: string): Promise<IndicatorValue | null> {
    return this.figures(loaders)
      .load({ indicatorId, cut: null })
      .then((figures) => figures.latest);
  }

  /** The indicator's figures for one year as a cut knows them (IndicatorProgressReader.forIndicator). */
  yearFigures(loaders: LoaderRegistry, indicatorId: string, cut: FiguresCut): Promise<Required<YearFigures>> {
    return this.figures(loaders).load({ indicatorId, cut });
  }

  /**
   * Indicator.latestValue and Indicator.progress asked for in the same tick are read by one
   * statement: one row per indicator and cut (year, asOf, valuesKnownBy), the latest value joined
   * alongside, so a page of indicators with both fields, or an indicator's every year, costs one
   * round trip. Only a second value status (SUBMITTED beside APPROVED) costs one more.
   */
  private figures(loaders: LoaderRegistry): DataLoader<FiguresKey, PageFigures, string> {
    return loaders.get<FiguresKey, PageFigures, string>(
      'indicator.figures',
      async (keys) => {
        const ids = [...new Set(keys.map((k) => k.indicatorId))];
        // One statement per value status asked (in practice one): each holds every (year, knownBy) asked with it.
        const groups = new Map<ValueStatus, Map<string, FiguresCut>>();
        for (const { cut } of keys) {
          if (!cut) continue;
          const group = groups.get(cut.status) ?? new Map<string, FiguresCut>();
          group.set(cutKey(cut), cut);
          groups.set(cut.status, group);
        }
        const withLatest = keys.some((k) => k.cut === null);
        const byKey = new Map<string, PageFigures>();
        const statements = groups.size ? [...groups.values()].map((group) => [...group.values()]) : [null];
        for (const [index, cuts] of statements.entries()) {
          const latest = withLatest && index === 0;
          const { sql, params } = pageFiguresQuery(ids, latest, cuts);
          const rows = await readQuery<Record<string, unknown>>(this.db, loaders, sql, params);
          for (const row of rows) {
            const indicatorId = row.figures_indicator_id as string;
            if (latest) byKey.set(figuresKey({ indicatorId, cut: null }), { ...NO_FIGURES, latest: row.id === null ? null : rowToEntity(this.db, IndicatorValue, row) });
            if (cuts) {
              byKey.set(figuresKey({ indicatorId, cut: cuts[Number(row.figures_slot) - 1] }), {
                latest: null,
                target: row.figures_target as number | null,
                actual: row.figures_actual as number | null,
                actualPeriod: row.figures_actual_period as string | null,
                previousTarget: row.figures_previous_target as number | null,
                milestone: row.figures_milestone as number | null,
              });
            }
          }
        }
        return keys.map((key) => byKey.get(figuresKey(key)) ?? NO_FIGURES);
      },
      { cacheKeyFn: figuresKey },
    );
  }
}

/** The cut a page's progress is read at: the year, and the values as known (null: approved, now) with that status. */
export interface FiguresCut {
  year: number;
  knownBy: Date | null;
  status: ValueStatus;
}

interface FiguresKey {
  indicatorId: string;
  /** null: the latest value only. */
  cut: FiguresCut | null;
}

interface PageFigures extends Required<YearFigures> {
  latest: IndicatorValue | null;
}

const NO_FIGURES: PageFigures = { latest: null, target: null, actual: null, actualPeriod: null, previousTarget: null, milestone: null };

function cutKey(cut: FiguresCut): string {
  return `${cut.year}:${cut.knownBy?.toISOString() ?? 'now'}:${cut.status}`;
}

function figuresKey({ indicatorId, cut }: FiguresKey): string {
  return cut ? `${indicatorId}:${cutKey(cut)}` : indicatorId;
}

/** The columns yearFiguresJoins gives, as pageFiguresQuery reads them. */
const YEAR_FIGURES_COLUMNS = [
  't.value AS figures_target',
  'pt.value AS figures_previous_target',
  'a.figures_actual',
  'a.figures_actual_period',
  'm.value AS figures_milestone',
];

/**
 * The joins that read an indicator's figures for a year (YearFigures): the year's target (t), the
 * previous year's (pt), the actual as known before `recordedBefore` (null: approved, now) with its
 * period and quarter (a), and that quarter's milestone (m). `indicatorId` and `year` are SQL.
 */
function yearFiguresJoins(indicatorId: string, year: string, recordedBefore: string | null, status: `${ValueStatus}`): string[] {
  const actual = actualForYearSql(indicatorId, year, {
    columns: 'v.value AS figures_actual, v.period AS figures_actual_period, v.quarter AS figures_actual_quarter',
    recordedBefore,
    valueStatus: status,
  });
  return [
    `LEFT JOIN indicator_target t ON t.indicator_id = ${indicatorId} AND t.year = ${year}`,
    `LEFT JOIN indicator_target pt ON pt.indicator_id = ${indicatorId} AND pt.year = ${year} - 1`,
    `LEFT JOIN LATERAL ${actual} a ON true`,
    `LEFT JOIN indicator_milestone m ON m.indicator_id = ${indicatorId} AND m.year = ${year} AND m.quarter = a.figures_actual_quarter`,
  ];
}

/** What progressOf needs of an indicator and its figures for a year, as progressInputsTextSql writes them. */
export interface ProgressInputs {
  indicator: Pick<Indicator, 'id' | 'direction' | 'baselineValue' | 'measure' | 'reportingFrequency'>;
  figures: YearFigures;
  /**
   * With a lagged cut: the indicator's plan's reporting lag, and the instant (ms since the epoch)
   * PostgreSQL read the values as known before (null: now), for the reader to check against its own.
   */
  lag?: { days: number; knownByMs: number | null };
}

/**
 * The cut of a lagged year, as progressInputsTextSql reads it: each indicator's values as known at
 * the end of the day `asOf` plus its plan's reporting lag, in `timeZone`, or now once that day is
 * `today` or later (resolveProgressCut and IndicatorProgressReader.knownBy, in SQL).
 */
export interface LaggedFiguresCut {
  today: string;
  asOf: string;
  timeZone: string;
}

/**
 * SQL writing, for the indicator row `alias`, what progressOf needs for `year` with the approved
 * values (the figures pageFiguresQuery reads for that cut), as one text of fields separated by "|"
 * (an empty field: null); readProgressInputs reads it back. The values as they are now, or, with
 * `lagged`, as known at the indicator's own plan's lagged day, followed by that lag and the instant
 * read at. For the page assembler, which has PostgreSQL write it inside a page's JSON instead of
 * reading the figures by a statement of their own. `year` is a plan year (an integer).
 */
export function progressInputsTextSql(alias: string, year: number, lagged: LaggedFiguresCut | null = null): string {
  if (!Number.isInteger(year)) throw new Error(`not a year: ${year}`);
  const field = (sql: string) => `coalesce((${sql})::text, '')`;
  const fields = [
    `${alias}.id`,
    `${alias}.direction`,
    `${alias}.measure`,
    `${alias}.reporting_frequency`,
    `${alias}.baseline_value`,
    't.value',
    'a.figures_actual',
    'a.figures_actual_period',
    'pt.value',
    'm.value',
  ];
  if (!lagged) {
    return `(SELECT ${fields.map(field).join(" || '|' || ")} FROM (SELECT 1) one ${yearFiguresJoins(`${alias}.id`, String(year), null, ValueStatus.APPROVED).join(' ')})`;
  }
  // Written into the SQL's text as literals: a relation's SQL takes no parameters of its own (relationsJson).
  const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
  const asOf = `date ${literal(lagged.asOf)}`;
  // The start of the day after asOf + lag in the zone, while that day is before today; else null (now).
  const lagDays = `coalesce((SELECT ap.reporting_lag_days FROM action_plan ap WHERE ap.id = ${alias}.action_plan_id), ${DEFAULT_REPORTING_LAG_DAYS})`;
  const knownBy = `CASE WHEN ${asOf} + lag.days < date ${literal(lagged.today)} THEN (${asOf} + lag.days + 1)::timestamp AT TIME ZONE ${literal(lagged.timeZone)} END`;
  fields.push('k.lag_days', '(extract(epoch FROM k.known_by) * 1000)::bigint');
  return `(SELECT ${fields.map(field).join(" || '|' || ")}
             FROM (SELECT lag.days AS lag_days, ${knownBy} AS known_by FROM (SELECT ${lagDays} AS days) lag) k
             ${yearFiguresJoins(`${alias}.id`, String(year), "coalesce(k.known_by, 'infinity')", ValueStatus.APPROVED).join(' ')})`;
}

/** progressInputsTextSql's text read back (PostgreSQL's float8 text is the double's shortest digits, which Number reads exactly). */
export function readProgressInputs(text: string): ProgressInputs {
  const [id, direction, measure, frequency, baseline, target, actual, actualPeriod, previousTarget, milestone, lagDays, knownByMs] = text.split('|');
  const number = (value: string) => (value === '' ? null : Number(value));
  return {
    indicator: {
      id,
      direction: direction as IndicatorDirection,
      measure: measure as IndicatorMeasure,
      reportingFrequency: frequency as ReportingFrequency,
      baselineValue: number(baseline),
    },
    figures: { target: number(target), actual: number(actual), actualPeriod: actualPeriod || null, previousTarget: number(previousTarget), milestone: number(milestone) },
    ...(lagDays === undefined ? {} : { lag: { days: Number(lagDays), knownByMs: number(knownByMs) } }),
  };
}

/**
 * The statement of a page's figures: with `latest`, each indicator's latest approved value (its
 * columns as indicator_value's); with `cuts` (of one value status), per indicator and cut the
 * year's target, the previous year's, the actual as the cut knows it with its period, and that
 * quarter's milestone (what ActionPlanRepository.progressFigures reads for a whole scope), each
 * row numbered by its cut (figures_slot, from 1).
 */
function pageFiguresQuery(ids: string[], latest: boolean, cuts: FiguresCut[] | null): { sql: string; params: unknown[] } {
  const p = new SqlParams();
  const indicatorIds = p.add(ids, 'uuid[]');
  const columns = ['i.id AS figures_indicator_id'];
  const joins: string[] = [];
  if (latest) {
    columns.push('latest.*');
    joins.push(`LEFT JOIN LATERAL ${latestValueSql('i.id')} latest ON true`);
  }
  if (cuts) {
    // "Approved, now" reads the slots' copies; mixed with other cuts, it is every approval before 'infinity'.
    const now = cuts.every((c) => c.knownBy === null);
    columns.push('y.slot AS figures_slot', ...YEAR_FIGURES_COLUMNS);
    joins.push(
      `CROSS JOIN unnest(${p.add(cuts.map((c) => c.year), 'int[]')}, ${p.add(cuts.map((c) => c.knownBy), 'timestamptz[]')}) WITH ORDINALITY AS y(year, known_by, slot)`,
      ...yearFiguresJoins('i.id', 'y.year', now ? null : "COALESCE(y.known_by, 'infinity')", cuts[0].status),
    );
  }
  return { sql: `SELECT ${columns.join(', ')} FROM unnest(${indicatorIds}) AS i(id) ${joins.join('\n')}`, params: p.values };
}

/**
 * The SQL the indicators export streams: per indicator its plan, code, name, unit,
 * direction and baseline, with its targets and the values known by the end of
 * valuesKnownBy as JSON in the same row (for the per-year columns), and the target,
 * actual and its period for `year` read by the same SQL as every other progress figure
 * (ActionPlanRepository.progressFigures), which the exporter turns into progress with progressOf.
 */
export function indicatorsExportQuery(actionPlanId: string | null, year: number, ctx: ReadScope): ExportQuery {
  const p = new SqlParams();
  const knownBy = p.add(ctx.valuesKnownByEnd, 'timestamptz');
  const y = p.add(year, 'int');
  const plan = actionPlanId ? p.add(actionPlanId, 'uuid') : null;
  const unit = ctx.language.unitSql(p);
  const sql = `
    SELECT ap.code AS action_plan, i.code, ${translatedSql('i.name', ctx.contentChain)} AS name, ${unit} AS unit, i.direction::text AS direction,
           i.baseline_year, i.baseline_value,
           (SELECT json_agg(json_build_array(t.year, t.value)) FROM indicator_target t WHERE t.indicator_id = i.id) AS targets,
           (SELECT json_agg(json_build_array(v.year, v.quarter, v.value)) FROM ${knownValuesSql(knownBy, ctx.valueStatus)} v
             WHERE v.indicator_id = i.id) AS "values",
           (SELECT t.value FROM indicator_target t WHERE t.indicator_id = i.id AND t.year = ${y}) AS figures_target,
           a.value AS figures_actual, a.period AS figures_actual_period,
           (SELECT t.value FROM indicator_target t WHERE t.indicator_id = i.id AND t.year = ${y} - 1) AS figures_previous_target,
           (SELECT m.value FROM indicator_milestone m WHERE m.indicator_id = i.id AND m.year = ${y} AND m.quarter = a.quarter) AS figures_milestone,
           i.measure::text AS measure, i.reporting_frequency::text AS reporting_frequency,
           framework_items.codes AS framework_items
      FROM indicator i
      JOIN action_plan ap ON ap.id = i.action_plan_id
      LEFT JOIN ${frameworkItemCodesByOwnerSql('indicator')} framework_items ON framework_items.owner_id = i.id
      -- The actual, its period and its quarter (for the milestone) read once, not once each.
      LEFT JOIN LATERAL ${actualForYearSql('i.id', y, { columns: 'v.value, v.period, v.quarter', recordedBefore: knownBy, valueStatus: ctx.valueStatus })} a ON true
     ${plan ? `WHERE i.action_plan_id = ${plan}` : ''}`;
  return {
    sql,
    params: p.values,
    orderBy: [
      { column: 'action_plan', cast: 'varchar' },
      { column: 'code', cast: 'varchar' },
    ],
  };
}
