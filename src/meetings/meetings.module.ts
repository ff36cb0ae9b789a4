import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { MeetingLoader } from './meeting.loader';
import { MeetingsResolver, ParticipantResolver } from './meetings.resolver';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [OrganizationsModule],
  providers: [MeetingsService, MeetingLoader, MeetingsResolver, ParticipantResolver],
  exports: [MeetingLoader, MeetingsService],
})
export class MeetingsModule {}
