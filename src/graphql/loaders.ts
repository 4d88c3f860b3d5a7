import type { PrismaClient } from '../db/database';
import { createEventLoaders } from '../modules/events/event.loaders';
import { createMemberLoaders } from '../modules/members/member.loaders';
import { createParticipationLoaders } from '../modules/participations/participation.loaders';
import { createPenaltyLoaders } from '../modules/penalties/penalty.loaders';

/** Every DataLoader, made fresh for each request so nothing cached outlives it. */
export function createLoaders(prisma: PrismaClient, viewerId: string | null) {
  return {
    ...createMemberLoaders(prisma),
    ...createEventLoaders(prisma),
    ...createParticipationLoaders(prisma, viewerId),
    ...createPenaltyLoaders(prisma),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
