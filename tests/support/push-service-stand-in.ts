import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// http_ece is what web-push encrypts with; here it decrypts, as a browser would.
import ece from 'http_ece';

/** What a browser holds for one push subscription: its key pair and auth secret, and what it registers. */
export interface FakeBrowser {
  endpoint: string;
  p256dh: string;
  auth: string;
  ecdh: ECDH;
  authSecret: Buffer;
}

/** One request the stand-in received, with the VAPID JWT's claims once checked. */
export interface PushRequest {
  /** Date.now() when it arrived. */
  receivedAt: number;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface DecryptedPush {
  title: string;
  body: string;
  path: string;
  tag: string;
  kind: string;
}

/**
 * A push service on 127.0.0.1, as FCM or Mozilla's autopush answer: each POST to /push/<id> is
 * kept, and answered as `answer` says (201 Created by default; a test may hold it, say 410 or 429).
 */
export async function startPushServiceStandIn() {
  const received: PushRequest[] = [];
  let answer: (request: PushRequest, response: ServerResponse) => void = (_request, response) => response.writeHead(201).end();
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const pushRequest = { receivedAt: Date.now(), path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks) };
    received.push(pushRequest);
    answer(pushRequest, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browsers = 0;
  return {
    origin,
    received,
    /** How the next requests are answered. */
    answerWith(next: typeof answer) {
      answer = next;
    },
    /** A new browser whose endpoint is this stand-in. */
    browser(): FakeBrowser {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      browsers += 1;
      return {
        endpoint: `${origin}/push/${browsers}-${randomBytes(4).toString('hex')}`,
        p256dh: ecdh.getPublicKey().toString('base64url'),
        auth: authSecret.toString('base64url'),
        ecdh,
        authSecret,
      };
    },
    /** The requests that went to one browser. */
    for(browser: FakeBrowser): PushRequest[] {
      return received.filter((request) => `${origin}${request.path}` === browser.endpoint);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The payload as the browser would read it: aes128gcm, decrypted with its private key and auth secret. */
export function decryptPush(request: PushRequest, browser: FakeBrowser): DecryptedPush {
  expect(request.headers['content-encoding']).toBe('aes128gcm');
  const plain = ece.decrypt(request.body, { version: 'aes128gcm', privateKey: browser.ecdh, authSecret: browser.authSecret });
  return JSON.parse(plain.toString('utf8'));
}

/**
 * Checks the request's VAPID authorization as a push service does (RFC 8292): `vapid t=<JWT>,
 * k=<public key>`, the JWT signed ES256 by that key, its audience the endpoint's origin, its expiry
 * within 24 hours. Answers the key and the claims.
 */
export function checkVapid(request: PushRequest, origin: string): { publicKey: string; claims: { aud: string; exp: number; sub: string } } {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(String(request.headers.authorization));
  if (!match) throw new Error(`not a VAPID authorization: ${request.headers.authorization}`);
  const [, jwt, publicKey] = match;
  const [header, payload, signature] = jwt.split('.');
  expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'ES256' });
  const point = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const valid = verify('sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  expect(valid).toBe(true);
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  expect(claims.aud).toBe(origin);
  const now = Date.now() / 1000;
  expect(claims.exp).toBeGreaterThan(now);
  expect(claims.exp).toBeLessThanOrEqual(now + 24 * 3600);
  return { publicKey, claims };
}
