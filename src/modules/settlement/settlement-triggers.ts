/**
 * What the events service tells settlement about an event's end: all it depends on. The database
 * stays the truth; the jobs behind these are only triggers.
 */
export interface SettlementTriggers {
  schedule(event: { id: string; endsAt: Date }): void;
  cancel(eventId: string): void;
}
