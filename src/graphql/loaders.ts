import type { PrismaClient } from '../db/database';
import { createEventLoaders } from '../modules/events/event.loaders';
import { createMemberLoaders } from '../modules/members/member.loaders';
import { createParticipationLoaders } from '../modules/participations/participation.loaders';
import { createPenaltyLoaders } from '../modules/penalties/penalty.loaders';
import { createReportLoaders } from '../modules/reports/report.loaders';
import { ReportService } from '../modules/reports/report.service';

/** Every DataLoader, made fresh for each request so nothing cached outlives it. */
export function createLoaders(prisma: PrismaClient, viewerId: string | null) {
  return {
    ...createMemberLoaders(prisma),
    ...createEventLoaders(prisma),
    ...createParticipationLoaders(prisma, viewerId),
    ...createPenaltyLoaders(prisma),
    ...createReportLoaders(new ReportService(prisma)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
