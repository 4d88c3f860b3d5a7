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
import { buildGraphQLSchema } from '../../src/graphql/schema';

const CONTRACT_COPY = path.resolve(__dirname, '../contract/api-contract.graphql');
const SHARED_CONTRACT = path.resolve(__dirname, '../../../shared/api-contract.graphql');

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
    served = await buildGraphQLSchema('UTC');
  });

  it('matches every type, field, argument and enum value of the contract', () => {
    const contract = buildSdlSchema(readFileSync(CONTRACT_COPY, 'utf8'));
    expect(differences(contract, served)).toEqual([]);
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

  // CI lays ../shared beside the checkout; the copy in tests/contract must not drift from it.
  (existsSync(SHARED_CONTRACT) ? it : it.skip)('tests against the same contract as ../shared/api-contract.graphql', () => {
    expect(readFileSync(CONTRACT_COPY, 'utf8')).toBe(readFileSync(SHARED_CONTRACT, 'utf8'));
  });
});
