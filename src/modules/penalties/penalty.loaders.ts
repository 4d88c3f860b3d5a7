import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/database';
import type { Penalty } from '../../generated/prisma/client';
import { rowsPerKey } from '../../graphql/batch';
import { windowKey, type SeasonWindow } from '../seasons/season-rules';
import { penaltyInWindowFilter } from './penalty-window';
import type { PenaltyService } from './penalty.service';

export interface PenaltyFigureLoaders {
  activePointsByMember: DataLoader<string, number>;
  activePenaltiesByMember: DataLoader<string, Penalty[]>;
  allPenaltiesByMember: DataLoader<string, Penalty[]>;
}

export interface PenaltyLoaders {
  /** The loaders of one season's figures (null: all time), made once per window in a request. */
  penaltiesIn(window: SeasonWindow): PenaltyFigureLoaders;
}

function figureLoaders(prisma: PrismaClient, penalties: PenaltyService, window: SeasonWindow): PenaltyFigureLoaders {
  const penaltiesByMember = (includeRevoked: boolean) =>
    new DataLoader<string, Penalty[]>(async (memberIds) => {
      const rows = await prisma.penalty.findMany({
        where: { memberId: { in: [...memberIds] }, ...(includeRevoked ? {} : { revokedAt: null }), ...penaltyInWindowFilter(window) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
      return rowsPerKey(memberIds, rows, (row) => row.memberId);
    });
  return {
    activePointsByMember: new DataLoader<string, number>((memberIds) => penalties.activePoints(memberIds, window)),
    activePenaltiesByMember: penaltiesByMember(false),
    allPenaltiesByMember: penaltiesByMember(true),
  };
}

/** Active points per member, and each member's penalties (active only, or all), batched per request and season. */
export function createPenaltyLoaders(prisma: PrismaClient, penalties: PenaltyService): PenaltyLoaders {
  const byWindow = new Map<string, PenaltyFigureLoaders>();
  return {
    penaltiesIn(window) {
      const key = windowKey(window);
      let loaders = byWindow.get(key);
      if (!loaders) byWindow.set(key, (loaders = figureLoaders(prisma, penalties, window)));
      return loaders;
    },
  };
}
