import type { SettlementSettings } from '../../config/config';
import type { Prisma } from '../../generated/prisma/client';
import type { Logger } from '../../logging/logger';
import type { Metrics } from '../../observability/metrics';
import type { BackgroundJob } from '../manifest';
import type { ClaimedNotice, Notice, OutboxService } from './outbox.service';

/** What other modules see: a notice goes in with their transaction, and out once it has committed. */
export interface WebhookNotices {
  /** Answers whether it was written: false when a notice with its key exists already. */
  enqueue(tx: Prisma.TransactionClient, notice: Notice): Promise<boolean>;
  /** After the commit: look for due notices now rather than at the next poll. */
  deliverSoon(): void;
}

/** How often an instance looks for notices written by others, or whose claim lapsed. */
const POLL_MS = 5_000;
const CLAIM_BATCH = 10;
/** A claim outlives the attempt's timeout by this much before another instance may take it over. */
const LEASE_MARGIN_MS = 2_000;

/**
 * Delivers the outbox's notices to the club webhook (Discord or Slack), at least once: each attempt
 * is claimed in the database for a lease, so one instance at a time delivers a notice; a failure
 * is retried with exponential backoff, across restarts and instances, until the attempts run out
 * (the notice then stays, marked failed). The receiver can drop repeats by their Idempotency-Key.
 */
export class WebhookDispatcher implements WebhookNotices, BackgroundJob {
  readonly name = 'webhook notices';
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly settings: SettlementSettings & { webhookUrl: string },
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  enqueue(tx: Prisma.TransactionClient, notice: Notice): Promise<boolean> {
    return this.outbox.enqueue(tx, notice);
  }

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
    this.deliverSoon();
  }

  /** Abandons attempts in flight (their claims lapse and are retried), so shutdown never waits on someone else's server. */
  async stop(): Promise<void> {
    this.abort.abort();
    clearTimeout(this.timer);
    await this.running;
  }

  /** Claims and delivers until nothing is due, then sleeps until the next notice is due or the next poll. */
  private async round(): Promise<void> {
    let nextMs = POLL_MS;
    try {
      const expired = await this.outbox.expireOverdue();
      if (expired > 0) this.logger.warn({ expired }, 'webhook notices expired before they could be delivered');
      do {
        this.again = false;
        const claimed = await this.outbox.claimDue(CLAIM_BATCH, this.settings.webhookTimeoutMs + LEASE_MARGIN_MS);
        await Promise.all(claimed.map((notice) => this.attempt(notice)));
        if (claimed.length === CLAIM_BATCH) this.again = true;
      } while (this.again && !this.abort.signal.aborted);
      nextMs = Math.min(POLL_MS, (await this.outbox.msUntilNextDue()) ?? POLL_MS);
      // A notice committed while that was being read may not be in it.
      if (this.again) nextMs = 0;
    } catch (error) {
      this.logger.warn({ err: error }, 'webhook notices: the outbox could not be read; trying again shortly');
    }
    if (this.abort.signal.aborted) return;
    this.timer = setTimeout(() => this.deliverSoon(), nextMs);
    this.timer.unref();
  }

  private async attempt(notice: ClaimedNotice): Promise<void> {
    const { webhookUrl, webhookMaxAttempts, webhookBackoffMs, webhookTimeoutMs } = this.settings;
    const context = { kind: notice.kind, idempotencyKey: notice.idempotencyKey, attempt: notice.attempts };
    let outcome: string;
    let refused = false;
    try {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': notice.idempotencyKey },
        body: JSON.stringify(notice.payload),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(webhookTimeoutMs)]),
      });
      await response.body?.cancel();
      if (response.ok) {
        await this.outbox.delivered(notice);
        this.metrics.webhookDeliveries.inc({ kind: notice.kind, outcome: 'delivered' });
        this.logger.info(context, `${notice.kind} webhook delivered`);
        return;
      }
      outcome = `HTTP ${response.status}`;
      // A client error other than rate limiting will not get better by retrying.
      refused = response.status < 500 && response.status !== 429;
    } catch (error) {
      if (this.abort.signal.aborted) return;
      outcome = failureOf(error);
    }
    if (refused || notice.attempts >= webhookMaxAttempts) {
      await this.outbox.failed(notice, outcome);
      this.metrics.webhookDeliveries.inc({ kind: notice.kind, outcome: 'failed' });
      this.logger.error({ ...context, outcome }, `${notice.kind} webhook gave up`);
      return;
    }
    await this.outbox.retryLater(notice, webhookBackoffMs * 2 ** (notice.attempts - 1), outcome);
    this.metrics.webhookDeliveries.inc({ kind: notice.kind, outcome: 'retry' });
    this.logger.warn({ ...context, outcome }, `${notice.kind} webhook attempt failed`);
  }
}

/** What went wrong, briefly: TimeoutError, or fetch's TypeError with its cause's code (ECONNREFUSED…). */
function failureOf(error: unknown): string {
  const { name, cause } = error as { name?: string; cause?: { code?: string } };
  return [name ?? String(error), cause?.code].filter(Boolean).join(' ');
}
