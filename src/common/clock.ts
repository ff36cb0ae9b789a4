import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { todayIn } from './scalars/calendar-date';

/** "Today" as the programme sees it: the calendar date in APP_TIMEZONE (Kyrgyzstan by default). */
@Injectable()
export class Clock {
  constructor(private readonly config: AppConfig) {}

  now(): Date {
    return new Date();
  }

  today(): string {
    return todayIn(this.config.get('APP_TIMEZONE'), this.now());
  }
}
