import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema as buildSdlSchema,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLObjectType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { rootFieldRules } from '../../src/auth/permissions';
import { emittedSchema, SCHEMA_FILE } from '../../src/cli/emit-schema';
import { buildAppSchema } from '../../src/modules';

const CONTRACT_DIR = path.resolve(__dirname, '../contract');
const SHARED_DIR = path.resolve(__dirname, '../../../shared');
const CONTRACT_COPY = path.join(CONTRACT_DIR, 'api-contract.graphql');
/**
 * The contract additions of the issues resolved so far, copied from ../shared/contract-additions:
 * the contract is the base plus these. A later issue's file joins this list when it is built.
 */
const RESOLVED_ADDITIONS = ['seasons-and-accounts.graphql', 'absences-reminders-exports.graphql', 'live-and-push.graphql'];

const contractText = () => [CONTRACT_COPY, ...RESOLVED_ADDITIONS.map((file) => path.join(CONTRACT_DIR, file))].map((file) => readFileSync(file, 'utf8')).join('\n');

/**
 * Arguments an addition gives to fields of the base contract, which SDL's `extend` cannot say: the
 * additions list them in a comment, `#   Member.penaltyPoints(seasonId: ID): Int`.
 */
function addedArguments(): { type: string; field: string; args: { name: string; type: string }[] }[] {
  return RESOLVED_ADDITIONS.flatMap((file) =>
    [...readFileSync(path.join(CONTRACT_DIR, file), 'utf8').matchAll(/^#\s+(\w+)\.(\w+)\((.*)\):/gm)].map(([, type, field, args]) => ({
      type,
      field,
      args: args.split(',').map((arg) => {
        const [name, rest] = arg.split(':').map((part) => part.trim());
        return { name, type: rest.split('=')[0].trim() };
      }),
    })),
  );
}

const isOwnType = (type: GraphQLNamedType) => !type.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name);

function compareFields(
  typeName: string,
  contractFields: Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>,
  servedFields: Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>,
  problems: string[],
) {
  for (const [name, expected] of Object.entries(contractFields)) {
    const key = `${typeName}.${name}`;
    const actual = servedFields[name];
    if (!actual) {
      problems.push(`${key} is missing`);
      continue;
    }
    if (String(actual.type) !== String(expected.type)) problems.push(`${key} is ${actual.type}, the contract says ${expected.type}`);
    if ('defaultValue' in expected && expected.defaultValue !== (actual as GraphQLInputField).defaultValue) {
      problems.push(`${key} defaults to ${(actual as GraphQLInputField).defaultValue}, the contract says ${expected.defaultValue}`);
    }
    if ('args' in expected) {
      const actualArgs = Object.fromEntries((actual as GraphQLField<unknown, unknown>).args.map((a) => [a.name, a]));
      const expectedArgs = Object.fromEntries(expected.args.map((a) => [a.name, a]));
      compareFields(`${key}()`, expectedArgs, actualArgs, problems);
      for (const arg of Object.values(actualArgs)) {
        if (!expectedArgs[arg.name] && isNonNullType(arg.type)) problems.push(`${key}(${arg.name}) is an added required argument`);
      }
    }
  }
}

function differences(contract: GraphQLSchema, served: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const expected of Object.values(contract.getTypeMap()).filter(isOwnType)) {
    const actual = served.getType(expected.name);
    if (!actual || actual.constructor !== expected.constructor) {
      problems.push(`${expected.name} is missing or of another kind`);
      continue;
    }
    if (expected instanceof GraphQLEnumType) {
      const values = (type: GraphQLEnumType) => type.getValues().map((v) => v.name).sort();
      if (values(expected).join() !== values(actual as GraphQLEnumType).join()) {
        problems.push(`${expected.name} has values ${values(actual as GraphQLEnumType)}, the contract says ${values(expected)}`);
      }
    }
    if (expected instanceof GraphQLObjectType || expected instanceof GraphQLInputObjectType) {
      const servedFields = (actual as GraphQLObjectType | GraphQLInputObjectType).getFields();
      compareFields(expected.name, expected.getFields(), servedFields, problems);
      if (expected instanceof GraphQLInputObjectType) {
        for (const field of Object.values(servedFields)) {
          if (!expected.getFields()[field.name] && isNonNullType(field.type)) {
            problems.push(`${expected.name}.${field.name} is an added required input field`);
          }
        }
      }
    }
  }
  return problems;
}

describe('the GraphQL schema', () => {
  let served: GraphQLSchema;
  beforeAll(async () => {
    served = await buildAppSchema('UTC');
  });

  it('matches every type, field, argument and enum value of the contract and its resolved additions', () => {
    const contract = buildSdlSchema(contractText());
    expect(differences(contract, served)).toEqual([]);
  });

  it("has the arguments the additions give to the base contract's fields", () => {
    const expected = addedArguments();
    expect(expected.length).toBeGreaterThan(0);
    const problems = expected.flatMap(({ type, field, args }) => {
      const servedField = (served.getType(type) as GraphQLObjectType).getFields()[field];
      return args
        .filter((arg) => String(servedField?.args.find((a) => a.name === arg.name)?.type) !== arg.type)
        .map((arg) => `${type}.${field}(${arg.name}: ${arg.type}) is missing or of another type`);
    });
    expect(problems).toEqual([]);
  });

  it('is emitted to schema/schema.graphql, which is up to date (run `npm run schema:emit` if not)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await emittedSchema());
  });

  it('has a named permission rule for every root field, and no rule for a field that does not exist', () => {
    for (const root of [served.getQueryType()!, served.getMutationType()!]) {
      const rules = rootFieldRules[root.name as keyof typeof rootFieldRules];
      expect(Object.keys(rules).sort()).toEqual(Object.keys(root.getFields()).sort());
    }
  });

  // CI lays ../shared beside the checkout; the copies in tests/contract must not drift from it.
  (existsSync(SHARED_DIR) ? it : it.skip)('tests against the same contract as ../shared (the base and the resolved additions)', () => {
    expect(readFileSync(CONTRACT_COPY, 'utf8')).toBe(readFileSync(path.join(SHARED_DIR, 'api-contract.graphql'), 'utf8'));
    for (const file of RESOLVED_ADDITIONS) {
      expect(readFileSync(path.join(CONTRACT_DIR, file), 'utf8')).toBe(readFileSync(path.join(SHARED_DIR, 'contract-additions', file), 'utf8'));
    }
  });
});
