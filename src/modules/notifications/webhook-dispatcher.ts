import type { SettlementSettings } from '../../config/config';
import type { Prisma } from '../../generated/prisma/client';
import type { Logger } from '../../logging/logger';
import type { Metrics } from '../../observability/metrics';
import type { BackgroundJob } from '../manifest';
import { OutboxDispatcher, type DeliveryOutcome, type OutboxChannel } from './outbox-dispatcher';
import type { ClaimedNotice, Notice, OutboxService } from './outbox.service';

/** What other modules see: a notice goes in with their transaction, and out once it has committed. */
export interface WebhookNotices {
  /** Answers whether it was written: false when a notice with its key exists already. */
  enqueue(tx: Prisma.TransactionClient, notice: Notice): Promise<boolean>;
  /** After the commit: look for due notices now rather than at the next poll. */
  deliverSoon(): void;
}

/**
 * The club webhook (Discord or Slack) as an outbox channel: each notice is POSTed with its
 * Idempotency-Key, so the receiver can drop repeats; a client error other than rate limiting is
 * refused for good, anything else retried with exponential back-off until the attempts run out.
 */
class WebhookChannel implements OutboxChannel {
  readonly channel = 'webhook';
  readonly label = 'webhook';

  constructor(
    private readonly settings: SettlementSettings & { webhookUrl: string },
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  get attemptTimeoutMs() {
    return this.settings.webhookTimeoutMs;
  }

  get maxAttempts() {
    return this.settings.webhookMaxAttempts;
  }

  backoffMs(attempts: number): number {
    return this.settings.webhookBackoffMs * 2 ** (attempts - 1);
  }

  async deliver(notice: ClaimedNotice, signal: AbortSignal): Promise<DeliveryOutcome> {
    const response = await fetch(this.settings.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': notice.idempotencyKey },
      body: JSON.stringify(notice.payload),
      signal,
    });
    await response.body?.cancel();
    if (response.ok) return { result: 'delivered' };
    const error = `HTTP ${response.status}`;
    // A client error other than rate limiting will not get better by retrying.
    return response.status < 500 && response.status !== 429 ? { result: 'failed', error } : { result: 'retry', error };
  }

  observe(notice: ClaimedNotice, outcome: DeliveryOutcome | { result: 'gave up'; error: string }): void {
    const context = { kind: notice.kind, idempotencyKey: notice.idempotencyKey, attempt: notice.attempts };
    if (outcome.result === 'delivered') {
      this.metrics.webhookDeliveries.inc({ kind: notice.kind, outcome: 'delivered' });
      this.logger.info(context, `${notice.kind} webhook delivered`);
    } else if (outcome.result === 'retry') {
      this.metrics.webhookDeliveries.inc({ kind: notice.kind, outcome: 'retry' });
      this.logger.warn({ ...context, outcome: outcome.error }, `${notice.kind} webhook attempt failed`);
    } else {
      this.metrics.webhookDeliveries.inc({ kind: notice.kind, outcome: 'failed' });
      this.logger.error({ ...context, outcome: outcome.error }, `${notice.kind} webhook gave up`);
    }
  }
}

/** Delivers the outbox's webhook notices (src/modules/notifications/outbox-dispatcher.ts). */
export class WebhookDispatcher implements WebhookNotices, BackgroundJob {
  readonly name = 'webhook notices';
  private readonly dispatcher: OutboxDispatcher;

  constructor(
    private readonly outbox: OutboxService,
    settings: SettlementSettings & { webhookUrl: string },
    logger: Logger,
    metrics: Metrics,
  ) {
    this.dispatcher = new OutboxDispatcher(outbox, new WebhookChannel(settings, logger, metrics), logger);
  }

  enqueue(tx: Prisma.TransactionClient, notice: Notice): Promise<boolean> {
    return this.outbox.enqueue(tx, notice);
  }

  deliverSoon(): void {
    this.dispatcher.deliverSoon();
  }

  start(): Promise<void> {
    return this.dispatcher.start();
  }

  stop(): Promise<void> {
    return this.dispatcher.stop();
  }
}
