import type { GeocoderSettings } from '../config/config';
import { CachingGeocoder, type Geocoder } from './geocoder';
import { GoogleGeocoder } from './google-geocoder';
import { NaverGeocoder } from './naver-geocoder';

/** The configured provider behind the address cache; undefined when none is configured. */
export function createGeocoder(settings: GeocoderSettings | undefined): Geocoder | undefined {
  if (!settings) return undefined;
  const provider = settings.provider === 'google' ? new GoogleGeocoder(settings) : new NaverGeocoder(settings);
  return new CachingGeocoder(provider, settings.cacheSize);
}
