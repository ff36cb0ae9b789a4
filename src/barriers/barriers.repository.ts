import { Injectable } from '@nestjs/common';
import { DatabaseCapabilities } from '../database/database-capabilities';
import type { Locale } from '../i18n/locales';
import { BarrierCategory } from './barrier-category.enum';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import { isUUID } from 'class-validator';
import { loadLinked } from '../database/linked-rows';
import { updateIfVersion } from '../database/versioned-update';
import { ContentLocaleService } from '../i18n/content-locales';
import { translatedSql } from '../i18n/translations';
import { translatedKeysetOrder } from '../i18n/translated-keyset-order';
import { Connection } from '../common/pagination/connection.type';
import { keysetConnection } from '../common/pagination/keyset-page';
import { countAll } from '../common/pagination/page-and-total';
import { PageArgs } from '../common/pagination/page.args';
import { Meeting } from '../meetings/meeting.entity';
import { BarrierMeeting } from './barrier-meeting.entity';
import { Barrier } from './barrier.entity';

/**
 * Links the barriers to a meeting that raised them; links already there stay. A plain function over
 * the caller's transaction, not a method: the sample's seed, which runs without the Nest container
 * (and so without the content locales BarriersRepository is built with), calls it.
 */
export async function linkBarriersToMeeting(tx: EntityManager, meetingId: string, barrierIds: readonly string[]): Promise<void> {
  if (barrierIds.length === 0) return;
  await tx.query('INSERT INTO barrier_meeting (barrier_id, meeting_id) SELECT b.id, $1 FROM unnest($2::uuid[]) AS b(id) ON CONFLICT DO NOTHING', [meetingId, barrierIds]);
}

/** Every statement on barrier and barrier_meeting (besides linkBarriersToMeeting): the list, the loaders' batches and the writes (in the service's transaction, `tx`). */
@Injectable()
export class BarriersRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contentLocales: ContentLocaleService,
    private readonly capabilities: DatabaseCapabilities,
  ) {}

  /** By title in `locale` (its fallback where it has none, its collation where the database has one), then id. */
  list(category: BarrierCategory | null, limit: number | undefined, locale: Locale): Promise<Barrier[]> {
    const title = this.capabilities.collated(translatedSql('b.title', this.contentLocales.chain(locale)), locale);
    const query = this.db.getRepository(Barrier).createQueryBuilder('b').orderBy(title).addOrderBy('b.id');
    if (category) query.where('b.category = :category', { category });
    if (limit !== undefined) query.limit(limit);
    return query.getMany();
  }

  /** One page of the barriers (of `category` when given) by title in `locale`, as list() orders them, and their total, in one statement. */
  listPage(category: BarrierCategory | null, args: PageArgs, locale: Locale): Promise<Connection<Barrier>> {
    const order = translatedKeysetOrder<Barrier>({
      list: 'barriers',
      columnSql: 'b.title',
      idSql: 'b.id',
      chain: this.contentLocales.chain(locale),
      collate: (sql) => this.capabilities.collated(sql, locale),
      textOf: (barrier) => barrier.title,
    });
    const selected = () => {
      const query = this.db.getRepository(Barrier).createQueryBuilder('b');
      return category ? query.where('b.category = :category', { category }) : query;
    };
    return keysetConnection(args, order, selected(), countAll(selected()));
  }

  /** Runs `work` in one transaction; the service passes `tx` to the writing methods. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The barrier, read in `tx` when given; null for an id that is not a UUID. */
  findById(id: string, tx?: EntityManager): Promise<Barrier | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return (tx ?? this.db.manager).getRepository(Barrier).findOneBy({ id });
  }

  /** The ids of the meetings where the barrier was raised, sorted. */
  async meetingIdsOf(tx: EntityManager, barrierId: string): Promise<string[]> {
    const rows = await tx.query<{ meeting_id: string }[]>('SELECT meeting_id FROM barrier_meeting WHERE barrier_id = $1 ORDER BY meeting_id', [barrierId]);
    return rows.map((row) => row.meeting_id);
  }

  /** The optimistic-concurrency write: the updated barrier, or null when someone changed it since `current` was read. */
  updateIfVersion(tx: EntityManager, current: Barrier, changes: Partial<Barrier>): Promise<Barrier | null> {
    return updateIfVersion(tx, Barrier, current, changes);
  }

  /** Replaces the meetings where the barrier was raised. */
  async replaceMeetings(tx: EntityManager, barrierId: string, meetingIds: readonly string[]): Promise<void> {
    await tx.query('DELETE FROM barrier_meeting WHERE barrier_id = $1', [barrierId]);
    await tx.getRepository(BarrierMeeting).insert(meetingIds.map((meetingId) => ({ barrierId, meetingId })));
  }

  /** The barrier and its links to the meetings that raised it. */
  async insert(tx: EntityManager, values: Pick<Barrier, 'title' | 'description' | 'category'>, meetingIds: readonly string[]): Promise<Barrier> {
    const barrier = await tx.getRepository(Barrier).save(tx.getRepository(Barrier).create(values));
    await tx.getRepository(BarrierMeeting).insert(meetingIds.map((meetingId) => ({ barrierId: barrier.id, meetingId })));
    return barrier;
  }

  byMeetingId(loaders: LoaderRegistry): DataLoader<string, Barrier[]> {
    return loaders.get('barrier.byMeetingId', (meetingIds: readonly string[]) =>
      loadLinked(
        this.db,
        Barrier,
        meetingIds,
        { via: 'barrier_meeting', entityColumn: 'barrier_id', keyColumn: 'meeting_id', orderBy: `${translatedSql('e.title', this.contentLocales.defaultChain)}, e.id` },
        loaders,
      ),
    );
  }

  meetingsByBarrierId(loaders: LoaderRegistry): DataLoader<string, Meeting[]> {
    return loaders.get('barrier.meetings', (barrierIds: readonly string[]) =>
      loadLinked(
        this.db,
        Meeting,
        barrierIds,
        { via: 'barrier_meeting', entityColumn: 'meeting_id', keyColumn: 'barrier_id', orderBy: 'e.held_on, e.id' },
        loaders,
      ),
    );
  }
}
