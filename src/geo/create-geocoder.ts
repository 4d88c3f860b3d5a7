import type { GeocoderSettings } from '../config/config';
import type { Metrics } from '../observability/metrics';
import { CachingGeocoder, MeteredGeocoder, type Geocoder } from './geocoder';
import { GoogleGeocoder } from './google-geocoder';
import { NaverGeocoder } from './naver-geocoder';

/** The configured provider, metered, behind the address cache; undefined when none is configured. */
export function createGeocoder(settings: GeocoderSettings | undefined, metrics: Metrics): Geocoder | undefined {
  if (!settings) return undefined;
  const provider = settings.provider === 'google' ? new GoogleGeocoder(settings) : new NaverGeocoder(settings);
  const metered = new MeteredGeocoder(provider, (outcome) => metrics.geocoderRequests.inc({ provider: provider.provider, outcome }));
  return new CachingGeocoder(metered, settings.cacheSize);
}
