import type { Database } from '../../db/database';
import type { Logger } from '../../logging/logger';
import type { BackgroundJob } from '../manifest';
import type { ClaimedNotice, OutboxService } from './outbox.service';

/** What one delivery attempt came to. */
export type DeliveryOutcome =
  | { result: 'delivered' }
  /** Worth trying again: after `retryAfterMs` when the receiver said (Retry-After), else with back-off. */
  | { result: 'retry'; error: string; retryAfterMs?: number }
  /** Refused for good: the notice stays, marked failed, for someone to look at. */
  | { result: 'failed'; error: string }
  /** Nobody is there to receive it any more (a push subscription gone): the notice is dropped. */
  | { result: 'discarded'; error: string };

/** One outbox channel's receiver: how a notice of it is delivered, and how patiently. */
export interface OutboxChannel {
  /** outbox_messages.channel */
  readonly channel: string;
  /** For log lines and the job's name. */
  readonly label: string;
  /** How long one attempt may take; its claim lasts a little longer. */
  readonly attemptTimeoutMs: number;
  readonly maxAttempts: number;
  /** The wait before attempt `attempts + 1` when the receiver named none. */
  backoffMs(attempts: number): number;
  deliver(notice: ClaimedNotice, signal: AbortSignal): Promise<DeliveryOutcome>;
  /** Each attempt's outcome, for metrics and logs. */
  observe(notice: ClaimedNotice, outcome: DeliveryOutcome | { result: 'gave up'; error: string }): void;
}

/** How often an instance looks for notices written by others, or whose claim lapsed. */
const POLL_MS = 5_000;
const CLAIM_BATCH = 10;
/** A claim outlives the attempt's timeout by this much before another instance may take it over. */
const LEASE_MARGIN_MS = 2_000;

/**
 * Delivers one channel's outbox notices at least once: each attempt is claimed in the database for
 * a lease, so one instance at a time delivers a notice; a failure is retried with back-off, across
 * restarts and instances, until the attempts run out or the notice expires (it then stays, marked
 * failed). A crash between the notice's commit and its delivery loses nothing: the claim lapses and
 * whichever instance looks next delivers it. With `wakeOn`, every instance looks at once when a
 * notice of the channel commits anywhere (a trigger's NOTIFY), and looks not at all while none
 * waits; without, it polls every few seconds.
 */
export class OutboxDispatcher implements BackgroundJob {
  readonly name: string;
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopFollowing?: () => Promise<void>;

  constructor(
    private readonly outbox: OutboxService,
    private readonly receiver: OutboxChannel,
    private readonly logger: Logger,
    private readonly wakeOn?: { database: Database; notifyChannel: string },
  ) {
    this.name = `${receiver.label} notices`;
  }

  /** After a commit: look for due notices now rather than at the next poll. */
  deliverSoon(): void {
    if (this.abort.signal.aborted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.round().finally(() => (this.running = undefined));
  }

  async start(): Promise<void> {
    if (this.wakeOn) {
      this.stopFollowing = await this.wakeOn.database.follow(this.wakeOn.notifyChannel, {
        message: () => this.deliverSoon(),
        following: (isFollowing) => isFollowing && this.deliverSoon(),
      });
    }
    this.deliverSoon();
  }

  /** Abandons attempts in flight (their claims lapse and are retried), so shutdown never waits on someone else's server. */
  async stop(): Promise<void> {
    this.abort.abort();
    clearTimeout(this.timer);
    await this.stopFollowing?.();
    await this.running;
  }

  /** Claims and delivers until nothing is due, then sleeps until the next notice is due or the next poll. */
  private async round(): Promise<void> {
    const { channel, label, attemptTimeoutMs } = this.receiver;
    let nextMs = POLL_MS;
    try {
      const expired = await this.outbox.expireOverdue(channel);
      if (expired > 0) this.logger.warn({ expired }, `${label} notices expired before they could be delivered`);
      do {
        this.again = false;
        const claimed = await this.outbox.claimDue(channel, CLAIM_BATCH, attemptTimeoutMs + LEASE_MARGIN_MS);
        await Promise.all(claimed.map((notice) => this.attempt(notice)));
        if (claimed.length === CLAIM_BATCH) this.again = true;
      } while (this.again && !this.abort.signal.aborted);
      const untilDue = await this.outbox.msUntilNextDue(channel);
      // Woken by every commit of a notice anywhere, it need not look while none waits.
      if (untilDue === null && this.wakeOn && !this.again) return;
      nextMs = Math.min(POLL_MS, untilDue ?? POLL_MS);
      // A notice committed while that was being read may not be in it.
      if (this.again) nextMs = 0;
    } catch (error) {
      this.logger.warn({ err: error }, `${label} notices: the outbox could not be read; trying again shortly`);
    }
    if (this.abort.signal.aborted) return;
    this.timer = setTimeout(() => this.deliverSoon(), nextMs);
    this.timer.unref();
  }

  private async attempt(notice: ClaimedNotice): Promise<void> {
    const { receiver } = this;
    let outcome: DeliveryOutcome;
    try {
      outcome = await receiver.deliver(notice, AbortSignal.any([this.abort.signal, AbortSignal.timeout(receiver.attemptTimeoutMs)]));
    } catch (error) {
      if (this.abort.signal.aborted) return;
      outcome = { result: 'retry', error: failureOf(error) };
    }
    if (this.abort.signal.aborted && outcome.result === 'retry') return;
    if (outcome.result === 'delivered') await this.outbox.delivered(notice);
    else if (outcome.result === 'discarded') await this.outbox.discard(notice);
    else if (outcome.result === 'failed' || notice.attempts >= receiver.maxAttempts) {
      await this.outbox.failed(notice, outcome.error);
      if (outcome.result === 'retry') return receiver.observe(notice, { result: 'gave up', error: outcome.error });
    } else {
      await this.outbox.retryLater(notice, outcome.retryAfterMs ?? receiver.backoffMs(notice.attempts), outcome.error);
    }
    receiver.observe(notice, outcome);
  }
}

/** What went wrong, briefly: TimeoutError, or fetch's TypeError with its cause's code (ECONNREFUSED…). */
export function failureOf(error: unknown): string {
  const { name, cause, code } = error as { name?: string; code?: unknown; cause?: { code?: string } };
  // Node's own errors carry their code (ECONNREFUSED) themselves; a DOMException's is a number, not worth saying.
  return [name ?? String(error), cause?.code ?? (typeof code === 'string' ? code : undefined)].filter(Boolean).join(' ');
}
