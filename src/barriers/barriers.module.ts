import { Module } from '@nestjs/common';
import { BarrierLoader } from './barrier.loader';
import { BarriersResolver, MeetingBarriersResolver } from './barriers.resolver';
import { BarriersService } from './barriers.service';

@Module({
  providers: [BarriersService, BarrierLoader, BarriersResolver, MeetingBarriersResolver],
  exports: [BarrierLoader, BarriersService],
})
export class BarriersModule {}
