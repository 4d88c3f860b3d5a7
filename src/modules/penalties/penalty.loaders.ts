import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/database';
import type { Penalty } from '../../generated/prisma/client';
import { rowPerKey, rowsPerKey } from '../../graphql/batch';

export interface PenaltyLoaders {
  activePointsByMember: DataLoader<string, number>;
  activePenaltiesByMember: DataLoader<string, Penalty[]>;
  allPenaltiesByMember: DataLoader<string, Penalty[]>;
}

/** Active points per member, and each member's penalties (active only, or all), batched per request. */
export function createPenaltyLoaders(prisma: PrismaClient): PenaltyLoaders {
  const penaltiesByMember = (includeRevoked: boolean) =>
    new DataLoader<string, Penalty[]>(async (memberIds) => {
      const rows = await prisma.penalty.findMany({
        where: { memberId: { in: [...memberIds] }, ...(includeRevoked ? {} : { revokedAt: null }) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
      return rowsPerKey(memberIds, rows, (row) => row.memberId);
    });
  return {
    activePointsByMember: new DataLoader<string, number>(async (memberIds) => {
      const sums = await prisma.penalty.groupBy({
        by: ['memberId'],
        where: { memberId: { in: [...memberIds] }, revokedAt: null },
        _sum: { points: true },
      });
      return rowPerKey(memberIds, sums, (row) => row.memberId, null).map((row) => row?._sum.points ?? 0);
    }),
    activePenaltiesByMember: penaltiesByMember(false),
    allPenaltiesByMember: penaltiesByMember(true),
  };
}
