import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { PublicEventsModule } from '../public-events/public-events.module';
import { FollowConfirmation } from './follow-confirmation.entity';
import { FollowMail } from './follow-mail.entity';
import { Follow } from './follow.entity';
import { FollowsRepository } from './follows.repository';
import { FollowsResolver } from './follows.resolver';
import { FollowsService } from './follows.service';

/** Following public records by e-mail: a channel on public events and the mail of notifications. */
@Module({
  imports: [TypeOrmModule.forFeature([Follow, FollowMail, FollowConfirmation]), NotificationsModule, PublicEventsModule],
  providers: [FollowsRepository, FollowsService, FollowsResolver],
  exports: [FollowsService],
})
export class FollowsModule {}
