import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { LoaderRegistry, manyByKey, oneByKey } from '../common/loaders/loader-registry';
import { ActionPlan } from './action-plan.entity';
import { IndicatorTarget } from './indicator-target.entity';
import { IndicatorValue } from './indicator-value.entity';
import { Indicator } from './indicator.entity';

@Injectable()
export class ActionPlanLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  planById(loaders: LoaderRegistry): DataLoader<string, ActionPlan | null> {
    return loaders.get('actionPlan.byId', async (ids: readonly string[]) => {
      const rows = await this.db.getRepository(ActionPlan).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids }).getMany();
      return oneByKey(ids, rows, (p) => p.id);
    });
  }

  indicatorById(loaders: LoaderRegistry): DataLoader<string, Indicator | null> {
    return loaders.get('indicator.byId', async (ids: readonly string[]) => {
      const rows = await this.db.getRepository(Indicator).createQueryBuilder('i').where('i.id = ANY(:ids)', { ids }).getMany();
      return oneByKey(ids, rows, (i) => i.id);
    });
  }

  indicatorsByPlanId(loaders: LoaderRegistry): DataLoader<string, Indicator[]> {
    return loaders.get('actionPlan.indicators', async (planIds: readonly string[]) => {
      const rows = await this.db
        .getRepository(Indicator)
        .createQueryBuilder('i')
        .where('i.actionPlanId = ANY(:planIds)', { planIds })
        .orderBy('i.code')
        .addOrderBy('i.id')
        .getMany();
      return manyByKey(planIds, rows, (i) => i.actionPlanId);
    });
  }

  /** Ordered by year. */
  targetsByIndicatorId(loaders: LoaderRegistry): DataLoader<string, IndicatorTarget[]> {
    return loaders.get('indicator.targets', async (ids: readonly string[]) => {
      const rows = await this.db
        .getRepository(IndicatorTarget)
        .createQueryBuilder('t')
        .where('t.indicatorId = ANY(:ids)', { ids })
        .orderBy('t.indicatorId')
        .addOrderBy('t.year')
        .getMany();
      return manyByKey(ids, rows, (t) => t.indicatorId);
    });
  }

  /** Chronologically: a year's quarters, then the year's own value (as latestOf counts it), then the next year. */
  valuesByIndicatorId(loaders: LoaderRegistry): DataLoader<string, IndicatorValue[]> {
    return loaders.get('indicator.values', async (ids: readonly string[]) => {
      const rows = await this.db
        .getRepository(IndicatorValue)
        .createQueryBuilder('v')
        .where('v.indicatorId = ANY(:ids)', { ids })
        .orderBy('v.indicatorId')
        .addOrderBy('v.year')
        .addOrderBy('v.quarter', 'ASC', 'NULLS LAST')
        .getMany();
      return manyByKey(ids, rows, (v) => v.indicatorId);
    });
  }
}
