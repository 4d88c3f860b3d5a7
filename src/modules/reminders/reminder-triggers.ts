import type { Prisma } from '../../generated/prisma/client';

/**
 * What the events service tells reminders about an event's start: all it depends on. The
 * database stays the truth; the jobs behind these are only triggers.
 */
export interface ReminderTriggers {
  schedule(event: { id: string; startsAt: Date }): void;
  cancel(eventId: string): void;
  /** In the transaction that moves or deletes the event: its reminder, if written and not yet delivered, goes. */
  withdraw(tx: Prisma.TransactionClient, eventId: string): Promise<unknown>;
}

/** Reminders are off (MATCH_REMINDER_MINUTES=0, or no club webhook to send them to). */
export const noReminders: ReminderTriggers = {
  schedule: () => undefined,
  cancel: () => undefined,
  withdraw: async () => 0,
};
