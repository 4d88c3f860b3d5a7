import DataLoader from 'dataloader';
import type { SeasonWindow } from './season-rules';
import type { SeasonService } from './season.service';

export interface SeasonLoaders {
  /** The window a figure counts, by `seasonId` ('' for the default): worked out once per request. */
  seasonWindow: DataLoader<string, SeasonWindow>;
}

export function createSeasonLoaders(seasons: SeasonService): SeasonLoaders {
  return {
    seasonWindow: new DataLoader<string, SeasonWindow>((ids) => Promise.all(ids.map((id) => seasons.windowOf(id || null).catch((error: Error) => error)))),
  };
}
