/** Day boundaries as instants: a day's figures are those recorded before the next day begins in the service's time zone. */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The instant the day after `date` (YYYY-MM-DD) begins in `timeZone`: what `(t AT TIME ZONE tz)::date <= date` means as `t < instant`. */
export function startOfNextDay(date: string, timeZone: string): Date {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormats.set(timeZone, format);
  }
  const zone = format;
  // How far local wall-clock time in the zone is ahead of UTC at `instant`.
  const offsetAt = (instant: number): number => {
    const parts = Object.fromEntries(zone.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
    const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    return local - Math.floor(instant / 1000) * 1000;
  };
  const [year, month, day] = date.split('-').map(Number);
  const midnight = Date.UTC(year, month - 1, day + 1);
  // Twice: the offset at the guessed instant may differ from the one at midnight UTC (a DST change that day).
  const guess = midnight - offsetAt(midnight);
  return new Date(midnight - offsetAt(guess));
}
