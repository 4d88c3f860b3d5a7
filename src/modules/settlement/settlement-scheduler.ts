import type { Clock } from '../../clock/clock';
import { KeyedJobs } from '../../clock/keyed-jobs';
import type { PrismaClient } from '../../db/database';
import { notFound } from '../../errors/errors';
import type { Event } from '../../generated/prisma/client';
import type { Logger } from '../../logging/logger';
import type { BackgroundJob } from '../manifest';
import type { SettlementTriggers } from './settlement-triggers';
import type { SettlementService } from './settlement.service';

export interface UpcomingSettlement {
  event: Event;
  settlesAt: Date;
  scheduledOnThisInstance: boolean;
}

/**
 * A node-schedule job per unsettled event at its end, plus a sweep every minute for events whose
 * job ran elsewhere or nowhere (an instance that died). Start-up first settles what ended while no
 * server ran (catch-up), then schedules the rest.
 */
export class SettlementScheduler implements SettlementTriggers, BackgroundJob {
  readonly name = 'settlement';
  private readonly jobs = new KeyedJobs();
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly settlement: SettlementService,
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly sweepIntervalMs: number,
  ) {}

  async start(): Promise<void> {
    const caughtUp = await this.settlement.settleOverdue('catch-up');
    const pending = await this.prisma.event.findMany({ where: { settledAt: null }, select: { id: true, endsAt: true } });
    for (const event of pending) this.schedule(event);
    this.logger.info({ settled: caughtUp, scheduled: this.jobs.size }, 'settlement catch-up done');
    this.sweepTimer = setInterval(() => void this.sweep(), this.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  schedule(event: { id: string; endsAt: Date }): void {
    if (this.stopped) return;
    this.jobs.cancel(event.id);
    const ended = () => event.endsAt.getTime() <= this.clock.now().getTime();
    if (!ended() && this.jobs.schedule(event.id, event.endsAt, () => void this.run(event.id))) {
      this.logger.info({ eventId: event.id, at: event.endsAt.toISOString() }, 'settlement scheduled');
      return;
    }
    // Ended already, or node-schedule found the end passed while this was worked out; if the app's
    // clock disagrees (a test's), the sweep settles it when it is due.
    if (ended()) setImmediate(() => void this.run(event.id));
  }

  cancel(eventId: string): void {
    if (this.jobs.cancel(eventId)) this.logger.info({ eventId }, 'settlement unscheduled');
  }

  isScheduled(eventId: string): boolean {
    return this.jobs.has(eventId);
  }

  /** settleEvent: settles now (again changes nothing); this instance's job for it goes. */
  async settleNow(eventId: string): Promise<Event> {
    const event = await this.settlement.settle(eventId, 'manual');
    if (!event) throw notFound('event');
    this.cancel(eventId);
    return event;
  }

  /** Unsettled events, the soonest due first, and whether this instance holds a job for each. */
  async upcoming(first: number): Promise<UpcomingSettlement[]> {
    const events = await this.settlement.unsettled(first);
    return events.map((event) => ({ event, settlesAt: event.endsAt, scheduledOnThisInstance: this.isScheduled(event.id) }));
  }

  /** Settles what is overdue; one sweep at a time on this instance. */
  sweep(): Promise<void> {
    this.sweeping ??= this.settlement
      .settleOverdue('sweep')
      .then((settled) => this.logger[settled > 0 ? 'info' : 'debug']({ settled }, 'settlement sweep done'))
      .catch((error) => this.logger.error({ err: error }, 'settlement sweep failed'))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweepTimer);
    this.jobs.cancelAll();
    await this.sweeping;
  }

  private async run(eventId: string): Promise<void> {
    if (this.stopped) return;
    try {
      await this.settlement.settle(eventId, 'schedule');
    } catch (error) {
      this.logger.error({ err: error, eventId }, 'scheduled settlement failed; the sweep tries again');
    }
  }
}
