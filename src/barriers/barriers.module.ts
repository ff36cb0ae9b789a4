import { Module } from '@nestjs/common';
import { BarriersRepository } from './barriers.repository';
import { BarriersResolver, MeetingBarriersResolver } from './barriers.resolver';
import { BarriersService } from './barriers.service';

@Module({
  providers: [BarriersService, BarriersRepository, BarriersResolver, MeetingBarriersResolver],
  exports: [BarriersRepository, BarriersService],
})
export class BarriersModule {}
