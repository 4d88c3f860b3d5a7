import type { Notice } from '../notifications/outbox.service';
import { chatMessage, clubTime } from '../notifications/chat-message';
import { reminderKey } from './reminder-rules';

// A type, not an interface: it goes into a JSON payload, which needs an implicit index signature.
export type ReminderMember = {
  memberId: string;
  loginId: string;
  name: string;
};

export interface ReminderSummary {
  event: { id: string; title: string; startsAt: Date; address: string; fee: number };
  participantCount: number;
  /** Participants whose payment is UNPAID. */
  unpaid: ReminderMember[];
  /** Participants who say they paid and wait for an admin's confirmation. */
  awaitingConfirmation: ReminderMember[];
  /** Participants whose absence notice waits for review. Their reasons stay in pitchside (private, like payments). */
  pendingAbsences: ReminderMember[];
}

const names = (members: ReminderMember[]) => members.map((m) => `${m.name} (${m.loginId})`).join(', ');

/** The club webhook's reminder of a match, one per event and start, expiring when the match starts. */
export function reminderNotice(summary: ReminderSummary, timeZone: string): Notice {
  const { event } = summary;
  const lines = [
    `Reminder: "${event.title}" starts ${clubTime(event.startsAt, timeZone)} at ${event.address}.`,
    `${summary.participantCount} participant${summary.participantCount === 1 ? '' : 's'}.`,
  ];
  if (event.fee > 0) {
    lines.push(summary.unpaid.length ? `Not paid yet (${summary.unpaid.length}): ${names(summary.unpaid)}` : 'Everyone has paid or said so.');
    if (summary.awaitingConfirmation.length) {
      lines.push(`Waiting for an admin to confirm payment (${summary.awaitingConfirmation.length}): ${names(summary.awaitingConfirmation)}`);
    }
  }
  if (summary.pendingAbsences.length) {
    lines.push(`Absence notices waiting for review (${summary.pendingAbsences.length}): ${names(summary.pendingAbsences)}`);
  }
  return {
    kind: 'reminder',
    idempotencyKey: reminderKey(event),
    expiresAt: event.startsAt,
    payload: {
      ...chatMessage(lines),
      reminder: {
        eventId: event.id,
        title: event.title,
        startsAt: event.startsAt.toISOString(),
        address: event.address,
        participantCount: summary.participantCount,
        unpaid: summary.unpaid,
        awaitingConfirmation: summary.awaitingConfirmation,
        pendingAbsences: summary.pendingAbsences,
      },
    },
  };
}
