import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../accounts/user.entity';
import { OrganizationsModule } from '../organizations/organizations.module';
import { Notification } from './notification.entity';
import { NotificationDigest } from './notification-digest.entity';
import { NotificationPreference } from './notification-preference.entity';
import { NotificationSecret } from './notification-secret.entity';
import { MailLinks } from './mail-links';
import { Mailer } from './mailer';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { DigestsService } from './digests.service';
import { NotificationPreferencesResolver } from './notification-preferences.resolver';

/** Notifications: NotificationsService.notify is the entry point for features (see its comment). */
@Module({
  // A notification (and a preference) belongs to a user, who may belong to an organisation: their entities too.
  imports: [TypeOrmModule.forFeature([Notification, NotificationDigest, NotificationPreference, NotificationSecret, User]), OrganizationsModule],
  providers: [NotificationsRepository, NotificationsService, DigestsService, NotificationPreferencesResolver, Mailer, MailLinks],
  // Mailer and MailLinks: the follows channel mails the public through the same SMTP and link keys.
  exports: [NotificationsService, DigestsService, Mailer, MailLinks],
})
export class NotificationsModule {}
