import type { Database } from '../../db/database';
import type { BackgroundJob } from '../manifest';
import type { MemberRecord } from './member.service';

/** The channel the members table's trigger notifies (prisma/migrations/…_member_change_notices). */
const MEMBER_CHANGED = 'member_changed';
/** More than a club has members signed in at once; past it, the cache starts over. */
const MAX_MEMBERS = 10_000;

/**
 * The members requests are made by, remembered between requests: reading the viewer was one of
 * the three statements of every request, and they were most of the server's CPU (docs/benchmarks.md).
 *
 * Across instances: a trigger on the members table sends a NOTIFY for every row updated or deleted,
 * by any instance, a CLI or by hand, and every instance forgets that member when it arrives.
 * PostgreSQL signals the listeners as the change commits, before the client that made it hears
 * back, so the notification is there before that client's next request in all but a starved
 * machine. While the notifications cannot be followed (the listening connection is lost), nothing
 * is remembered. A read that began before a change is not kept: it may hold what the change replaced.
 */
export class MemberCache implements BackgroundJob {
  readonly name = 'member-cache';
  private readonly members = new Map<string, MemberRecord>();
  private following = false;
  /** Moves on at every change: a read that began in an earlier generation is not kept. */
  private generation = 0;
  private stopFollowing?: () => Promise<void>;

  constructor(
    private readonly database: Database,
    private readonly load: (memberId: string) => Promise<MemberRecord | null>,
  ) {}

  async get(memberId: string): Promise<MemberRecord | null> {
    // A change's notification may have arrived with this request, in the same turn of the event
    // loop: it is read before the answer (this resumes after that turn's I/O callbacks).
    await new Promise(setImmediate);
    const known = this.members.get(memberId);
    if (known) return known;
    const generation = this.generation;
    const member = await this.load(memberId);
    if (member && this.following && generation === this.generation) {
      if (this.members.size >= MAX_MEMBERS) this.members.clear();
      this.members.set(memberId, member);
    }
    return member;
  }

  /**
   * Forgets every member. Called after each mutation on this instance: its changes are committed
   * by then, and the next request must see them even before their notification arrives.
   */
  forgetAll(): void {
    this.generation += 1;
    this.members.clear();
  }

  async start(): Promise<void> {
    this.stopFollowing = await this.database.follow(MEMBER_CHANGED, {
      message: (memberId) => {
        this.generation += 1;
        this.members.delete(memberId);
      },
      following: (isFollowing) => {
        this.forgetAll();
        this.following = isFollowing;
      },
    });
  }

  async stop(): Promise<void> {
    await this.stopFollowing?.();
  }
}
