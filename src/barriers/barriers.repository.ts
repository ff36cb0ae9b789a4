import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { LoaderRegistry } from '../common/loaders/loader-registry';
import { loadLinked } from '../database/linked-rows';
import { ContentLocaleService } from '../i18n/content-locales';
import { translatedSql } from '../i18n/translations';
import { Meeting } from '../meetings/meeting.entity';
import { Barrier } from './barrier.entity';

@Injectable()
export class BarriersRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contentLocales: ContentLocaleService,
  ) {}

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
