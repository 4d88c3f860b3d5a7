import { EventEmitter, on } from 'node:events';
import type { Database } from '../../db/database';
import { mapAsyncIterator } from '../../graphql/map-async-iterator';
import type { Participation } from '../../generated/prisma/client';
import type { Logger } from '../../logging/logger';
import type { Metrics } from '../../observability/metrics';
import type { BackgroundJob } from '../manifest';
import type { MemberRecord } from '../members/member.service';
import type { ParticipationService } from '../participations/participation.service';

/** The channel the participations and absence_notices triggers notify (prisma/migrations/…_live_and_push). */
const PARTICIPATION_CHANGED = 'participation_changed';

/**
 * Participation changes as they commit, on every instance: a trigger NOTIFYs "<event id>:<participation id>"
 * for every change made anywhere; this instance reads that row once, and only when someone here
 * follows its event, and hands it to each of them. Each subscriber's own execution then applies
 * the privacy rule to what it sees (the field resolvers, with that subscriber as viewer).
 */
export class ParticipationFeed implements BackgroundJob {
  readonly name = 'participation feed';
  private readonly changes = new EventEmitter({ captureRejections: false }).setMaxListeners(0);
  /** Rows are read one after another, so that subscribers see changes in the order they committed. */
  private reading: Promise<void> = Promise.resolve();
  private stopFollowing?: () => Promise<void>;

  constructor(
    private readonly database: Database,
    private readonly participations: ParticipationService,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  /**
   * The event's participation changes from now on, for its participants and admins (FORBIDDEN for
   * anyone else, NOT_FOUND for an event that is not there). Ends when the iterator is returned.
   */
  async follow(viewer: MemberRecord, eventId: string): Promise<AsyncIterableIterator<Participation>> {
    await this.participations.assertMayFollow(viewer, eventId);
    return mapAsyncIterator(on(this.changes, eventId) as AsyncIterator<[Participation]>, ([participation]) => participation);
  }

  /** How many subscribers on this instance follow the event. */
  subscribers(eventId: string): number {
    return this.changes.listenerCount(eventId);
  }

  async start(): Promise<void> {
    this.stopFollowing = await this.database.follow(PARTICIPATION_CHANGED, {
      message: (payload) => this.changed(payload),
      following: (isFollowing) => {
        if (!isFollowing) this.logger.warn('live updates paused: changes made now reach subscribers only through their pages\' polling');
      },
    });
  }

  async stop(): Promise<void> {
    await this.stopFollowing?.();
    await this.reading;
  }

  private changed(payload: string): void {
    const [eventId, participationId] = payload.split(':');
    if (!participationId || this.changes.listenerCount(eventId) === 0) return;
    this.reading = this.reading.then(async () => {
      try {
        const participation = await this.participations.findById(participationId);
        if (!participation) return;
        const subscribers = this.changes.listenerCount(eventId);
        this.changes.emit(eventId, participation);
        this.metrics.liveMessages.inc(subscribers);
      } catch (error) {
        this.logger.warn({ err: error, eventId }, 'a participation change could not be read for live subscribers');
      }
    });
  }
}
