import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsResolver, ParticipantResolver } from './meetings.resolver';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [OrganizationsModule],
  providers: [MeetingsService, MeetingsRepository, MeetingsResolver, ParticipantResolver],
  exports: [MeetingsRepository, MeetingsService],
})
export class MeetingsModule {}
