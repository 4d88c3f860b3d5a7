/** The reminder rule of api-rules.md ("Reminders"): when an event's reminder is due, and which one it is. */
export class ReminderTiming {
  constructor(private readonly minutesBefore: number) {}

  remindAt(startsAt: Date): Date {
    return new Date(startsAt.getTime() - this.minutesBefore * 60_000);
  }

  /** From its time until the start; a reminder whose time passed while no server ran is still sent before the start, never after. */
  isDue(startsAt: Date, now: Date): boolean {
    return this.remindAt(startsAt).getTime() <= now.getTime() && now.getTime() < startsAt.getTime();
  }

  /** The window of starts whose reminder is due at `now`: (now, now + lead]. */
  dueStarts(now: Date): { after: Date; upTo: Date } {
    return { after: now, upTo: new Date(now.getTime() + this.minutesBefore * 60_000) };
  }
}

/**
 * One reminder per event and start: its outbox key. A moved event has a new start, so a new key
 * and a reminder of its own; the unique key is what makes a reminder exactly-once across instances.
 */
export const reminderKeyPrefix = (eventId: string) => `reminder:${eventId}:`;
export const reminderKey = (event: { id: string; startsAt: Date }) => `${reminderKeyPrefix(event.id)}${event.startsAt.toISOString()}`;
