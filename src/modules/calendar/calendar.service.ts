import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import type { MemberService } from '../members/member.service';
import { renderCalendar } from './ical';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Private calendar feeds: a member gets a secret URL listing their matches, which their phone's
 * calendar subscribes to. Only the token's hash is stored; a new feed or a revocation ends the old URL.
 */
export class CalendarService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly members: MemberService,
    /** PUBLIC_URL: where clients reach pitchside; otherwise the origin the request came to. */
    private readonly publicUrl: string | undefined,
    private readonly clock: Clock,
  ) {}

  /** A new secret feed URL for the member, replacing any earlier one. */
  async createFeed(memberId: string, requestOrigin: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.members.setCalendarTokenHash(memberId, hashOf(token));
    return `${this.publicUrl ?? requestOrigin}/calendar/${token}.ics`;
  }

  hasFeed(memberId: string): Promise<boolean> {
    return this.members.hasCalendarFeed(memberId);
  }

  async revokeFeed(memberId: string): Promise<boolean> {
    await this.members.setCalendarTokenHash(memberId, null);
    return true;
  }

  /** The iCalendar text of the feed, or null when no member holds this token. */
  async render(token: string): Promise<string | null> {
    const member = await this.members.findByCalendarTokenHash(hashOf(token));
    if (!member) return null;
    const participations = await this.prisma.participation.findMany({
      where: { memberId: member.id },
      include: { event: true },
      orderBy: { event: { startsAt: 'asc' } },
    });
    const entries = participations.map(({ event }) => ({
      uid: `${event.id}@pitchside`,
      title: event.title,
      description: [event.description, event.fee > 0 ? `Dues: ${event.fee.toLocaleString('en')} won` : null].filter(Boolean).join('\n') || null,
      location: event.address,
      latitude: event.latitude,
      longitude: event.longitude,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      updatedAt: event.updatedAt,
    }));
    return renderCalendar(`pitchside: ${member.name}`, entries, this.clock.now());
  }
}
