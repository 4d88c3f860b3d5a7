import type { Database } from '../db/database';
import { createEventLoaders } from '../modules/events/event.loaders';
import { createMemberLoaders } from '../modules/members/member.loaders';
import { createParticipationLoaders } from '../modules/participations/participation.loaders';
import { createPenaltyLoaders } from '../modules/penalties/penalty.loaders';
import { createReportLoaders } from '../modules/reports/report.loaders';
import { ReportService } from '../modules/reports/report.service';

/** Every DataLoader, made fresh for each request so nothing cached outlives it. */
export function createLoaders(database: Database, viewerId: string | null) {
  const members = createMemberLoaders(database.read);
  return {
    ...members,
    ...createEventLoaders(database.read),
    ...createParticipationLoaders(database.read, viewerId, members.memberById),
    ...createPenaltyLoaders(database.prisma),
    ...createReportLoaders(new ReportService(database.prisma)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
