import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { LoaderRegistry, manyByKey, oneByKey } from '../common/loaders/loader-registry';
import { readEntities } from '../database/linked-rows';
import { Meeting } from './meeting.entity';
import { Participant } from './participant.entity';

@Injectable()
export class MeetingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
