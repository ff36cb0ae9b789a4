import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { LoaderRegistry, manyByKey } from '../common/loaders/loader-registry';
import { readEntities } from '../database/linked-rows';
import { IndicatorMilestone } from './indicator-milestone.entity';

/** Every statement on indicator_milestone: a QUARTERLY indicator's quarterly targets. */
@Injectable()
export class IndicatorMilestonesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Sets the milestone of one quarter, replacing any; returns the value replaced (null: none). Touches the indicator's updated_at. */
  async upsert(tx: EntityManager, indicatorId: string, year: number, quarter: number, value: number): Promise<number | null> {
    const [before] = await tx.query<{ value: number }[]>(
      'SELECT value FROM indicator_milestone WHERE indicator_id = $1 AND year = $2 AND quarter = $3 FOR UPDATE',
      [indicatorId, year, quarter],
    );
    await tx.query(
      `INSERT INTO indicator_milestone (indicator_id, year, quarter, value) VALUES ($1, $2, $3, $4)
       ON CONFLICT (indicator_id, year, quarter) DO UPDATE SET value = EXCLUDED.value`,
      [indicatorId, year, quarter, value],
    );
    await tx.query('UPDATE indicator SET updated_at = now() WHERE id = $1', [indicatorId]);
    return before ? before.value : null;
  }

  /** Adds the indicator's milestones for the quarters that have none; a quarter's milestone already there stays as it is (a data load run again). */
  async insertMissing(tx: EntityManager, indicatorId: string, milestones: readonly { year: number; quarter: number; value: number }[]): Promise<void> {
    if (milestones.length === 0) return;
    await tx.query(
      `INSERT INTO indicator_milestone (indicator_id, year, quarter, value)
       SELECT $1, t.year, t.quarter, t.value FROM unnest($2::int[], $3::smallint[], $4::float8[]) AS t(year, quarter, value)
       ON CONFLICT DO NOTHING`,
      [indicatorId, milestones.map((m) => m.year), milestones.map((m) => m.quarter), milestones.map((m) => m.value)],
    );
  }

  /** Each indicator's milestones, by year and quarter (one query per request for every indicator asked). */
  byIndicatorId(loaders: LoaderRegistry): DataLoader<string, IndicatorMilestone[]> {
    return loaders.get('indicator.milestones', async (ids: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        IndicatorMilestone,
        loaders,
        'SELECT * FROM indicator_milestone WHERE indicator_id = ANY($1) ORDER BY indicator_id, year, quarter',
        [ids],
      );
      return manyByKey(ids, rows, (m) => m.indicatorId);
    });
  }

  /** The milestones of the indicators, by year and quarter, outside GraphQL (pages). */
  forIndicators(indicatorIds: readonly string[]): Promise<IndicatorMilestone[]> {
    return this.db.getRepository(IndicatorMilestone).find({
      where: indicatorIds.map((indicatorId) => ({ indicatorId })),
      order: { year: 'ASC', quarter: 'ASC' },
    });
  }
}
