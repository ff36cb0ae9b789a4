import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { LoaderRegistry, manyByKey, oneByKey } from '../common/loaders/loader-registry';
import { Connection } from '../common/pagination/connection.type';
import { keysetConnection } from '../common/pagination/keyset-page';
import { countAll } from '../common/pagination/page-and-total';
import { readEntities } from '../database/linked-rows';
import { updateIfVersion } from '../database/versioned-update';
import { MeetingsArgs } from './dto/meetings.args';
import { applyMeetingFilter, meetingKeysetOrder } from './meeting-list.query';
import { Meeting } from './meeting.entity';
import { Participant } from './participant.entity';

/** A participant row as the service has checked it: a person and/or an organisation, its role and place in the list. */
export type ParticipantValues = Pick<Participant, 'personId' | 'organizationId' | 'role' | 'position'>;

/** Every statement on meeting and participant: single rows, the list's pages, the loaders' batches and the writes (in the service's transaction, `tx`). */
@Injectable()
export class MeetingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The meeting, read in `tx` when given; null for an id that is not a UUID. */
  findById(id: string, tx?: EntityManager): Promise<Meeting | null> {
    if (!isUUID(id)) return Promise.resolve(null);
    return (tx ?? this.db.manager).getRepository(Meeting).findOneBy({ id });
  }

  /** The optimistic-concurrency write: the updated meeting, or null when someone changed it since `current` was read. */
  updateIfVersion(tx: EntityManager, current: Meeting, changes: Partial<Meeting>): Promise<Meeting | null> {
    return updateIfVersion(tx, Meeting, current, changes);
  }

  /** Runs `work` in one transaction; the service passes `tx` to the writing methods. */
  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The meeting and its participants, in the given order. */
  async insert(tx: EntityManager, values: Omit<Meeting, 'id' | 'createdAt' | 'updatedAt' | 'version'>, participants: readonly ParticipantValues[]): Promise<Meeting> {
    const meeting = await tx.getRepository(Meeting).save(tx.getRepository(Meeting).create(values));
    if (participants.length) {
      await tx.getRepository(Participant).insert(participants.map((p) => ({ ...p, meetingId: meeting.id })));
    }
    return meeting;
  }

  /** One page of the meetings the filter selects, in its order, and their total, in one statement. */
  listPage(args: MeetingsArgs): Promise<Connection<Meeting>> {
    const selected = () => applyMeetingFilter(this.db.getRepository(Meeting).createQueryBuilder('m'), args.filter);
    return keysetConnection(args, meetingKeysetOrder(args.orderBy ?? undefined), selected(), countAll(selected()));
  }

  byId(loaders: LoaderRegistry): DataLoader<string, Meeting | null> {
    return loaders.get('meeting.byId', async (ids: readonly string[]) => {
      const rows = await readEntities(this.db, Meeting, loaders, 'SELECT * FROM meeting WHERE id = ANY($1)', [ids]);
      return oneByKey(ids, rows, (m) => m.id);
    });
  }

  participantsByMeetingId(loaders: LoaderRegistry): DataLoader<string, Participant[]> {
    return loaders.get('meeting.participants', async (ids: readonly string[]) => {
      const rows = await readEntities(
        this.db,
        Participant,
        loaders,
        'SELECT * FROM participant WHERE meeting_id = ANY($1) ORDER BY meeting_id, position',
        [ids],
      );
      return manyByKey(ids, rows, (p) => p.meetingId);
    });
  }
}
