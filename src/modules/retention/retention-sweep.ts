import type { Clock } from '../../clock/clock';
import type { Logger } from '../../logging/logger';
import type { BackgroundJob } from '../manifest';

/** What one table's owner deletes for the sweep: rows from before the cutoff, in bounded batches. */
export type Forget = (cutoff: Date) => Promise<number>;

const HOUR_MS = 3_600_000;
/** The first sweep waits a little: start-up has work enough of its own. */
const FIRST_SWEEP_DELAY_MS = 60_000;

/**
 * RETENTION_DAYS: every hour, records that only matter for a while (login attempts, rate-limit
 * windows, check-in attempts, delivered webhook notices) are deleted once older than that, each by
 * its table's owner. Any instance may sweep; two at once delete the same rows once.
 */
export class RetentionSweep implements BackgroundJob {
  readonly name = 'retention';
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<Record<string, number>> | undefined;

  constructor(
    private readonly forget: Record<string, Forget>,
    private readonly retentionDays: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Deletes what is older than the retention; answers how many rows went, by table. */
  sweep(): Promise<Record<string, number>> {
    this.sweeping ??= this.run().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  async start(): Promise<void> {
    const sweepLogged = () =>
      void this.sweep().catch((error) => this.logger.warn({ err: error }, 'retention sweep failed; the next one tries again'));
    this.timer = setTimeout(() => {
      sweepLogged();
      this.timer = setInterval(sweepLogged, HOUR_MS);
      this.timer.unref();
    }, FIRST_SWEEP_DELAY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  private async run(): Promise<Record<string, number>> {
    const cutoff = new Date(this.clock.now().getTime() - this.retentionDays * 24 * HOUR_MS);
    const deleted: Record<string, number> = {};
    for (const [table, forget] of Object.entries(this.forget)) deleted[table] = await forget(cutoff);
    const total = Object.values(deleted).reduce((sum, count) => sum + count, 0);
    this.logger[total > 0 ? 'info' : 'debug']({ cutoff: cutoff.toISOString(), deleted }, 'retention sweep done');
    return deleted;
  }
}
