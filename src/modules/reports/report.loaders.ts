import DataLoader from 'dataloader';
import type { ReportService } from './report.service';
import type { MemberStats } from './report.types';

export interface ReportLoaders {
  statsByMember: DataLoader<string, MemberStats>;
}

/** Member.stats for every member in a list, in one aggregate query. */
export function createReportLoaders(reports: ReportService): ReportLoaders {
  return { statsByMember: new DataLoader<string, MemberStats>((memberIds) => reports.memberStats(memberIds)) };
}
