import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './notification.entity';
import { NotificationPreference } from './notification-preference.entity';
import { NotificationSecret } from './notification-secret.entity';
import { MailLinks } from './mail-links';
import { Mailer } from './mailer';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** Notifications: NotificationsService.notify is the entry point for features (see its comment). */
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationPreference, NotificationSecret])],
  providers: [NotificationsRepository, NotificationsService, Mailer, MailLinks],
  exports: [NotificationsService],
})
export class NotificationsModule {}
