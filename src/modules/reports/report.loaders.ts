import DataLoader from 'dataloader';
import { windowKey, type SeasonWindow } from '../seasons/season-rules';
import type { ReportService } from './report.service';
import type { MemberStats } from './report.types';

export interface ReportLoaders {
  /** Member.stats within a season (null: all time), made once per window in a request. */
  statsIn(window: SeasonWindow): DataLoader<string, MemberStats>;
}

/** Member.stats for every member in a list, in one aggregate query per season asked for. */
export function createReportLoaders(reports: ReportService): ReportLoaders {
  const byWindow = new Map<string, DataLoader<string, MemberStats>>();
  return {
    statsIn(window) {
      const key = windowKey(window);
      let loader = byWindow.get(key);
      if (!loader) byWindow.set(key, (loader = new DataLoader<string, MemberStats>((memberIds) => reports.memberStats(memberIds, window))));
      return loader;
    },
  };
}
