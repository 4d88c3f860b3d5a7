// Match pages follow their match live: each change anywhere makes the page read it again. While the
// socket is down they poll instead, and once it is back they read again (what they missed).
import { useSubscription } from '@urql/preact';
import { useEffect } from 'preact/hooks';
import { graphql } from '../gql';
import { liveConnected } from './graphql-client';

const MatchChangedSubscription = graphql(`
  subscription MatchChanged($eventId: ID!) {
    participationChanged(eventId: $eventId) {
      id
    }
  }
`);

/** How often a page reads its match again while the socket is down. */
export const POLL_MS = 5_000;

/**
 * Keeps a match page current while `follow` (its participants and admins may): `refresh` after
 * every change to the match's participations, and every 5 s while live updates are down. Answers
 * whether the page is live.
 */
export function useLiveMatch(eventId: string, follow: boolean, refresh: () => void): boolean {
  const [changes] = useSubscription({ query: MatchChangedSubscription, variables: { eventId }, pause: !follow });
  const live = follow && liveConnected.value && !changes.error;

  useEffect(() => {
    if (changes.data) refresh();
  }, [changes.data]);

  useEffect(() => {
    if (!follow) return;
    if (live) {
      refresh();
      return;
    }
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [live, follow]);

  return live;
}

/** Says whether the page is live, for the person looking at it. */
export function LiveStatus({ live }: { live: boolean }) {
  return (
    <p class="muted live-status" data-testid="live-status" data-state={live ? 'live' : 'polling'} aria-live="polite">
      {live ? '실시간으로 반영됩니다' : '5초마다 새로 고칩니다'}
    </p>
  );
}
