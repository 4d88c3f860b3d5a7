import type { Coordinates } from './haversine';

/**
 * Why an address has no coordinates: the provider found no single place for it (the caller's
 * problem: ADDRESS_NOT_FOUND), or the provider could not answer (GEOCODING_UNAVAILABLE).
 */
export class GeocodingError extends Error {
  constructor(
    readonly kind: 'ADDRESS_NOT_FOUND' | 'UNAVAILABLE',
    message: string,
  ) {
    super(message);
    this.name = 'GeocodingError';
  }
}

/** Turns an address into the coordinates of the one place it names, or throws a GeocodingError. */
export interface Geocoder {
  readonly provider: string;
  geocode(address: string): Promise<Coordinates>;
}

/** Addresses that differ only in case and spacing are one address. */
export function normalizeAddress(address: string): string {
  return address.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Remembers the answers for the most recently used addresses (a bounded LRU): a club plays at the
 * same few pitches, and every lookup costs quota. Failures are not remembered.
 */
export class CachingGeocoder implements Geocoder {
  private readonly cache = new Map<string, Coordinates>();

  constructor(
    private readonly inner: Geocoder,
    private readonly capacity: number,
  ) {}

  get provider(): string {
    return this.inner.provider;
  }

  async geocode(address: string): Promise<Coordinates> {
    const key = normalizeAddress(address);
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const found = await this.inner.geocode(address);
    if (this.capacity > 0) {
      this.cache.set(key, found);
      if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    }
    return found;
  }
}

/** Counts each lookup that reaches the provider, by outcome (metrics: geocoder calls and failures). */
export class MeteredGeocoder implements Geocoder {
  constructor(
    private readonly inner: Geocoder,
    private readonly record: (outcome: 'ok' | 'address_not_found' | 'unavailable') => void,
  ) {}

  get provider(): string {
    return this.inner.provider;
  }

  async geocode(address: string): Promise<Coordinates> {
    try {
      const found = await this.inner.geocode(address);
      this.record('ok');
      return found;
    } catch (error) {
      this.record(error instanceof GeocodingError && error.kind === 'ADDRESS_NOT_FOUND' ? 'address_not_found' : 'unavailable');
      throw error;
    }
  }
}
