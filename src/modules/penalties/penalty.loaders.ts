import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/database';
import { Prisma, type Penalty } from '../../generated/prisma/client';
import { rowPerKey, rowsPerKey } from '../../graphql/batch';
import { windowKey, type SeasonWindow } from '../seasons/season-rules';

export interface PenaltyFigureLoaders {
  activePointsByMember: DataLoader<string, number>;
  activePenaltiesByMember: DataLoader<string, Penalty[]>;
  allPenaltiesByMember: DataLoader<string, Penalty[]>;
}

export interface PenaltyLoaders {
  /** The loaders of one season's figures (null: all time), made once per window in a request. */
  penaltiesIn(window: SeasonWindow): PenaltyFigureLoaders;
}

/**
 * A penalty's time, for seasons: its event's start, or when it was issued if it names no event
 * (api-rules.md, "Seasons"). As SQL for sums, and as a Prisma filter for lists.
 */
function inWindowSql(window: SeasonWindow): Prisma.Sql {
  return window
    ? Prisma.sql`AND coalesce(e.starts_at, p.created_at) >= ${window.from} AND coalesce(e.starts_at, p.created_at) < ${window.to}`
    : Prisma.empty;
}

function inWindowFilter(window: SeasonWindow): Prisma.PenaltyWhereInput {
  if (!window) return {};
  const range = { gte: window.from, lt: window.to };
  return { OR: [{ event: { startsAt: range } }, { eventId: null, createdAt: range }] };
}

function figureLoaders(prisma: PrismaClient, window: SeasonWindow): PenaltyFigureLoaders {
  const penaltiesByMember = (includeRevoked: boolean) =>
    new DataLoader<string, Penalty[]>(async (memberIds) => {
      const rows = await prisma.penalty.findMany({
        where: { memberId: { in: [...memberIds] }, ...(includeRevoked ? {} : { revokedAt: null }), ...inWindowFilter(window) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
      return rowsPerKey(memberIds, rows, (row) => row.memberId);
    });
  return {
    activePointsByMember: new DataLoader<string, number>(async (memberIds) => {
      const sums = await prisma.$queryRaw<{ memberId: string; points: number }[]>`
        SELECT p.member_id AS "memberId", sum(p.points)::int AS points
          FROM penalties p LEFT JOIN events e ON e.id = p.event_id
         WHERE p.member_id IN (${Prisma.join(memberIds)}) AND p.revoked_at IS NULL ${inWindowSql(window)}
         GROUP BY p.member_id`;
      return rowPerKey(memberIds, sums, (row) => row.memberId, null).map((row) => row?.points ?? 0);
    }),
    activePenaltiesByMember: penaltiesByMember(false),
    allPenaltiesByMember: penaltiesByMember(true),
  };
}

/** Active points per member, and each member's penalties (active only, or all), batched per request and season. */
export function createPenaltyLoaders(prisma: PrismaClient): PenaltyLoaders {
  const byWindow = new Map<string, PenaltyFigureLoaders>();
  return {
    penaltiesIn(window) {
      const key = windowKey(window);
      let loaders = byWindow.get(key);
      if (!loaders) byWindow.set(key, (loaders = figureLoaders(prisma, window)));
      return loaders;
    },
  };
}
