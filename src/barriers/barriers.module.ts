import { Module } from '@nestjs/common';
import { BarriersRepository } from './barriers.repository';
import { BarriersResolver, MeetingBarriersResolver } from './barriers.resolver';
import { BarriersService } from './barriers.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BarrierMeeting } from './barrier-meeting.entity';
import { Barrier } from './barrier.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Barrier, BarrierMeeting])],
  providers: [BarriersService, BarriersRepository, BarriersResolver, MeetingBarriersResolver],
  exports: [BarriersRepository, BarriersService],
})
export class BarriersModule {}
