import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Indicator } from '../action-plan/indicator.entity';
import { Barrier } from '../barriers/barrier.entity';
import { LoaderRegistry, manyByKey } from '../common/loaders/loader-registry';
import { loadLinked, readEntities } from '../database/linked-rows';
import { Organization } from '../organizations/organization.entity';
import { Recommendation } from './recommendation.entity';
import { StatusChange } from './status-change.entity';

/**
 * Bulk reads around recommendations, one `= ANY($1)` query per relation and
 * request. Raw rows mapped by column metadata (see rowToEntity): TypeORM's
 * hydration cost more than the queries themselves on these hot paths.
 */
@Injectable()
export class RecommendationLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  statusHistory(loaders: LoaderRegistry): DataLoader<string, StatusChange[]> {
    return loaders.get('recommendation.statusHistory', async (ids: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        StatusChange,
        loaders,
        'SELECT * FROM status_change WHERE recommendation_id = ANY($1) ORDER BY recommendation_id, version',
        [ids],
      );
      return manyByKey(ids, rows, (s) => s.recommendationId);
    });
  }

  barriers(loaders: LoaderRegistry): DataLoader<string, Barrier[]> {
    return loaders.get('recommendation.barriers', (ids: readonly string[]) =>
      loadLinked(
        this.db,
        Barrier,
        ids,
        { via: 'recommendation_barrier', entityColumn: 'barrier_id', keyColumn: 'recommendation_id', orderBy: 'e.title, e.id' },
        loaders,
      ),
    );
  }

  responsibleOrganizations(loaders: LoaderRegistry): DataLoader<string, Organization[]> {
    return loaders.get('recommendation.organizations', (ids: readonly string[]) =>
      loadLinked(
        this.db,
        Organization,
        ids,
        { via: 'recommendation_organization', entityColumn: 'organization_id', keyColumn: 'recommendation_id', orderBy: 'e.name, e.id' },
        loaders,
      ),
    );
  }

  indicators(loaders: LoaderRegistry): DataLoader<string, Indicator[]> {
    return loaders.get('recommendation.indicators', (ids: readonly string[]) =>
      loadLinked(
        this.db,
        Indicator,
        ids,
        { via: 'recommendation_indicator', entityColumn: 'indicator_id', keyColumn: 'recommendation_id', orderBy: 'e.code, e.id' },
        loaders,
      ),
    );
  }

  byMeetingId(loaders: LoaderRegistry): DataLoader<string, Recommendation[]> {
    return loaders.get('recommendation.byMeetingId', async (meetingIds: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        Recommendation,
        loaders,
        'SELECT * FROM recommendation WHERE meeting_id = ANY($1) ORDER BY code',
        [meetingIds],
      );
      return manyByKey(meetingIds, rows, (r) => r.meetingId);
    });
  }

  byBarrierId(loaders: LoaderRegistry): DataLoader<string, Recommendation[]> {
    return loaders.get('recommendation.byBarrierId', (barrierIds: readonly string[]) =>
      loadLinked(
        this.db,
        Recommendation,
        barrierIds,
        { via: 'recommendation_barrier', entityColumn: 'recommendation_id', keyColumn: 'barrier_id', orderBy: 'e.code' },
        loaders,
      ),
    );
  }

  byIndicatorId(loaders: LoaderRegistry): DataLoader<string, Recommendation[]> {
    return loaders.get('recommendation.byIndicatorId', (indicatorIds: readonly string[]) =>
      loadLinked(
        this.db,
        Recommendation,
        indicatorIds,
        { via: 'recommendation_indicator', entityColumn: 'recommendation_id', keyColumn: 'indicator_id', orderBy: 'e.code' },
        loaders,
      ),
    );
  }
}
