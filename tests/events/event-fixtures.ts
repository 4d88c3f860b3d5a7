import { dataOf } from '../support/graphql-client';
import { AddParticipantsDocument, CreateEventDocument, type CreateEventInput } from '../support/operations.generated';
import { MINUTE } from '../support/clock';
import type { TestServer } from '../support/test-server';

/** The pitch the fixtures play at: Seoul World Cup Stadium. */
export const PITCH = { latitude: 37.568256, longitude: 126.89724 };

export { MINUTE };

/** An event starting `startsInMinutes` after the server's clock, lasting two hours, at PITCH. */
export function eventInput(server: TestServer, overrides: Partial<CreateEventInput> & { startsInMinutes?: number } = {}): CreateEventInput {
  const { startsInMinutes = 24 * 60, ...rest } = overrides;
  const startsAt = new Date(server.clock.now().getTime() + startsInMinutes * MINUTE);
  return {
    title: 'Sunday league',
    address: 'Seoul World Cup Stadium, 240 World Cup-ro, Mapo-gu',
    audience: 'ALL',
    fee: 5000,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 120 * MINUTE).toISOString(),
    ...PITCH,
    ...rest,
  };
}

export async function createEvent(
  server: TestServer,
  adminToken: string,
  overrides: Partial<CreateEventInput> & { startsInMinutes?: number } = {},
) {
  const { createEvent } = dataOf(await server.request(CreateEventDocument, { input: eventInput(server, overrides) }, { token: adminToken }));
  return createEvent;
}

export async function addParticipants(server: TestServer, adminToken: string, eventId: string, memberIds: string[]) {
  return dataOf(await server.request(AddParticipantsDocument, { eventId, memberIds }, { token: adminToken })).addParticipants;
}
