import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsResolver, ParticipantResolver } from './meetings.resolver';
import { MeetingsService } from './meetings.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Meeting } from './meeting.entity';
import { Participant } from './participant.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Meeting, Participant]), OrganizationsModule],
  providers: [MeetingsService, MeetingsRepository, MeetingsResolver, ParticipantResolver],
  exports: [MeetingsRepository, MeetingsService],
})
export class MeetingsModule {}
