import { createECDH, randomUUID } from 'node:crypto';
import webPush from 'web-push';
import type { Clock } from '../../clock/clock';
import type { WebPushSettings } from '../../config/config';
import type { PrismaClient } from '../../db/database';
import { inTransaction } from '../../db/transactions';
import { DomainError, ErrorCode } from '../../errors/errors';
import type { Prisma } from '../../generated/prisma/client';
import type { OutboxService } from '../notifications/outbox.service';
import { checkPushEndpoint } from './push-endpoint';
import { MATCH_FACTS, type MatchFacts, type MemberNotification } from './push-messages';

/** api-rules.md: at most 10 browsers per member; an eleventh replaces the oldest. */
export const MAX_SUBSCRIPTIONS_PER_MEMBER = 10;
/** A notification not delivered within a day is no longer news (api-rules.md: retried for up to 24 h). */
const DELIVERY_WINDOW_MS = 24 * 3600 * 1000;

export interface PushSubscriptionInput {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What an outbox push notice carries: which browser, and what to show. */
export interface PushNoticePayload {
  subscriptionId: string;
  notification: Pick<MemberNotification, 'kind' | 'title' | 'body' | 'path' | 'tag'>;
}

/** One member's notification; `key` (default: its kind and a fresh id) makes its outbox keys. */
export interface MemberMessage {
  memberId: string;
  notification: MemberNotification;
  key?: string;
}

/** What other modules see: notifications go in with their transaction, one per browser of each member. */
export interface MemberNotifications {
  notify(tx: Prisma.TransactionClient, memberIds: readonly string[], notification: MemberNotification, key?: string): Promise<void>;
  /** Several members' own notifications at once (a settlement's penalties): their browsers read once. */
  notifyEach(tx: Prisma.TransactionClient, messages: readonly MemberMessage[]): Promise<void>;
  /** A notification about a match, made from its facts as the caller's transaction reads them. */
  notifyAboutMatch(
    tx: Prisma.TransactionClient,
    memberIds: readonly string[],
    eventId: string,
    message: (match: MatchFacts, timeZone: string) => MemberNotification,
    key?: string,
  ): Promise<void>;
}

const badKey = (field: string, why: string) => new DomainError(ErrorCode.PUSH_ENDPOINT_REFUSED, `The subscription's ${field} ${why}.`, { field });

/** The browser's keys as PushSubscription.toJSON() gives them: a P-256 point and a 16-byte secret, base64url. */
function checkKeys(p256dh: string, auth: string): void {
  const base64url = /^[A-Za-z0-9_-]+={0,2}$/;
  if (!base64url.test(p256dh)) throw badKey('p256dh', 'is not base64url');
  if (!base64url.test(auth) || Buffer.from(auth, 'base64url').length !== 16) throw badKey('auth', 'must be 16 bytes, base64url');
  try {
    // Agreeing a secret with it is the check that it is a point on the curve.
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    ecdh.computeSecret(Buffer.from(p256dh, 'base64url'));
  } catch {
    throw badKey('p256dh', 'is not a P-256 public key');
  }
}

/**
 * Web Push: the one writer of push_subscriptions and web_push_keys. The VAPID key pair is the
 * settings' or, without them, made once by whichever instance needs it first and kept in the
 * database for every instance.
 */
export class PushService implements MemberNotifications {
  private keys: Promise<{ publicKey: string; privateKey: string }> | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: OutboxService,
    readonly settings: WebPushSettings,
    private readonly timeZone: string,
    private readonly clock: Clock,
  ) {}

  vapidKeys(): Promise<{ publicKey: string; privateKey: string }> {
    this.keys ??= this.settings.vapidKeys ? Promise.resolve(this.settings.vapidKeys) : this.storedKeys();
    this.keys.catch(() => (this.keys = undefined));
    return this.keys;
  }

  async publicKey(): Promise<string> {
    return (await this.vapidKeys()).publicKey;
  }

  /** Registers the browser for the member (moving it from whoever had it); the member's eleventh replaces their oldest. */
  async register(memberId: string, input: PushSubscriptionInput): Promise<boolean> {
    checkKeys(input.p256dh, input.auth);
    await checkPushEndpoint(input.endpoint, this.settings.allowLocalEndpoints);
    const { endpoint, p256dh, auth } = input;
    await inTransaction(this.prisma, async (tx) => {
      await tx.pushSubscription.upsert({
        where: { endpoint },
        create: { memberId, endpoint, p256dh, auth, createdAt: this.clock.now() },
        update: { memberId, p256dh, auth },
      });
      const kept = await tx.pushSubscription.findMany({
        where: { memberId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: MAX_SUBSCRIPTIONS_PER_MEMBER,
        select: { id: true },
      });
      await tx.pushSubscription.deleteMany({ where: { memberId, id: { notIn: kept.map((row) => row.id) } } });
    });
    return true;
  }

  async unregister(memberId: string, endpoint: string): Promise<boolean> {
    const { count } = await this.prisma.pushSubscription.deleteMany({ where: { memberId, endpoint } });
    return count > 0;
  }

  subscription(id: string) {
    return this.prisma.pushSubscription.findUnique({ where: { id } });
  }

  /** The push service said this browser is gone (404/410), or its endpoint is no longer allowed. */
  async drop(id: string): Promise<void> {
    await this.prisma.pushSubscription.deleteMany({ where: { id } });
  }

  notify(tx: Prisma.TransactionClient, memberIds: readonly string[], notification: MemberNotification, key = `${notification.kind}:${randomUUID()}`): Promise<void> {
    return this.notifyEach(tx, memberIds.map((memberId) => ({ memberId, notification, key })));
  }

  async notifyEach(tx: Prisma.TransactionClient, messages: readonly MemberMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const browsers = await tx.pushSubscription.findMany({
      where: { memberId: { in: [...new Set(messages.map((message) => message.memberId))] } },
      select: { id: true, memberId: true },
    });
    const window = new Date(this.clock.now().getTime() + DELIVERY_WINDOW_MS);
    await this.outbox.enqueueMany(
      tx,
      messages.flatMap(({ memberId, notification, key = `${notification.kind}:${randomUUID()}` }) => {
        const { kind, title, body, path, tag } = notification;
        const expiresAt = notification.expiresAt && notification.expiresAt < window ? notification.expiresAt : window;
        return browsers
          .filter((browser) => browser.memberId === memberId)
          .map((browser) => ({
            channel: 'push',
            kind,
            idempotencyKey: `${key}:push:${browser.id}`,
            payload: { subscriptionId: browser.id, notification: { kind, title, body, path, tag } } satisfies PushNoticePayload,
            expiresAt,
          }));
      }),
    );
  }

  async notifyAboutMatch(
    tx: Prisma.TransactionClient,
    memberIds: readonly string[],
    eventId: string,
    message: (match: MatchFacts, timeZone: string) => MemberNotification,
    key?: string,
  ): Promise<void> {
    if (memberIds.length === 0) return;
    const match = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: MATCH_FACTS });
    await this.notify(tx, memberIds, message(match, this.timeZone), key);
  }

  private async storedKeys(): Promise<{ publicKey: string; privateKey: string }> {
    const existing = await this.prisma.webPushKeys.findUnique({ where: { id: 1 } });
    if (existing) return existing;
    // Two instances at once: one row wins, and both read it.
    await this.prisma.webPushKeys.createMany({ data: [{ id: 1, ...webPush.generateVAPIDKeys() }], skipDuplicates: true });
    return this.prisma.webPushKeys.findUniqueOrThrow({ where: { id: 1 } });
  }
}
