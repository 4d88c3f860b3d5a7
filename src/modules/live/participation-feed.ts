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
/** How far before a loss of notifications the catch-up looks: instances' clocks differ a little. */
const CATCH_UP_MARGIN_MS = 5_000;

/**
 * Participation changes as they commit, on every instance: a trigger NOTIFYs "<event id>:<participation id>"
 * for every change made anywhere; this instance reads that row once, and only when someone here
 * follows its event, and hands it to each of them. Each subscriber's own execution then applies
 * the privacy rule to what it sees (the field resolvers, with that subscriber as viewer). While the
 * listening connection is lost nothing arrives; once it is back, what changed meanwhile is sent.
 */
export class ParticipationFeed implements BackgroundJob {
  readonly name = 'participation feed';
  private readonly changes = new EventEmitter({ captureRejections: false }).setMaxListeners(0);
  /** Rows are read one after another, so that subscribers see changes in the order they committed. */
  private reading: Promise<void> = Promise.resolve();
  private stopFollowing?: () => Promise<void>;
  /** When notifications stopped reaching this instance (the listening connection lost); null while they do. */
  private lostAt: Date | null = null;

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
        if (!isFollowing) this.lostAt ??= new Date();
        else if (this.lostAt) this.catchUp(this.lostAt);
      },
    });
  }

  async stop(): Promise<void> {
    await this.stopFollowing?.();
    await this.reading;
  }

  /**
   * Back after a loss: every participation of a followed event changed since shortly before it (the
   * margin covers other instances' clocks) is sent, so subscribers miss nothing made meanwhile.
   */
  private catchUp(lostAt: Date): void {
    this.lostAt = null;
    const events = this.changes.eventNames().filter((name): name is string => typeof name === 'string');
    if (events.length === 0) return;
    this.reading = this.reading.then(async () => {
      try {
        for (const participation of await this.participations.changedSince(events, new Date(lostAt.getTime() - CATCH_UP_MARGIN_MS))) {
          this.deliver(participation);
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'live updates: the changes made while notifications were lost could not be read');
      }
    });
  }

  private deliver(participation: Participation): void {
    const subscribers = this.changes.listenerCount(participation.eventId);
    this.changes.emit(participation.eventId, participation);
    this.metrics.liveMessages.inc(subscribers);
  }

  private changed(payload: string): void {
    const [eventId, participationId] = payload.split(':');
    if (!participationId || this.changes.listenerCount(eventId) === 0) return;
    this.reading = this.reading.then(async () => {
      try {
        const participation = await this.participations.findById(participationId);
        if (participation) this.deliver(participation);
      } catch (error) {
        this.logger.warn({ err: error, eventId }, 'a participation change could not be read for live subscribers');
      }
    });
  }
}
