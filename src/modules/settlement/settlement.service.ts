import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import type { Event } from '../../generated/prisma/client';
import type { Logger } from '../../logging/logger';
import type { Metrics } from '../../observability/metrics';
import { claimForSettlement } from '../events/event.service';
import type { ParticipationService } from '../participations/participation.service';
import type { PenaltyService } from '../penalties/penalty.service';
import type { WebhookNotices } from '../notifications/webhook-dispatcher';
import { settlementNotice } from './settlement-notice';
import { inTransaction } from '../../db/transactions';

/** Every instance sweeps each minute: an event unsettled five minutes after its end means none is settling. */
const OVERDUE_AFTER_MS = 5 * 60_000;

export type SettlementTrigger = 'schedule' | 'sweep' | 'catch-up' | 'manual';

/**
 * Settles an event exactly once: claiming it (settled_at still null) and writing attendance and
 * penalties happen in one transaction, so a second claimant (another instance, the sweep, a
 * restart) finds it settled and does nothing. The partial unique index on active automatic
 * penalties is the last guard against doubles. The club webhook's notice is written to the outbox
 * in the same transaction: settled means notified, sooner or later, whatever crashes between.
 */
export class SettlementService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly participations: ParticipationService,
    private readonly penalties: PenaltyService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly notices: WebhookNotices | undefined,
    private readonly metrics: Metrics,
    private readonly timeZone: string,
  ) {}

  /** Settles the event if nobody has; answers the event as it now is (null when it does not exist). */
  async settle(eventId: string, trigger: SettlementTrigger): Promise<Event | null> {
    const started = performance.now();
    const settled = await inTransaction(this.prisma, async (tx) => {
      const event = await claimForSettlement(tx, eventId, this.clock.now());
      if (!event) return null;
      await this.participations.changeAttendance(tx, { eventId, from: ['PENDING'] }, { attendance: 'ABSENT' });
      const penalties = await this.penalties.issueForSettledEvent(tx, event);
      if (this.notices) {
        const members = await tx.member.findMany({
          where: { id: { in: [...new Set(penalties.map((p) => p.memberId))] } },
          select: { id: true, loginId: true, name: true },
        });
        await this.notices.enqueue(tx, settlementNotice(event, penalties, members, this.timeZone));
      }
      return { event, penalties };
    });
    if (!settled) {
      // Another instance, or an earlier trigger, got there first: expected, and worth a line.
      this.logger.info({ eventId, trigger }, 'settlement skipped: already settled or gone');
      return this.prisma.event.findUnique({ where: { id: eventId } });
    }
    this.logger.info(
      { eventId, trigger, penalties: settled.penalties.length, durationMs: Math.round(performance.now() - started) },
      'event settled',
    );
    this.metrics.settlements.inc({ trigger });
    this.notices?.deliverSoon();
    return settled.event;
  }

  /** Unsettled events, the soonest due first. */
  unsettled(first: number): Promise<Event[]> {
    return this.prisma.event.findMany({ where: { settledAt: null }, orderBy: [{ endsAt: 'asc' }, { id: 'asc' }], take: first });
  }

  /** Events that ended more than OVERDUE_AFTER_MS ago and are still unsettled: what the overdue-settlement alert watches. */
  countOverdue(): Promise<number> {
    return this.prisma.event.count({ where: { settledAt: null, endsAt: { lte: new Date(this.clock.now().getTime() - OVERDUE_AFTER_MS) } } });
  }

  /** Settles every event that has ended unsettled; answers how many this call settled. */
  async settleOverdue(trigger: 'sweep' | 'catch-up'): Promise<number> {
    const overdue = await this.prisma.event.findMany({
      where: { settledAt: null, endsAt: { lte: this.clock.now() } },
      orderBy: { endsAt: 'asc' },
      select: { id: true },
    });
    let settled = 0;
    for (const { id } of overdue) {
      try {
        const event = await this.settle(id, trigger);
        if (event?.settledAt) settled += 1;
      } catch (error) {
        this.logger.error({ err: error, eventId: id, trigger }, 'settlement failed; the next sweep tries again');
      }
    }
    return settled;
  }
}
