import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/database';
import type { MemberRecord } from './member.service';

/** Members by id, one query per request tick however many participations name them. */
export function createMemberLoaders(prisma: PrismaClient) {
  return {
    memberById: new DataLoader<string, MemberRecord | null>(async (ids) => {
      const rows = await prisma.member.findMany({ where: { id: { in: [...ids] } }, omit: { passwordHash: true } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
