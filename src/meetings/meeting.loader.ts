import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { LoaderRegistry, manyByKey, oneByKey } from '../common/loaders/loader-registry';
import { Meeting } from './meeting.entity';
import { Participant } from './participant.entity';

@Injectable()
export class MeetingLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  byId(loaders: LoaderRegistry): DataLoader<string, Meeting | null> {
    return loaders.get('meeting.byId', async (ids: readonly string[]) => {
      const rows = await this.db.getRepository(Meeting).createQueryBuilder('m').where('m.id = ANY(:ids)', { ids }).getMany();
      return oneByKey(ids, rows, (m) => m.id);
    });
  }

  participantsByMeetingId(loaders: LoaderRegistry): DataLoader<string, Participant[]> {
    return loaders.get('meeting.participants', async (ids: readonly string[]) => {
      const rows = await this.db
        .getRepository(Participant)
        .createQueryBuilder('p')
        .where('p.meetingId = ANY(:ids)', { ids })
        .orderBy('p.meetingId')
        .addOrderBy('p.position')
        .getMany();
      return manyByKey(ids, rows, (p) => p.meetingId);
    });
  }
}
