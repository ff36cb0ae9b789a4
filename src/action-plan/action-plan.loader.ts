import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { LoaderRegistry, manyByKey, oneByKey } from '../common/loaders/loader-registry';
import { readEntities } from '../database/linked-rows';
import { ActionPlan } from './action-plan.entity';
import { IndicatorTarget } from './indicator-target.entity';
import { IndicatorValue } from './indicator-value.entity';
import { Indicator } from './indicator.entity';

/** Bulk reads of the action plan, one `= ANY($1)` query per relation and request, as raw rows. */
@Injectable()
export class ActionPlanLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
    return loaders.get('indicator.targets', async (ids: readonly string[]) => {
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
    return loaders.get('indicator.values', async (ids: readonly string[]) => {
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
}
