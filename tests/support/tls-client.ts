import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import tls from 'node:tls';
import type { GraphQLErrorBody, GraphQLResponse } from './graphql-client';

/**
 * Requests to a server whose certificate the test made itself (fetch cannot be given a CA), from a
 * chosen local address: Linux answers on every 127.x.y.z, so each test client can be its own address.
 */
export interface ClientOptions {
  ca?: string;
  localAddress?: string;
  headers?: Record<string, string>;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body's bytes as they came over the wire (still compressed, when the answer is). */
  wire: Buffer;
}

export function request(url: string, init: { method?: string; body?: string } & ClientOptions = {}): Promise<RawResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      target,
      { method: init.method ?? 'GET', headers: init.headers, ca: init.ca, localAddress: init.localAddress, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const wire = Buffer.concat(chunks);
          resolve({ status: response.statusCode!, headers: response.headers, body: wire.toString('utf8'), wire });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

export function graphqlBody<TData, TVariables>(document: TypedDocumentNode<TData, TVariables> | string, variables?: TVariables): string {
  return JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables });
}

/** graphqlRequest's answer shape, over node:https. */
export async function graphqlOver<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables?: TVariables,
  options: ClientOptions & { token?: string } = {},
): Promise<GraphQLResponse<TData> & { raw: RawResponse }> {
  const raw = await request(url, {
    ...options,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    body: graphqlBody(document, variables),
  });
  const body = JSON.parse(raw.body) as { data?: TData | null; errors?: GraphQLErrorBody[] };
  const headers = new Headers(Object.entries(raw.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)] as [string, string]])));
  return { status: raw.status, headers, raw, ...body };
}

/** One request over HTTP/2 (ALPN h2), as browsers speak to the edge. */
export function http2Request(
  origin: string,
  path: string,
  init: { method?: string; body?: string; ca: string; localAddress?: string; headers?: Record<string, string> },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // The TLS socket takes net's options; http2's types do not list localAddress.
    const session = http2.connect(origin, { ca: init.ca, localAddress: init.localAddress } as http2.SecureClientSessionOptions);
    session.on('error', reject);
    const stream = session.request({ ':method': init.method ?? 'GET', ':path': path, ...init.headers });
    const chunks: Buffer[] = [];
    let head: http2.IncomingHttpHeaders & http2.IncomingHttpStatusHeader = {};
    stream.on('response', (headers) => (head = headers));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      session.close();
      const { ':status': status, ...headers } = head;
      const wire = Buffer.concat(chunks);
      resolve({ status: Number(status), headers: headers as http.IncomingHttpHeaders, body: wire.toString('utf8'), wire });
    });
    stream.on('error', reject);
    stream.end(init.body);
  });
}

/** A bare TLS handshake: the protocol and ALPN the server agreed to, or the error it answered with. */
export function handshake(
  port: number,
  options: { minVersion: tls.SecureVersion; maxVersion: tls.SecureVersion; ca: string; alpn?: string[] },
): Promise<{ protocol: string | null; alpn: string | false | null } | { error: string }> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port,
      servername: 'localhost',
      ca: options.ca,
      minVersion: options.minVersion,
      maxVersion: options.maxVersion,
      // OpenSSL 3's default security level forbids TLS 1.0 and 1.1 in the client itself; level 0
      // lets this client offer them, so that a refusal is the server's.
      ciphers: 'DEFAULT:@SECLEVEL=0',
      ALPNProtocols: options.alpn,
    });
    socket.once('secureConnect', () => {
      resolve({ protocol: socket.getProtocol(), alpn: socket.alpnProtocol ?? null });
      socket.end();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
  });
}
