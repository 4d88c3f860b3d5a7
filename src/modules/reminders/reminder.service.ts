import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import type { Prisma } from '../../generated/prisma/client';
import type { Logger } from '../../logging/logger';
import type { OutboxService } from '../notifications/outbox.service';
import type { WebhookNotices } from '../notifications/webhook-dispatcher';
import type { MemberNotifications } from '../push/push.service';
import { matchReminder } from '../push/push-messages';
import { reminderNotice, type ReminderMember } from './reminder-message';
import { reminderKey, reminderKeyPrefix, type ReminderTiming } from './reminder-rules';

/**
 * Match reminders: to the club webhook (when there is one) and to each participant's browsers,
 * through the outbox. Exactly once per event and start: the outbox's unique key decides between
 * instances and triggers racing (without a webhook, a "record" row holds the key); what is written
 * is delivered at least once, and not at all once the match has started (the notices expire then).
 */
export class ReminderService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: OutboxService,
    private readonly notices: WebhookNotices | undefined,
    private readonly push: MemberNotifications,
    readonly timing: ReminderTiming,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly timeZone: string,
  ) {}

  /** Writes the event's reminder if it is due now and nobody has; answers whether this call did. */
  async send(eventId: string): Promise<boolean> {
    const written = await this.prisma.$transaction(async (tx) => {
      // Shared lock: a move or deletion of the event waits, so it cannot slip between this read and the write.
      await tx.$queryRaw`SELECT id FROM events WHERE id = ${eventId} FOR SHARE`;
      const event = await tx.event.findUnique({
        where: { id: eventId },
        select: { id: true, title: true, startsAt: true, address: true, fee: true, settledAt: true },
      });
      if (!event || event.settledAt || !this.timing.isDue(event.startsAt, this.clock.now())) return false;
      const participants = await tx.participation.findMany({
        where: { eventId },
        select: { memberId: true, payment: true, member: { select: { loginId: true, name: true } }, absenceNotice: { select: { status: true } } },
        orderBy: [{ member: { name: 'asc' } }, { memberId: 'asc' }],
      });
      const who = (keep: (p: (typeof participants)[number]) => boolean): ReminderMember[] =>
        participants.filter(keep).map((p) => ({ memberId: p.memberId, loginId: p.member.loginId, name: p.member.name }));
      const notice = reminderNotice(
        {
          event,
          participantCount: participants.length,
          unpaid: who((p) => p.payment === 'UNPAID'),
          awaitingConfirmation: who((p) => p.payment === 'AWAITING_CONFIRMATION'),
          pendingAbsences: who((p) => p.absenceNotice?.status === 'PENDING'),
        },
        this.timeZone,
      );
      // Without a webhook to deliver it, the notice is only the record that holds the key.
      const first = await this.outbox.enqueue(tx, this.notices ? notice : { ...notice, channel: 'record', deliveredAt: this.clock.now() });
      if (!first) return false;
      const going = participants.filter((p) => p.absenceNotice?.status !== 'APPROVED').map((p) => p.memberId);
      await this.push.notifyAboutMatch(tx, going, eventId, matchReminder, notice.idempotencyKey);
      return true;
    });
    if (written) {
      this.logger.info({ eventId }, 'match reminder written');
      this.notices?.deliverSoon();
    }
    return written;
  }

  /** Unsettled events whose reminder is due now and has not been written for their current start. */
  async due(): Promise<string[]> {
    const { after, upTo } = this.timing.dueStarts(this.clock.now());
    const events = await this.prisma.event.findMany({
      where: { settledAt: null, startsAt: { gt: after, lte: upTo } },
      select: { id: true, startsAt: true },
      orderBy: { startsAt: 'asc' },
    });
    const written = await this.outbox.existingKeys(events.map(reminderKey));
    return events.filter((event) => !written.has(reminderKey(event))).map((event) => event.id);
  }

  /** Events whose reminder time is still ahead, for scheduling. */
  later(): Promise<{ id: string; startsAt: Date }[]> {
    const { upTo } = this.timing.dueStarts(this.clock.now());
    return this.prisma.event.findMany({ where: { settledAt: null, startsAt: { gt: upTo } }, select: { id: true, startsAt: true } });
  }

  /** In the caller's transaction (the event moves or goes): a reminder written but not delivered yet is dropped. */
  withdraw(tx: Prisma.TransactionClient, eventId: string): Promise<number> {
    return this.outbox.withdrawUndelivered(tx, reminderKeyPrefix(eventId));
  }
}
