import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export const PARTICIPATION_CHANGED = /* GraphQL */ `
  subscription Live($eventId: ID!) {
    participationChanged(eventId: $eventId) {
      id
      attendance
      checkInDistanceMeters
      payment
      member { id }
      absenceNotice { status }
    }
  }
`;

export interface ParticipationChange {
  id: string;
  attendance: string;
  checkInDistanceMeters: number | null;
  payment: string | null;
  member: { id: string };
  absenceNotice: { status: string } | null;
}

/** What one subscription has received so far: changes, the errors it ended with, whether it completed. */
export interface Received<T> {
  values: T[];
  errors: { message: string; extensions?: { code?: string } }[] | null;
  completed: boolean;
  /** Resolves once the server has acknowledged nothing yet but the subscribe message is on its way. */
  dispose: () => void;
}

/** A graphql-ws client on the server's /graphql socket, as the app's pages use it (no retries: tests see each close). */
export function liveClient(httpUrl: string, token: string | null, onClosed?: (code: number, reason: string) => void): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    lazy: false,
    retryAttempts: 0,
    on: { closed: (event) => onClosed?.((event as { code: number }).code, (event as { reason: string }).reason) },
  });
}

/** Subscribes and collects what arrives. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown>, pick: (data: Record<string, unknown>) => T): Received<T> {
  const received: Received<T> = { values: [], errors: null, completed: false, dispose: () => undefined };
  received.dispose = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) received.errors = result.errors as Received<T>['errors'];
        else received.values.push(pick(result.data as Record<string, unknown>));
      },
      error: (error) => {
        received.errors = Array.isArray(error) ? error : [{ message: String((error as Error)?.message ?? error) }];
      },
      complete: () => {
        received.completed = true;
      },
    },
  );
  return received;
}

export const participationChanges = (client: Client, eventId: string) =>
  collect<ParticipationChange>(client, PARTICIPATION_CHANGED, { eventId }, (data) => data.participationChanged as ParticipationChange);
