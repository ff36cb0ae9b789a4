import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

/** Reminders of due dates and reporting deadlines, and escalations (a daily sweep; see RemindersService). */
@Module({
  imports: [NotificationsModule],
  providers: [RemindersRepository, RemindersService],
  exports: [RemindersService],
})
export class RemindersModule {}
