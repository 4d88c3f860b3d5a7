import type { SettlementSettings } from '../../config/config';
import type { Logger } from '../../logging/logger';

export interface SettlementSummary {
  event: { id: string; title: string; startsAt: Date; endsAt: Date; settledAt: Date };
  penalties: { memberId: string; loginId: string; name: string; reason: string; points: number }[];
}

/** Discord caps `content` at 2,000 characters. */
const MAX_MESSAGE_LENGTH = 2000;

/** One message that a Discord (`content`) and a Slack (`text`) incoming webhook both accept. */
export function webhookPayload(summary: SettlementSummary, timeZone: string) {
  const when = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(summary.event.startsAt);
  const lines = summary.penalties.length
    ? summary.penalties.map((p) => `• ${p.name} (${p.loginId}): ${p.reason.toLowerCase()}, ${p.points} point${p.points === 1 ? '' : 's'}`)
    : ['No penalties.'];
  const message = [`Settled "${summary.event.title}" (${when}).`, ...lines].join('\n');
  const text = message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
  return {
    content: text,
    text,
    settlement: {
      eventId: summary.event.id,
      title: summary.event.title,
      settledAt: summary.event.settledAt.toISOString(),
      penalties: summary.penalties,
    },
  };
}

/**
 * Posts each settlement to SETTLEMENT_WEBHOOK_URL after it committed, retrying with exponential
 * backoff. Runs beside the settlement, never in its way: a failing webhook is only logged.
 */
export class SettlementNotifier {
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly settings: SettlementSettings & { webhookUrl: string },
    private readonly timeZone: string,
    private readonly logger: Logger,
  ) {}

  notify(summary: SettlementSummary): void {
    const controller = new AbortController();
    this.inFlight.add(controller);
    this.deliver(webhookPayload(summary, this.timeZone), summary.event.id, controller.signal)
      .catch((error) => this.logger.error({ err: error, eventId: summary.event.id }, 'settlement webhook failed'))
      .finally(() => this.inFlight.delete(controller));
  }

  /** Abandons deliveries still retrying, so shutdown never waits on someone else's server. */
  stop(): void {
    for (const controller of this.inFlight) controller.abort();
  }

  private async deliver(payload: unknown, eventId: string, signal: AbortSignal): Promise<void> {
    const { webhookUrl, webhookMaxAttempts, webhookBackoffMs, webhookTimeoutMs } = this.settings;
    for (let attempt = 1; attempt <= webhookMaxAttempts; attempt++) {
      let outcome: string;
      try {
        const response = await fetch(webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
          signal: AbortSignal.any([signal, AbortSignal.timeout(webhookTimeoutMs)]),
        });
        if (response.ok) {
          this.logger.info({ eventId, attempt }, 'settlement webhook delivered');
          return;
        }
        outcome = `HTTP ${response.status}`;
        // A client error other than rate limiting will not get better by retrying.
        if (response.status < 500 && response.status !== 429) break;
      } catch (error) {
        if (signal.aborted) return;
        outcome = error instanceof Error ? error.name : String(error);
      }
      this.logger.warn({ eventId, attempt, outcome }, 'settlement webhook attempt failed');
      if (attempt < webhookMaxAttempts) await sleep(webhookBackoffMs * 2 ** (attempt - 1), signal);
      if (signal.aborted) return;
    }
    this.logger.error({ eventId }, 'settlement webhook gave up');
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
