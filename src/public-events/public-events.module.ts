import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PublicEventRecord } from './public-event.entity';
import { PublicEventsRepository } from './public-events.repository';
import { PublicEventsService } from './public-events.service';

/** Public events: written by features with their writes, consumed by webhooks, subscriptions and followers. */
@Module({
  imports: [TypeOrmModule.forFeature([PublicEventRecord])],
  providers: [PublicEventsRepository, PublicEventsService],
  exports: [PublicEventsService],
})
export class PublicEventsModule {}
