import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DomainError, ErrorCode } from '../../errors/errors';

/** Longer than any push service's endpoint (FCM's, Mozilla's and Apple's are under 300 characters). */
const MAX_ENDPOINT_LENGTH = 2048;

/** `unresolved`: the name did not resolve right now, which at send time is worth trying again. */
const refused = (why: string, unresolved = false) =>
  new DomainError(ErrorCode.PUSH_ENDPOINT_REFUSED, `This push endpoint cannot be used: ${why}.`, { field: 'endpoint', ...(unresolved ? { unresolved } : {}) });

/** Whether a refusal was only that the host did not resolve (DNS down), not that it is not public. */
export const isUnresolved = (error: unknown) => error instanceof DomainError && error.details.unresolved === true;

/**
 * Whether an address is one the wider internet reaches: not loopback, private, carrier-grade NAT,
 * link-local (the cloud metadata address among them), unique-local, multicast, reserved or
 * unspecified. IPv4 mapped into IPv6 is judged as the IPv4 address it is.
 */
export function isPublicAddress(address: string): boolean {
  try {
    return ipaddr.process(address).range() === 'unicast';
  } catch {
    return false;
  }
}

/** The one exception, for tests only: WEB_PUSH_ALLOW_LOCAL_ENDPOINTS admits a stand-in on http://127.0.0.1. */
const isAdmittedLocal = (url: URL, allowLocal: boolean) => allowLocal && url.protocol === 'http:' && url.hostname === '127.0.0.1';

/**
 * The rule for a push endpoint (api-rules.md, "Push notifications"): an https URL without
 * credentials whose host resolves only to public addresses. Checked when a browser registers and
 * again on every send, where `publicOnlyLookup` also holds the connection to what was checked.
 */
export async function checkPushEndpoint(endpoint: string, allowLocal: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw refused('it is not a URL');
  }
  if (endpoint.length > MAX_ENDPOINT_LENGTH) throw refused('it is too long');
  if (isAdmittedLocal(url, allowLocal)) return url;
  if (url.protocol !== 'https:') throw refused('it must be an https URL');
  if (url.username || url.password) throw refused('it must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : await new Promise<string[]>((resolve, reject) =>
        lookup(host, { all: true, verbatim: true }, (error, found) => (error ? reject(refused('its host does not resolve', true)) : resolve(found.map((entry) => entry.address)))),
      );
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) throw refused('its host is not a public address');
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for the sending connection: the name is resolved once more and the connection goes
 * only to a public address (a name that now resolves elsewhere, DNS rebinding, fails the send).
 */
export function publicOnlyLookup(allowLocal: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const allowed = addresses.filter((entry) => isPublicAddress(entry.address) || (allowLocal && entry.address === '127.0.0.1'));
      if (allowed.length === 0 || allowed.length !== addresses.length) {
        return callback(Object.assign(new Error(`${hostname} does not resolve only to public addresses`), { code: 'EPUSHREFUSED' }), []);
      }
      if (options.all) callback(null, allowed);
      else callback(null, allowed[0].address, allowed[0].family);
    });
  };
}
