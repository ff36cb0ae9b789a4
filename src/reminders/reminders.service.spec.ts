import { validateEnvironment } from '../config/environment';
import { reminderDays } from './reminders.service';

describe('reminder settings', () => {
  it('reads REMINDER_DAYS_BEFORE as distinct days ahead, largest first (the day itself is always reminded)', () => {
    expect(reminderDays('14,3')).toEqual([14, 3]);
    expect(reminderDays(' 3 , 30,3, 0 ')).toEqual([30, 3]);
  });

  it('validates the settings, with their defaults', () => {
    expect(validateEnvironment({})).toMatchObject({ REMINDER_DAYS_BEFORE: '14,3', ESCALATION_AFTER_DAYS: 14, REMINDER_HOUR: 6 });
    expect(validateEnvironment({ REMINDER_DAYS_BEFORE: '7', ESCALATION_AFTER_DAYS: '30' })).toMatchObject({ REMINDER_DAYS_BEFORE: '7', ESCALATION_AFTER_DAYS: 30 });
    expect(() => validateEnvironment({ REMINDER_DAYS_BEFORE: '14;3' })).toThrow(/REMINDER_DAYS_BEFORE/);
    expect(() => validateEnvironment({ REMINDER_DAYS_BEFORE: 'two weeks' })).toThrow(/REMINDER_DAYS_BEFORE/);
    expect(() => validateEnvironment({ ESCALATION_AFTER_DAYS: '0' })).toThrow(/ESCALATION_AFTER_DAYS/);
    expect(() => validateEnvironment({ REMINDER_HOUR: '24' })).toThrow(/REMINDER_HOUR/);
  });
});
