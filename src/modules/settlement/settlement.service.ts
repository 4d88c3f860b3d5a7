import type { Clock } from '../../clock/clock';
import type { PrismaClient } from '../../db/database';
import type { Event } from '../../generated/prisma/client';
import type { Logger } from '../../logging/logger';
import type { Metrics } from '../../observability/metrics';
import { claimForSettlement } from '../events/event.service';
import type { ParticipationService } from '../participations/participation.service';
import type { PenaltyService } from '../penalties/penalty.service';
import type { SettlementNotifier, SettlementSummary } from './settlement-notifier';

export type SettlementTrigger = 'schedule' | 'sweep' | 'catch-up' | 'manual';

/**
 * Settles an event exactly once: claiming it (settled_at still null) and writing attendance and
 * penalties happen in one transaction, so a second claimant (another instance, the sweep, a
 * restart) finds it settled and does nothing. The partial unique index on active automatic
 * penalties is the last guard against doubles.
 */
export class SettlementService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly participations: ParticipationService,
    private readonly penalties: PenaltyService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly notifier: SettlementNotifier | undefined,
    private readonly metrics: Metrics,
  ) {}

  /** Settles the event if nobody has; answers the event as it now is (null when it does not exist). */
  async settle(eventId: string, trigger: SettlementTrigger): Promise<Event | null> {
    const started = performance.now();
    const settled = await this.prisma.$transaction(async (tx) => {
      const event = await claimForSettlement(tx, eventId, this.clock.now());
      if (!event) return null;
      await this.participations.changeAttendance(tx, { eventId, from: ['PENDING'] }, { attendance: 'ABSENT' });
      const penalties = await this.penalties.issueForSettledEvent(tx, event);
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
    if (this.notifier) {
      this.notify(this.notifier, settled.event, settled.penalties).catch((error) =>
        this.logger.error({ err: error, eventId }, 'settlement webhook not sent'),
      );
    }
    return settled.event;
  }

  /** Unsettled events, the soonest due first. */
  unsettled(first: number): Promise<Event[]> {
    return this.prisma.event.findMany({ where: { settledAt: null }, orderBy: [{ endsAt: 'asc' }, { id: 'asc' }], take: first });
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

  private async notify(
    notifier: SettlementNotifier,
    event: Event,
    penalties: { memberId: string; reason: string; points: number }[],
  ): Promise<void> {
    const members = await this.prisma.member.findMany({
      where: { id: { in: [...new Set(penalties.map((p) => p.memberId))] } },
      select: { id: true, loginId: true, name: true },
    });
    const byId = new Map(members.map((member) => [member.id, member]));
    const summary: SettlementSummary = {
      event: { id: event.id, title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, settledAt: event.settledAt! },
      penalties: penalties.map((p) => ({ ...p, loginId: byId.get(p.memberId)?.loginId ?? '', name: byId.get(p.memberId)?.name ?? '' })),
    };
    notifier.notify(summary);
  }
}
