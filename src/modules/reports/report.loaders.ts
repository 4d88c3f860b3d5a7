import DataLoader from 'dataloader';
import { rowPerKey } from '../../graphql/batch';
import type { AttendanceCounts, ReportService } from './report.service';

const NONE: AttendanceCounts = { eligible: 0, joined: 0, attended: 0, late: 0, absent: 0, excused: 0 };

/** Member.stats for every member in a list, in one aggregate query. */
export function createReportLoaders(reports: ReportService) {
  return {
    statsByMember: new DataLoader<string, AttendanceCounts>(async (memberIds) =>
      rowPerKey(memberIds, await reports.memberStats(memberIds), (row) => row.memberId, NONE),
    ),
  };
}
