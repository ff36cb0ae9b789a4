import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { LoaderRegistry, manyByKey, oneByKey } from '../common/loaders/loader-registry';
import { likePattern } from '../common/like-pattern';
import { Connection } from '../common/pagination/connection.type';
import { KeysetOrder, keysetConnection } from '../common/pagination/keyset-page';
import { countAll } from '../common/pagination/page-and-total';
import { PageArgs } from '../common/pagination/page.args';
import { readEntities, rowToEntity } from '../database/linked-rows';
import { readQuery } from '../database/read-routing';
import { ActionPlan } from './action-plan.entity';
import { IndicatorFilter } from './dto/indicators.args';
import { IndicatorTarget } from './indicator-target.entity';
import { IndicatorValue } from './indicator-value.entity';
import { Indicator } from './indicator.entity';

/**
 * SQL for an indicator's actual value in a year, as actualForYear computes it: the annual
 * value, else the latest quarter's. `indicatorId` and `year` are SQL expressions.
 */
export function actualForYearSql(indicatorId: string, year: string): string {
  return `(SELECT v.value FROM indicator_value v WHERE v.indicator_id = ${indicatorId} AND v.year = ${year}
            ORDER BY v.quarter DESC NULLS FIRST LIMIT 1)`;
}

const VALUES = 'indicator.values';
const TARGETS = 'indicator.targets';

/** What Indicator.progress(year) reads besides the indicator itself. */
export interface IndicatorYearFigures {
  target: number | null;
  actual: number | null;
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
@Injectable()
export class ActionPlanRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
        'SELECT * FROM indicator_value WHERE indicator_id = ANY($1) ORDER BY indicator_id, year, quarter ASC NULLS LAST',
        [ids],
      );
      return manyByKey(ids, rows, (v) => v.indicatorId);
    });
  }

  /** Each indicator's most recent value (latestOf's order: the latest year; in it, the annual value, else the latest quarter). */
  latestValue(loaders: LoaderRegistry, indicatorId: string): Promise<IndicatorValue | null> {
    return this.figures(loaders)
      .load({ indicatorId, year: null })
      .then((figures) => figures.latest);
  }

  /** Each indicator's target and actual for `year`. */
  yearFigures(loaders: LoaderRegistry, indicatorId: string, year: number): Promise<IndicatorYearFigures> {
    return this.figures(loaders)
      .load({ indicatorId, year })
      .then(({ target, actual }) => ({ target, actual }));
  }

  /**
   * Indicator.latestValue and Indicator.progress(year), asked for in the same tick, are
   * read by one statement: one row per indicator and year asked (a row with a null year
   * when only the latest value is), the latest value joined alongside. A page of
   * indicators with both fields costs one round trip, not two.
   */
  private figures(loaders: LoaderRegistry): DataLoader<FiguresKey, Figures, string> {
    return loaders.get<FiguresKey, Figures, string>(
      'indicator.figures',
      async (keys) => {
        const ids = [...new Set(keys.map((k) => k.indicatorId))];
        const years = [...new Set(keys.flatMap((k) => (k.year === null ? [] : [k.year])))];
        const rows = await readQuery<Record<string, unknown>>(
          this.db,
          loaders,
          `SELECT i.id AS figures_indicator_id, y.year AS figures_year, t.value AS figures_target,
                  ${actualForYearSql('i.id', 'y.year')} AS figures_actual, latest.*
             FROM unnest($1::uuid[]) AS i(id)
             LEFT JOIN LATERAL (SELECT * FROM indicator_value v WHERE v.indicator_id = i.id
                                 ORDER BY v.year DESC, v.quarter DESC NULLS FIRST LIMIT 1) latest ON true
             LEFT JOIN unnest($2::int[]) AS y(year) ON true
             LEFT JOIN indicator_target t ON t.indicator_id = i.id AND t.year = y.year`,
          [ids, years],
        );
        const byKey = new Map<string, Figures>();
        for (const row of rows) {
          const latest = row.id === null ? null : rowToEntity(this.db, IndicatorValue, row);
          const figures = { latest, target: row.figures_target as number | null, actual: row.figures_actual as number | null };
          const indicatorId = row.figures_indicator_id as string;
          byKey.set(figuresKey({ indicatorId, year: null }), figures);
          if (row.figures_year !== null) byKey.set(figuresKey({ indicatorId, year: row.figures_year as number }), figures);
        }
        return keys.map((key) => byKey.get(figuresKey({ indicatorId: key.indicatorId, year: key.year })) ?? NO_FIGURES);
      },
      { cacheKeyFn: figuresKey },
    );
  }
}

interface FiguresKey {
  indicatorId: string;
  /** null: the latest value only. */
  year: number | null;
}

interface Figures extends IndicatorYearFigures {
  latest: IndicatorValue | null;
}

const NO_FIGURES: Figures = { latest: null, target: null, actual: null };

function figuresKey(key: FiguresKey): string {
  return `${key.indicatorId}:${key.year ?? ''}`;
}
