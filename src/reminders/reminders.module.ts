import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

/** Reminders of due dates and reporting deadlines, escalations (a daily sweep; see RemindersService) and each person's calendar feed. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarFeed]), NotificationsModule, AuditModule],
  providers: [RemindersRepository, RemindersService, CalendarRepository, CalendarService],
  exports: [RemindersService, CalendarService],
})
export class RemindersModule {}
