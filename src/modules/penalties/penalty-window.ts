import { Prisma } from '../../generated/prisma/client';
import type { SeasonWindow } from '../seasons/season-rules';

/**
 * A penalty's time, for seasons: its event's start, or when it was issued if it names no event
 * (api-rules.md, "Seasons"). As SQL over `penalties p LEFT JOIN events e`, and as a Prisma filter.
 */
export function penaltyInWindowSql(window: SeasonWindow): Prisma.Sql {
  return window
    ? Prisma.sql`AND coalesce(e.starts_at, p.created_at) >= ${window.from} AND coalesce(e.starts_at, p.created_at) < ${window.to}`
    : Prisma.empty;
}

export function penaltyInWindowFilter(window: SeasonWindow): Prisma.PenaltyWhereInput {
  if (!window) return {};
  const range = { gte: window.from, lt: window.to };
  return { OR: [{ event: { startsAt: range } }, { eventId: null, createdAt: range }] };
}
