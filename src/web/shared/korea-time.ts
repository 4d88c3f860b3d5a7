// Times as the club reads them: Korea time, like "12월 6일 (일) 10:00", whatever the phone's zone.
const ZONE = 'Asia/Seoul';

const parts = new Intl.DateTimeFormat('ko-KR', {
  timeZone: ZONE,
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function koreaDateTime(iso: string): string {
  const part = Object.fromEntries(parts.formatToParts(new Date(iso)).map(({ type, value }) => [type, value]));
  return `${part.month}월 ${part.day}일 (${part.weekday}) ${part.hour}:${part.minute}`;
}

/** "10:00–12:00", or the end's full date when it falls on another day. */
export function koreaTimeRange(startsAt: string, endsAt: string): string {
  const start = koreaDateTime(startsAt);
  const end = koreaDateTime(endsAt);
  const sameDay = start.slice(0, start.lastIndexOf(' ')) === end.slice(0, end.lastIndexOf(' '));
  return `${start}–${sameDay ? end.slice(end.lastIndexOf(' ') + 1) : end}`;
}

export const won = (amount: number) => `${amount.toLocaleString('ko-KR')}원`;

const KOREA_OFFSET_MS = 9 * 3_600_000;

/** An instant as `<input type=datetime-local>` holds it in Korea time ("2026-12-06T10:00"); Korea keeps no summer time. */
export function koreaInputValue(iso: string): string {
  return new Date(Date.parse(iso) + KOREA_OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as Korea time, as the API's ISO instant; null when empty or not a time. */
export function fromKoreaInput(value: string): string | null {
  const instant = Date.parse(`${value}:00+09:00`);
  return Number.isNaN(instant) ? null : new Date(instant).toISOString();
}
