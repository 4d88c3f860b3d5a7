import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stand-ins for Google's and Naver's geocoding endpoints, on loopback, answering in each
 * provider's own JSON. The address asked for picks the answer: any address containing
 * "nowhere" has no result, "ambiguous" two, "denied" a refused key, "quota" a spent quota,
 * "broken" an HTTP 500, "hang" no answer at all; anything else one place.
 */
export interface GeocoderStandIn {
  url: string;
  requests: { address: string; headers: IncomingMessage['headers']; query: URLSearchParams }[];
  /** Where the stand-in puts a single result. */
  place: { latitude: number; longitude: number };
  close(): Promise<void>;
}

type Scenario = 'one' | 'none' | 'several' | 'denied' | 'quota' | 'broken' | 'hang';

function scenarioOf(address: string): Scenario {
  for (const [word, scenario] of [
    ['nowhere', 'none'],
    ['ambiguous', 'several'],
    ['denied', 'denied'],
    ['quota', 'quota'],
    ['broken', 'broken'],
    ['hang', 'hang'],
  ] as const) {
    if (address.toLowerCase().includes(word)) return scenario;
  }
  return 'one';
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(body));
}

const PLACE = { latitude: 37.568256, longitude: 126.897240 };

function googleResult(latitude: number, longitude: number, name: string) {
  return {
    address_components: [{ long_name: name, short_name: name, types: ['premise'] }],
    formatted_address: `${name}, Seoul, South Korea`,
    geometry: { location: { lat: latitude, lng: longitude }, location_type: 'ROOFTOP' },
    place_id: `place-${name}`,
    types: ['stadium'],
  };
}

const googleAnswers: Record<Exclude<Scenario, 'hang'>, [number, unknown]> = {
  one: [200, { results: [googleResult(PLACE.latitude, PLACE.longitude, 'World Cup Stadium')], status: 'OK' }],
  none: [200, { results: [], status: 'ZERO_RESULTS' }],
  several: [200, { results: [googleResult(37.5, 127.0, 'Pitch A'), googleResult(35.1, 129.0, 'Pitch B')], status: 'OK' }],
  denied: [200, { error_message: 'The provided API key is invalid.', results: [], status: 'REQUEST_DENIED' }],
  quota: [200, { error_message: 'You have exceeded your daily request quota for this API.', results: [], status: 'OVER_QUERY_LIMIT' }],
  broken: [500, { error_message: 'Internal error', results: [], status: 'UNKNOWN_ERROR' }],
};

function naverAddress(latitude: number, longitude: number, name: string) {
  return {
    roadAddress: `서울특별시 마포구 ${name}`,
    jibunAddress: `서울특별시 마포구 성산동 ${name}`,
    englishAddress: `${name}, Mapo-gu, Seoul, Republic of Korea`,
    addressElements: [],
    x: String(longitude),
    y: String(latitude),
    distance: 0.0,
  };
}

const naverAnswers: Record<Exclude<Scenario, 'hang'>, [number, unknown]> = {
  one: [200, { status: 'OK', meta: { totalCount: 1, page: 1, count: 1 }, addresses: [naverAddress(PLACE.latitude, PLACE.longitude, '월드컵로 240')], errorMessage: '' }],
  none: [200, { status: 'OK', meta: { totalCount: 0, page: 1, count: 0 }, addresses: [], errorMessage: '' }],
  several: [
    200,
    { status: 'OK', meta: { totalCount: 2, page: 1, count: 2 }, addresses: [naverAddress(37.5, 127.0, '1'), naverAddress(35.1, 129.0, '2')], errorMessage: '' },
  ],
  denied: [401, { error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' } }],
  quota: [429, { error: { errorCode: '429', message: 'Quota Exceeded', details: 'Quota Exceeded.' } }],
  broken: [500, { error: { errorCode: '500', message: 'Internal Server Error', details: 'Unexpected error.' } }],
};

export async function startGeocoderStandIn(provider: 'google' | 'naver'): Promise<GeocoderStandIn> {
  const requests: GeocoderStandIn['requests'] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const address = url.searchParams.get(provider === 'google' ? 'address' : 'query') ?? '';
    requests.push({ address, headers: request.headers, query: url.searchParams });
    const scenario = scenarioOf(address);
    if (scenario === 'hang') {
      hanging.add(response);
      return;
    }
    const [status, body] = (provider === 'google' ? googleAnswers : naverAnswers)[scenario];
    sendJson(response, status, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${provider === 'google' ? 'maps/api/geocode/json' : 'map-geocode/v2/geocode'}`,
    requests,
    place: PLACE,
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
