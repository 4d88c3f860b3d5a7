import { Client, Status } from '@googlemaps/google-maps-services-js';
import axios, { isAxiosError } from 'axios';
import { GeocodingError, type Geocoder } from './geocoder';
import type { Coordinates } from './haversine';

export interface GoogleGeocoderSettings {
  apiKey: string;
  /** Google's endpoint unless set (a stand-in server in tests). */
  url: string | undefined;
  timeoutMs: number;
}

/** Google's Geocoding API through @googlemaps/google-maps-services-js. */
export class GoogleGeocoder implements Geocoder {
  readonly provider = 'google';
  // A plain axios instance: the library's default one retries with backoff, past our timeout.
  private readonly client = new Client({ axiosInstance: axios.create() });

  constructor(private readonly settings: GoogleGeocoderSettings) {}

  async geocode(address: string): Promise<Coordinates> {
    let data;
    try {
      const response = await this.client.geocode({
        params: { address, key: this.settings.apiKey },
        timeout: this.settings.timeoutMs,
        ...(this.settings.url ? { url: this.settings.url } : {}),
      });
      data = response.data;
    } catch (error) {
      // Google answers a denied key or spent quota with 200 and a status, but a 4xx/5xx with one too.
      const status = isAxiosError(error) ? (error.response?.data as { status?: string } | undefined)?.status : undefined;
      if (status === Status.ZERO_RESULTS) throw new GeocodingError('ADDRESS_NOT_FOUND', 'Google found no place');
      throw new GeocodingError('UNAVAILABLE', `Google geocoding failed: ${describe(error)}`);
    }
    if (data.status === Status.ZERO_RESULTS || data.status === Status.INVALID_REQUEST) {
      throw new GeocodingError('ADDRESS_NOT_FOUND', `Google answered ${data.status}`);
    }
    if (data.status !== Status.OK) {
      throw new GeocodingError('UNAVAILABLE', `Google answered ${data.status}: ${data.error_message ?? ''}`.trim());
    }
    if (data.results.length !== 1) {
      throw new GeocodingError('ADDRESS_NOT_FOUND', `Google found ${data.results.length} places`);
    }
    const { lat, lng } = data.results[0].geometry.location;
    return { latitude: lat, longitude: lng };
  }
}

function describe(error: unknown): string {
  if (isAxiosError(error)) return error.response ? `HTTP ${error.response.status}` : (error.code ?? error.message);
  return error instanceof Error ? error.message : String(error);
}
