import fc from 'fast-check';
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  type GraphQLInputType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { buildAppSchema } from '../../src/modules';
import { addParticipants, createEvent } from '../events/event-fixtures';
import { signUpAdmin, signUpMember, type SignedUpMember } from '../members/member-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/** Random documents built from the served schema, sent as each kind of caller. */
const RUNS = 1000;

type Random = { int(max: number): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean };

function random(seed: number): Random {
  let state = seed | 0;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (max) => Math.floor(next() * max), pick: (items) => items[Math.floor(next() * items.length)], chance: (p) => next() < p };
}

const STRINGS = ['', 'x', 'x'.repeat(5000), "'; DROP TABLE events; --", '<img src=x onerror=alert(1)>', '😀', '\\u202E', 'ADMIN', '2026-11-29T10:00:00+09:00', '%', '_'];
const NUMBERS = ['0', '-1', '1', '2147483647', '-2147483648', '100', '101', '1.5', '-90.5', '1e300'];

function literal(type: GraphQLInputType, r: Random, ids: string[], depth = 0): string {
  if (type instanceof GraphQLNonNull) return literal(type.ofType, r, ids, depth);
  if (r.chance(0.05)) return 'null';
  if (type instanceof GraphQLList) return `[${Array.from({ length: r.int(3) }, () => literal(type.ofType, r, ids, depth + 1)).join(', ')}]`;
  if (type instanceof GraphQLEnumType) return r.chance(0.9) ? r.pick(type.getValues()).name : 'NOT_A_VALUE';
  if (type instanceof GraphQLInputObjectType) {
    const fields = Object.values(type.getFields()).filter((f) => f.type instanceof GraphQLNonNull || r.chance(0.6));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, r, ids, depth + 1)}`).join(', ')} }`;
  }
  const scalar = (type as GraphQLScalarType).name;
  if (scalar === 'ID') return JSON.stringify(r.chance(0.7) ? r.pick(ids) : r.pick(STRINGS));
  if (scalar === 'Int' || scalar === 'Float') return r.chance(0.9) ? r.pick(NUMBERS) : JSON.stringify(r.pick(STRINGS));
  if (scalar === 'Boolean') return r.pick(['true', 'false', '"yes"']);
  if (scalar === 'DateTime') return JSON.stringify(r.pick(['2026-11-29T10:00:00+09:00', '2026-11-29T12:00:00Z', 'yesterday', '2099-01-01T00:00:00Z']));
  return JSON.stringify(r.pick(STRINGS));
}

function selection(field: GraphQLField<unknown, unknown>, r: Random, ids: string[], depth: number): string {
  const args = field.args
    .filter((a) => a.type instanceof GraphQLNonNull || r.chance(0.4))
    .map((a) => `${a.name}: ${literal(a.type, r, ids)}`);
  const named = getNamedType(field.type);
  const head = args.length ? `${field.name}(${args.join(', ')})` : field.name;
  if (!(named instanceof GraphQLObjectType)) return head;
  const fields = Object.values(named.getFields());
  const scalars = fields.filter((f) => !(getNamedType(f.type) instanceof GraphQLObjectType));
  const chosen = depth >= 3 ? [r.pick(scalars.length ? scalars : fields)] : Array.from({ length: 1 + r.int(3) }, () => r.pick(fields));
  const inner = [...new Set(chosen)].map((f) => (getNamedType(f.type) instanceof GraphQLObjectType && depth >= 3 ? null : selection(f, r, ids, depth + 1))).filter(Boolean);
  return `${head} { ${inner.length ? inner.join(' ') : '__typename'} }`;
}

function randomDocument(schema: GraphQLSchema, seed: number, ids: string[]): string {
  const r = random(seed);
  const root = r.chance(0.5) ? schema.getQueryType()! : schema.getMutationType()!;
  const field = r.pick(Object.values(root.getFields()));
  return `${root === schema.getMutationType() ? 'mutation' : 'query'} { ${selection(field, r, ids, 0)} }`;
}

describe('a fuzz run of random documents built from the schema', () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let callers: (SignedUpMember | undefined)[];
  let ids: string[];
  beforeAll(async () => {
    server = await startTestServer();
    schema = await buildAppSchema('UTC');
    const admin = await signUpAdmin(server);
    const member = await signUpMember(server);
    const event = await createEvent(server, admin.token, { startsInMinutes: 0 });
    await addParticipants(server, admin.token, event.id, [member.id]);
    callers = [undefined, member, admin];
    ids = [admin.id, member.id, event.id, 'no-such-id'];
  });
  afterAll(() => server.stop());

  it(`answers ${RUNS} random documents without INTERNAL_SERVER_ERROR or leaked internals`, async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.nat(2), async (seed, callerIndex) => {
        const document = randomDocument(schema, seed, ids);
        const response = await server.request(document, {}, { token: callers[callerIndex]?.token });
        const codes = (response.errors ?? []).map((e) => String(e.extensions?.code));
        for (const code of codes.length ? codes : ['ok']) outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
        expect({ document, status: response.status < 500 }).toEqual({ document, status: true });
        expect({ document, codes }).not.toEqual({ document, codes: expect.arrayContaining(['INTERNAL_SERVER_ERROR']) });
        expect(JSON.stringify(response.errors ?? [])).not.toMatch(/prisma|postgres|SELECT |INSERT |constraint|stacktrace|at \w+ \(/i);
      }),
      { numRuns: RUNS },
    );
    process.stdout.write(`fuzz outcomes over ${RUNS} documents: ${JSON.stringify(Object.fromEntries(outcomes))}\n`);
  });
});
