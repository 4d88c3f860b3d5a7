const formatters = new Map<string, Intl.DateTimeFormat>();

/** Making an Intl.DateTimeFormat costs far more than using one: one per time zone, kept. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Formats an instant as wall-clock time in `timeZone` with that zone's offset, so clients show
 * the club's local time without knowing the zone: 2026-11-29T10:00:00+09:00.
 */
export function formatInTimeZone(date: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  const wallClock = `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
  const millis = date.getUTCMilliseconds();
  const offsetMinutes = Math.round((Date.parse(`${wallClock}Z`) + millis - date.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const fraction = millis ? `.${String(millis).padStart(3, '0')}` : '';
  return `${wallClock}${fraction}${offset}`;
}
