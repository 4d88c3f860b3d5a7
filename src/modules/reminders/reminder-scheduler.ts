import type { Clock } from '../../clock/clock';
import { KeyedJobs } from '../../clock/keyed-jobs';
import type { Prisma } from '../../generated/prisma/client';
import type { Logger } from '../../logging/logger';
import type { BackgroundJob } from '../manifest';
import type { ReminderTriggers } from './reminder-triggers';
import type { ReminderService } from './reminder.service';

/**
 * A node-schedule job per upcoming event at its reminder time, plus a sweep every minute for
 * reminders whose job ran elsewhere or nowhere (an instance that died, an event created on another
 * instance). Start-up first writes what fell due while no server ran (for events not yet started).
 */
export class ReminderScheduler implements ReminderTriggers, BackgroundJob {
  readonly name = 'match reminders';
  private readonly jobs = new KeyedJobs();
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly reminders: ReminderService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly sweepIntervalMs: number,
  ) {}

  async start(): Promise<void> {
    await this.sweep();
    for (const event of await this.reminders.later()) this.schedule(event);
    this.logger.info({ scheduled: this.jobs.size }, 'match reminders scheduled');
    this.sweepTimer = setInterval(() => void this.sweep(), this.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  schedule(event: { id: string; startsAt: Date }): void {
    if (this.stopped) return;
    this.jobs.cancel(event.id);
    const remindAt = this.reminders.timing.remindAt(event.startsAt);
    const due = remindAt.getTime() <= this.clock.now().getTime();
    // Due already, or node-schedule found the time passed while this was worked out: sending checks what is due.
    if (due || !this.jobs.schedule(event.id, remindAt, () => void this.run(event.id))) setImmediate(() => void this.run(event.id));
  }

  cancel(eventId: string): void {
    this.jobs.cancel(eventId);
  }

  withdraw(tx: Prisma.TransactionClient, eventId: string): Promise<number> {
    return this.reminders.withdraw(tx, eventId);
  }

  isScheduled(eventId: string): boolean {
    return this.jobs.has(eventId);
  }

  /** Writes every reminder that is due and unwritten; one sweep at a time on this instance. */
  sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        for (const eventId of await this.reminders.due()) await this.run(eventId);
      } catch (error) {
        this.logger.error({ err: error }, 'reminder sweep failed');
      }
    })().finally(() => (this.sweeping = undefined));
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
      await this.reminders.send(eventId);
    } catch (error) {
      this.logger.error({ err: error, eventId }, 'match reminder failed; the sweep tries again');
    }
  }
}
