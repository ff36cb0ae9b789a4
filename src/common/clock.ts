import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { todayIn } from './scalars/calendar-date';

/** "Today" as the programme sees it: the calendar date in APP_TIMEZONE (Kyrgyzstan by default). */
@Injectable()
export class Clock {
  /** today() as last formatted, and the second it was formatted in. */
  private todayValue = '';
  private todaySecond = NaN;

  constructor(private readonly config: AppConfig) {}

  now(): Date {
    return new Date();
  }

  today(): string {
    // Asked once per recommendation by isOverdue: formatted at most once per second.
    const now = this.now();
    const second = Math.floor(now.getTime() / 1000);
    if (second !== this.todaySecond) {
      this.todayValue = todayIn(this.config.get('APP_TIMEZONE'), now);
      this.todaySecond = second;
    }
    return this.todayValue;
  }
}
