import { createEvent, eventInput } from './event-fixtures';
import { signUpAdmin, type SignedUpMember } from '../members/member-fixtures';
import { freePort } from '../support/server-process';
import { startGeocoderStandIn, type GeocoderStandIn } from '../support/geocoder-stand-in';
import { dataOf, errorOf } from '../support/graphql-client';
import { CreateEventDocument, UpdateEventDocument } from '../support/operations.generated';
import { startTestServer, type TestServer } from '../support/test-server';

const PROVIDERS = ['google', 'naver'] as const;

function geocoderEnv(provider: 'google' | 'naver', url: string): Record<string, string> {
  return provider === 'google'
    ? { GOOGLE_MAPS_API_KEY: 'test-google-key', GOOGLE_MAPS_GEOCODE_URL: url, GEOCODER_TIMEOUT_MS: '300' }
    : { NAVER_MAP_CLIENT_ID: 'test-naver-id', NAVER_MAP_CLIENT_SECRET: 'test-naver-secret', NAVER_MAP_GEOCODE_URL: url, GEOCODER_TIMEOUT_MS: '300' };
}

describe.each(PROVIDERS)(
  'geocoding with the %s geocoder',
  (provider) => {
    let standIn: GeocoderStandIn;
    let server: TestServer;
    let admin: SignedUpMember;
    beforeAll(async () => {
      standIn = await startGeocoderStandIn(provider);
      server = await startTestServer({ env: geocoderEnv(provider, standIn.url) });
      admin = await signUpAdmin(server);
    });
    afterAll(async () => {
      await server.stop();
      await standIn.close();
    });

    const withoutCoordinates = (address: string) => ({ ...eventInput(server, { address }), latitude: undefined, longitude: undefined });
    const eventCount = () => server.app.database.prisma.event.count();

    it("stores the one place the geocoder finds, asking with the club's credentials", async () => {
      const { createEvent: event } = dataOf(
        await server.request(CreateEventDocument, { input: withoutCoordinates('Seoul World Cup Stadium') }, { token: admin.token }),
      );
      expect(event).toMatchObject(standIn.place);
      const request = standIn.requests.at(-1)!;
      expect(request.address).toBe('Seoul World Cup Stadium');
      if (provider === 'google') expect(request.query.get('key')).toBe('test-google-key');
      else expect(request.headers).toMatchObject({ 'x-ncp-apigw-api-key-id': 'test-naver-id', 'x-ncp-apigw-api-key': 'test-naver-secret' });
    });

    it.each([
      ['no result', 'nowhere 1', 'ADDRESS_NOT_FOUND'],
      ['several results', 'ambiguous field', 'ADDRESS_NOT_FOUND'],
      ['a denied key', 'denied park', 'GEOCODING_UNAVAILABLE'],
      ['a spent quota', 'quota ground', 'GEOCODING_UNAVAILABLE'],
      ['an HTTP 500', 'broken pitch', 'GEOCODING_UNAVAILABLE'],
      ['no answer within the timeout', 'hang on', 'GEOCODING_UNAVAILABLE'],
    ])('maps %s to %s and saves nothing', async (_case, address, code) => {
      const before = await eventCount();
      const error = errorOf(await server.request(CreateEventDocument, { input: withoutCoordinates(address) }, { token: admin.token }));
      expect(error.extensions?.code).toBe(code);
      expect(error.message).not.toMatch(/key|quota|500|timeout|axios|fetch/i);
      expect(await eventCount()).toBe(before);
    });

    it('asks once per address, however it is spaced or cased, and never when coordinates are given', async () => {
      const asked = () => standIn.requests.filter((r) => r.address.toLowerCase().includes('mangwon park')).length;
      dataOf(await server.request(CreateEventDocument, { input: withoutCoordinates('Mangwon Park Pitch 3') }, { token: admin.token }));
      dataOf(await server.request(CreateEventDocument, { input: withoutCoordinates('  mangwon   PARK pitch 3 ') }, { token: admin.token }));
      await createEvent(server, admin.token, { address: 'Mangwon Park Pitch 9' });
      expect(asked()).toBe(1);
    });

    it('re-geocodes when updateEvent changes the address without coordinates, and only then', async () => {
      const event = await createEvent(server, admin.token, { address: 'Old ground', latitude: 35.1, longitude: 129.0 });
      const requestsBefore = standIn.requests.length;
      const moved = dataOf(await server.request(UpdateEventDocument, { id: event.id, input: { address: 'New ground' } }, { token: admin.token }));
      expect(moved.updateEvent).toMatchObject({ address: 'New ground', ...standIn.place });
      expect(standIn.requests.length).toBe(requestsBefore + 1);

      const given = dataOf(
        await server.request(UpdateEventDocument, { id: event.id, input: { address: 'Third ground', latitude: 33.5, longitude: 126.5 } }, { token: admin.token }),
      );
      expect(given.updateEvent).toMatchObject({ latitude: 33.5, longitude: 126.5 });
      dataOf(await server.request(UpdateEventDocument, { id: event.id, input: { title: 'Same place' } }, { token: admin.token }));
      expect(standIn.requests.length).toBe(requestsBefore + 1);

      const failed = errorOf(await server.request(UpdateEventDocument, { id: event.id, input: { address: 'nowhere at all' } }, { token: admin.token }));
      expect(failed.extensions?.code).toBe('ADDRESS_NOT_FOUND');
      const unchanged = await server.app.database.prisma.event.findUniqueOrThrow({ where: { id: event.id } });
      expect(unchanged).toMatchObject({ address: 'Third ground', latitude: 33.5, longitude: 126.5 });
    });
  },
);

describe('a geocoder that cannot be reached', () => {
  it('answers GEOCODING_UNAVAILABLE', async () => {
    const port = await freePort();
    const server = await startTestServer({
      env: { GOOGLE_MAPS_API_KEY: 'k', GOOGLE_MAPS_GEOCODE_URL: `http://127.0.0.1:${port}/geocode/json` },
    });
    try {
      const admin = await signUpAdmin(server);
      const input = { ...eventInput(server), latitude: undefined, longitude: undefined };
      expect(errorOf(await server.request(CreateEventDocument, { input }, { token: admin.token })).extensions?.code).toBe(
        'GEOCODING_UNAVAILABLE',
      );
    } finally {
      await server.stop();
    }
  });
});
