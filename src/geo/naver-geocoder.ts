import { GeocodingError, type Geocoder } from './geocoder';
import type { Coordinates } from './haversine';

export const NAVER_GEOCODE_URL = 'https://naveropenapi.apigw.ntruss.com/map-geocode/v2/geocode';

export interface NaverGeocoderSettings {
  clientId: string;
  clientSecret: string;
  /** Naver's endpoint unless set (a stand-in server in tests). */
  url: string | undefined;
  timeoutMs: number;
}

/** The shape of Naver's answer that this reads; x is longitude and y latitude, both strings. */
interface NaverGeocodeResponse {
  status?: string;
  addresses?: { x: string; y: string }[];
  errorMessage?: string;
  error?: { errorCode?: string; message?: string };
}

/** Naver Maps' Geocoding API (NAVER Cloud Platform), better than Google for Korean addresses. */
export class NaverGeocoder implements Geocoder {
  readonly provider = 'naver';

  constructor(private readonly settings: NaverGeocoderSettings) {}

  async geocode(address: string): Promise<Coordinates> {
    const url = new URL(this.settings.url ?? NAVER_GEOCODE_URL);
    url.searchParams.set('query', address);
    let response: Response;
    let body: NaverGeocodeResponse;
    try {
      response = await fetch(url, {
        headers: {
          accept: 'application/json',
          'x-ncp-apigw-api-key-id': this.settings.clientId,
          'x-ncp-apigw-api-key': this.settings.clientSecret,
        },
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      body = (await response.json()) as NaverGeocodeResponse;
    } catch (error) {
      throw new GeocodingError('UNAVAILABLE', `Naver geocoding failed: ${error instanceof Error ? error.name : error}`);
    }
    if (!response.ok) {
      const detail = body.error ? `${body.error.errorCode} ${body.error.message}` : body.errorMessage;
      throw new GeocodingError('UNAVAILABLE', `Naver answered HTTP ${response.status}: ${detail ?? ''}`.trim());
    }
    if (body.status === 'INVALID_REQUEST') throw new GeocodingError('ADDRESS_NOT_FOUND', 'Naver refused the query');
    if (body.status !== 'OK') throw new GeocodingError('UNAVAILABLE', `Naver answered ${body.status}: ${body.errorMessage ?? ''}`);
    const addresses = body.addresses ?? [];
    if (addresses.length !== 1) throw new GeocodingError('ADDRESS_NOT_FOUND', `Naver found ${addresses.length} places`);
    const latitude = Number(addresses[0].y);
    const longitude = Number(addresses[0].x);
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) {
      throw new GeocodingError('UNAVAILABLE', 'Naver answered coordinates that are not numbers');
    }
    return { latitude, longitude };
  }
}
