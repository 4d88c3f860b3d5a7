import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { getIntrospectionQuery } from 'graphql';
import { signUpMember } from '../members/member-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The checks of the public GraphQL security scanners (graphql-cop's list, and the character and
 * debug checks of others), sent as they send them: JSON POSTs with no preflight header, a plain
 * GET, form and text bodies. Each check answers what it found, or null. The scan runs against
 * pitchside anonymously and as a member and must find nothing; against a GraphQL server left as
 * its library makes it, it must find what that server allows, or the scan proves nothing.
 */
interface Target {
  url: string;
  token?: string;
}

interface Answer {
  status: number;
  text: string;
  json: unknown;
}

type Json = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> };

async function send(target: Target, init: { method?: string; body?: string; contentType?: string; path?: string; query?: string } = {}): Promise<Answer> {
  const url = new URL(init.path ?? target.url, target.url);
  if (init.query !== undefined) url.searchParams.set('query', init.query);
  const response = await fetch(url, {
    method: init.method ?? 'POST',
    headers: {
      accept: '*/*',
      ...(init.contentType ? { 'content-type': init.contentType } : {}),
      ...(target.token ? { authorization: `Bearer ${target.token}` } : {}),
    },
    body: init.body,
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: a page, or nothing.
  }
  return { status: response.status, text, json };
}

const post = (target: Target, query: string) => send(target, { body: JSON.stringify({ query }), contentType: 'application/json' });
const dataOf = (answer: Answer) => (answer.json as Json | null)?.data ?? null;
const errorsOf = (answer: Answer) => (answer.json as Json | null)?.errors ?? [];

const CHECKS: Record<string, (target: Target) => Promise<string | null>> = {
  async 'alias overloading'(target) {
    const answer = await post(target, `query { ${Array.from({ length: 101 }, (_, i) => `alias${i}: __typename`).join(' ')} }`);
    return Object.keys(dataOf(answer) ?? {}).length > 100 ? '101 aliases executed' : null;
  },
  async 'batch queries'(target) {
    const answer = await send(target, { body: JSON.stringify(Array.from({ length: 11 }, () => ({ query: 'query { __typename }' }))), contentType: 'application/json' });
    return Array.isArray(answer.json) ? `a batch of ${(answer.json as unknown[]).length} answered` : null;
  },
  async 'directive overloading'(target) {
    for (const count of [10, 50, 1000]) {
      const answer = await post(target, `query { __typename ${'@aa'.repeat(count)} }`);
      if (errorsOf(answer).length > 1 || dataOf(answer)) return `${count} directives: ${errorsOf(answer).length} errors`;
    }
    return null;
  },
  async 'introspection'(target) {
    return dataOf(await post(target, getIntrospectionQuery()))?.__schema ? 'the schema answered' : null;
  },
  async 'circular introspection'(target) {
    const answer = await post(target, 'query { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }');
    return dataOf(answer)?.__schema ? 'a circular introspection query answered' : null;
  },
  async 'circular fragments'(target) {
    const answer = await post(target, 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
    return answer.status >= 500 || dataOf(answer) ? `answered ${answer.status}` : null;
  },
  async 'field duplication'(target) {
    return dataOf(await post(target, `query { ${'__typename \n'.repeat(500)}}`))?.__typename ? '500 duplicated fields executed' : null;
  },
  async 'field suggestions'(target) {
    for (const query of ['query { __schema { directive } }', 'query { mee { id } }', 'mutation { logn(loginId: "a", password: "b") { token } }']) {
      const hinted = errorsOf(await post(target, query)).find((error) => /did you mean/i.test(error.message));
      if (hinted) return hinted.message;
    }
    return null;
  },
  async 'GET queries (CSRF)'(target) {
    return dataOf(await send(target, { method: 'GET', query: 'query { __typename }' })) ? 'a GET query answered' : null;
  },
  async 'GET mutations (CSRF)'(target) {
    const answer = await send(target, { method: 'GET', query: 'mutation { __typename }' });
    return dataOf(answer) ? 'a GET mutation answered' : null;
  },
  async 'form and text POSTs (CSRF)'(target) {
    const form = await send(target, { body: `query=${encodeURIComponent('mutation { __typename }')}`, contentType: 'application/x-www-form-urlencoded' });
    const text = await send(target, { body: JSON.stringify({ query: 'mutation { __typename }' }), contentType: 'text/plain' });
    return dataOf(form) || dataOf(text) ? 'a mutation posted without a preflight answered' : null;
  },
  async 'trace mode and debug output'(target) {
    for (const answer of [await post(target, 'query { __typename }'), await post(target, 'qwerty cop { abc }'), await post(target, 'query { me { id } }')]) {
      const json = answer.json as Json | null;
      if (json?.extensions?.tracing || /stacktrace|"exception"|\bat \//i.test(answer.text)) return answer.text.slice(0, 200);
    }
    return null;
  },
  async 'debug fields'(target) {
    for (const field of ['debug', '_debug', '__debug', 'trace', 'env']) {
      const answer = await post(target, `query { ${field} }`);
      if (dataOf(answer)?.[field] !== undefined) return `${field} answered`;
    }
    return null;
  },
  async 'character limit'(target) {
    // One token, 200,000 characters long: within any token limit.
    const answer = await post(target, `query { __typename } # ${'x'.repeat(200_000)}`);
    return dataOf(answer) ? 'a 200,000-character document executed' : null;
  },
  async 'GraphQL IDE'(target) {
    for (const path of ['/graphiql', '/playground', '/console', '/graphql']) {
      const answer = await send(target, { method: 'GET', path });
      if (/graphiql\.min\.css|GraphQL Playground|GraphiQL|graphql-playground/.test(answer.text)) return `an IDE at ${path}`;
    }
    return null;
  },
};

async function scan(target: Target): Promise<Record<string, string>> {
  const findings: Record<string, string> = {};
  for (const [name, check] of Object.entries(CHECKS)) {
    const found = await check(target);
    if (found) findings[name] = found;
  }
  return findings;
}

describe('a GraphQL security scan', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('finds nothing anonymously', async () => {
    expect(await scan({ url: server.url })).toEqual({});
  });

  it('finds nothing as a member', async () => {
    const member = await signUpMember(server);
    expect(await scan({ url: server.url, token: member.token })).toEqual({});
  });

  it('finds what a GraphQL server left as its library makes it allows', async () => {
    const bare = new ApolloServer({
      typeDefs: 'type Query { me: String }',
      resolvers: { Query: { me: () => 'me' } },
      allowBatchedHttpRequests: true,
      csrfPrevention: false,
    });
    const { url } = await startStandaloneServer(bare, { listen: { port: 0, host: '127.0.0.1' } });
    try {
      const findings = await scan({ url });
      process.stdout.write(`the scan against a bare Apollo server found: ${Object.keys(findings).join(', ')}\n`);
      // Not circular introspection: graphql-js's own validation has refused it since 16.9.
      expect(Object.keys(findings)).toEqual(
        expect.arrayContaining(['alias overloading', 'batch queries', 'directive overloading', 'introspection', 'field duplication', 'field suggestions', 'GET queries (CSRF)', 'character limit']),
      );
    } finally {
      await bare.stop();
    }
  });
});
