import type { Participation } from '../../generated/prisma/client';
import { unauthenticated } from '../../errors/errors';
import type { MemberRecord } from '../members/member.service';
import type { ParticipationFeed } from './participation-feed';

/** What a subscription of this request follows: the feed, as this request's viewer. */
export interface LiveLoaders {
  participationChanges(eventId: string): Promise<AsyncIterableIterator<Participation>>;
}

export function createLiveLoaders(feed: ParticipationFeed, viewer: MemberRecord | null): LiveLoaders {
  return {
    participationChanges: async (eventId) => {
      if (!viewer) throw unauthenticated();
      return feed.follow(viewer, eventId);
    },
  };
}
