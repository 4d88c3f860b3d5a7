import type { Event } from '../../generated/prisma/client';
import { chatMessage, clubTime } from '../notifications/chat-message';
import type { Notice } from '../notifications/outbox.service';

export interface SettlementSummary {
  event: { id: string; title: string; startsAt: Date; endsAt: Date; settledAt: Date };
  penalties: { memberId: string; loginId: string; name: string; reason: string; points: number }[];
}

/** One message that a Discord (`content`) and a Slack (`text`) incoming webhook both accept. */
export function webhookPayload(summary: SettlementSummary, timeZone: string) {
  const lines = summary.penalties.length
    ? summary.penalties.map((p) => `• ${p.name} (${p.loginId}): ${p.reason.toLowerCase()}, ${p.points} point${p.points === 1 ? '' : 's'}`)
    : ['No penalties.'];
  return {
    ...chatMessage([`Settled "${summary.event.title}" (${clubTime(summary.event.startsAt, timeZone)}).`, ...lines]),
    settlement: {
      eventId: summary.event.id,
      title: summary.event.title,
      settledAt: summary.event.settledAt.toISOString(),
      penalties: summary.penalties,
    },
  };
}

/** The club webhook's notice of a settlement: one per event, whatever retries it takes. */
export function settlementNotice(
  event: Event,
  penalties: { memberId: string; reason: string; points: number }[],
  members: { id: string; loginId: string; name: string }[],
  timeZone: string,
): Notice {
  const byId = new Map(members.map((member) => [member.id, member]));
  const summary: SettlementSummary = {
    event: { id: event.id, title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, settledAt: event.settledAt! },
    penalties: penalties.map((p) => ({ ...p, loginId: byId.get(p.memberId)?.loginId ?? '', name: byId.get(p.memberId)?.name ?? '' })),
  };
  return { kind: 'settlement', idempotencyKey: `settlement:${event.id}`, payload: webhookPayload(summary, timeZone) };
}
