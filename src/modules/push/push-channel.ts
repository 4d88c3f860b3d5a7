import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import webPush from 'web-push';
import type { Logger } from '../../logging/logger';
import type { Metrics } from '../../observability/metrics';
import type { DeliveryOutcome, OutboxChannel } from '../notifications/outbox-dispatcher';
import type { ClaimedNotice } from '../notifications/outbox.service';
import { checkPushEndpoint, isUnresolved, publicOnlyLookup } from './push-endpoint';
import type { PushNoticePayload, PushService } from './push.service';

/** Back-off between attempts: 2 s, 4 s, … at most an hour; the notice's 24-hour expiry ends it. */
const FIRST_BACKOFF_MS = 2_000;
const LONGEST_BACKOFF_MS = 3600_000;
/** Enough attempts to fill the 24 hours at the longest back-off. */
const MAX_ATTEMPTS = 40;

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) * 1000 : Date.parse(header) - now.getTime();
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), 24 * 3600_000) : undefined;
}

interface PushResponse {
  status: number;
  retryAfter: string | undefined;
}

/**
 * Web Push as an outbox channel: each notice is one browser's. The payload is encrypted for that
 * browser (aes128gcm) and signed with the deployment's VAPID key by web-push; the request itself
 * is sent here, so that it goes only to a public address and never follows a redirect.
 */
export class PushChannel implements OutboxChannel {
  readonly channel = 'push';
  readonly label = 'push';
  readonly maxAttempts = MAX_ATTEMPTS;

  constructor(
    private readonly push: PushService,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  get attemptTimeoutMs() {
    return this.push.settings.timeoutMs;
  }

  backoffMs(attempts: number): number {
    return Math.min(FIRST_BACKOFF_MS * 2 ** (attempts - 1), LONGEST_BACKOFF_MS);
  }

  async deliver(notice: ClaimedNotice, signal: AbortSignal): Promise<DeliveryOutcome> {
    const { subscriptionId, notification } = notice.payload as PushNoticePayload;
    const browser = await this.push.subscription(subscriptionId);
    if (!browser) return { result: 'discarded', error: 'the browser was unregistered' };
    const { allowLocalEndpoints, subject } = this.push.settings;
    try {
      await checkPushEndpoint(browser.endpoint, allowLocalEndpoints);
    } catch (error) {
      if (isUnresolved(error)) return { result: 'retry', error: 'the endpoint\'s host did not resolve' };
      await this.push.drop(browser.id);
      return { result: 'failed', error: 'endpoint no longer resolves to a public address only; subscription dropped' };
    }
    const details = webPush.generateRequestDetails(
      { endpoint: browser.endpoint, keys: { p256dh: browser.p256dh, auth: browser.auth } },
      JSON.stringify(notification),
      { vapidDetails: { subject, ...(await this.push.vapidKeys()) }, TTL: 24 * 3600, urgency: notification.kind === 'reminder' ? 'high' : 'normal' },
    );
    const response = await this.send(details, signal);
    if (response.status >= 200 && response.status < 300) return { result: 'delivered' };
    const error = `HTTP ${response.status}`;
    if (response.status === 404 || response.status === 410) {
      await this.push.drop(browser.id);
      return { result: 'discarded', error: `${error}: the browser's subscription is gone; dropped` };
    }
    if (response.status === 429 || response.status >= 500) {
      return { result: 'retry', error, retryAfterMs: retryAfterMs(response.retryAfter, new Date()) };
    }
    return { result: 'failed', error };
  }

  observe(notice: ClaimedNotice, outcome: DeliveryOutcome | { result: 'gave up'; error: string }): void {
    const context = { kind: notice.kind, notice: notice.id, attempt: notice.attempts };
    this.metrics.pushDeliveries.inc({ outcome: outcome.result === 'discarded' ? 'gone' : outcome.result === 'gave up' ? 'failed' : outcome.result });
    if (outcome.result === 'delivered') this.logger.debug(context, 'push notification delivered');
    else if (outcome.result === 'retry') this.logger.warn({ ...context, outcome: outcome.error }, 'push notification attempt failed');
    else if (outcome.result === 'discarded') this.logger.info({ ...context, outcome: outcome.error }, 'push subscription gone');
    else this.logger.error({ ...context, outcome: outcome.error }, 'push notification gave up');
  }

  private send(details: webPush.RequestDetails, signal: AbortSignal): Promise<PushResponse> {
    const url = new URL(details.endpoint);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        { method: details.method, headers: details.headers, lookup: publicOnlyLookup(this.push.settings.allowLocalEndpoints), signal },
        (response) => {
          // Redirects are answers like any other: never followed.
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] }));
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(details.body);
    });
  }
}
