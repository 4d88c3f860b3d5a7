import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { uniqueLoginId, signUpAdmin } from '../members/member-fixtures';
import { dataOf } from '../support/graphql-client';
import { ImportMembersDocument } from '../support/operations.generated';
import { ROOT } from '../support/server-process';
import { request } from '../support/tls-client';
import { startTestServer, type TestServer } from '../support/test-server';

/** An answer read as sent (fetch would decompress it and hide the encoding), and decoded. */
async function raw(url: string, init: { method?: string; body?: string; headers?: Record<string, string> }) {
  const answer = await request(url, init);
  const encoding = answer.headers['content-encoding'];
  const decoded = encoding === 'br' ? brotliDecompressSync(answer.wire) : encoding === 'gzip' ? gunzipSync(answer.wire) : answer.wire;
  return { ...answer, body: decoded.toString('utf8') };
}

const DASHBOARD_REPORT = `{ attendanceReport { eventCount members { member { id loginId name status penaltyPoints warningCount standing } stats { joined attended late absent excused attendanceRate } } } members(first: 100) { edges { node { id loginId name phone } } } }`;

describe('compression', () => {
  let server: TestServer;
  let base: string;
  let admin: Awaited<ReturnType<typeof signUpAdmin>>;
  beforeAll(async () => {
    server = await startTestServer();
    base = server.url.replace('/graphql', '');
    admin = await signUpAdmin(server);
    const rows = Array.from({ length: 150 }, (_, i) => ({ loginId: uniqueLoginId(`zip${i}`), name: `회원 ${i}`, phone: '010-2000-3000', gender: 'MALE' as const }));
    dataOf(await server.request(ImportMembersDocument, { rows }, { token: admin.token }));
  });
  afterAll(() => server.stop());

  const graphql = (query: string, acceptEncoding?: string) =>
    raw(server.url, {
      method: 'POST',
      body: JSON.stringify({ query }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
    });

  it('sends a GraphQL answer over 1 KB with brotli or gzip as the client takes it, the same JSON either way', async () => {
    const plain = await graphql(DASHBOARD_REPORT);
    const [brotli, gzip, refused] = await Promise.all([graphql(DASHBOARD_REPORT, 'gzip, deflate, br'), graphql(DASHBOARD_REPORT, 'gzip'), graphql(DASHBOARD_REPORT, 'br;q=0, gzip;q=0')]);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(refused.headers['content-encoding']).toBeUndefined();
    for (const answer of [plain, brotli, gzip, refused]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(answer.headers['content-length'])).toBe(answer.wire.length);
      expect(JSON.parse(answer.body)).toEqual(JSON.parse(plain.body));
    }
    expect(brotli.wire.length).toBeLessThan(plain.wire.length / 5);
    process.stdout.write(`the dashboard's figures for 150 members: ${plain.wire.length} bytes, gzip ${gzip.wire.length}, br ${brotli.wire.length}\n`);
  });

  it('compresses a large answer (past 64 KB, in the thread pool) the same way', async () => {
    const pages = Array.from({ length: 6 }, (_, i) => `p${i}: members(first: 100) { edges { node { id loginId name phone gender role status createdAt } } }`).join(' ');
    const [plain, brotli] = await Promise.all([graphql(`{ ${pages} }`), graphql(`{ ${pages} }`, 'br')]);
    expect(plain.wire.length).toBeGreaterThan(64 * 1024);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotli.body)).toEqual(JSON.parse(plain.body));
  });

  it('sends an answer under 1 KB as it is, still saying it varies by Accept-Encoding', async () => {
    const small = await graphql('{ __typename }', 'gzip, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(small.body)).toEqual({ data: { __typename: 'Query' } });
  });

  it('compresses the CSV exports as they stream', async () => {
    const headers = { authorization: `Bearer ${admin.token}` };
    const [plain, gzip] = await Promise.all([raw(`${base}/exports/members.csv`, { headers }), raw(`${base}/exports/members.csv`, { headers: { ...headers, 'accept-encoding': 'gzip' } })]);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gzip.body).toBe(plain.body);
    expect(plain.body.split('\r\n').length).toBeGreaterThan(150);
    expect(gzip.wire.length).toBeLessThan(plain.wire.length / 3);
  });

  it('serves the pages\' files as compressed once at build: the bytes of the .br and .gz files beside them', async () => {
    const { pages } = JSON.parse(readFileSync(path.join(ROOT, 'dist/web/manifest.json'), 'utf8')) as { pages: Record<string, { script: string; styles: string[] }> };
    for (const [url, file] of [
      [pages.app.script, `dist/web${pages.app.script}`],
      [pages.dashboard.script, `dist/web${pages.dashboard.script}`],
      [pages.app.styles[0], `dist/web${pages.app.styles[0]}`],
      ['/sw.js', 'dist/web/sw.js'],
      ['/playground/graphiql.js', 'dist/vendor/graphiql/graphiql.js'],
    ]) {
      const [brotli, gzip, plain] = await Promise.all([
        raw(`${base}${url}`, { headers: { 'accept-encoding': 'br' } }),
        raw(`${base}${url}`, { headers: { 'accept-encoding': 'gzip' } }),
        raw(`${base}${url}`, {}),
      ]);
      expect(brotli.wire.equals(readFileSync(path.join(ROOT, `${file}.br`)))).toBe(true);
      expect(gzip.wire.equals(readFileSync(path.join(ROOT, `${file}.gz`)))).toBe(true);
      expect(plain.wire.equals(readFileSync(path.join(ROOT, file)))).toBe(true);
      expect(brotli.body).toBe(plain.body);
      expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('compresses the playground page, made per request', async () => {
    const page = await raw(server.url, { headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.body).toMatch(/<html/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });
});
