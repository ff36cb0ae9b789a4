import { parseNotification } from './data-version.service';

describe('parseNotification (the data_version trigger payload)', () => {
  it('reads the version and the time the trigger sends', () => {
    expect(parseNotification('{"version" : "42", "changedAt" : "2026-11-30T08:00:00.123456+00:00"}')).toEqual({
      version: '42',
      changedAt: new Date('2026-11-30T08:00:00.123Z'),
    });
  });

  it.each([
    ['no payload', undefined],
    ['not JSON', 'garbage'],
    ['a number for the version', '{"version": 42, "changedAt": "2026-11-30T08:00:00Z"}'],
    ['a negative version', '{"version": "-1", "changedAt": "2026-11-30T08:00:00Z"}'],
    ['no time', '{"version": "42"}'],
    ['an invalid time', '{"version": "42", "changedAt": "yesterday"}'],
  ])('refuses %s', (_case, payload) => {
    expect(parseNotification(payload)).toBeNull();
  });
});
