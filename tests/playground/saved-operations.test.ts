import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { loadConfig } from '../../src/config/config';
import { QueryLimits } from '../../src/graphql/query-limits';
import { savedOperations } from '../../src/modules/playground/saved-operations';
import { ROOT } from '../support/server-process';

describe('the playground\'s saved operations', () => {
  const schema = buildSchema(readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));
  const limits = new QueryLimits(schema, loadConfig({}).queryLimits);
  const operations = savedOperations(new Date('2026-11-28T15:30:00Z'), 'Asia/Seoul');

  it.each(operations.map((operation) => [operation.query.match(/(?:query|mutation) (\w+)/)![1], operation]))(
    '%s is valid against the emitted schema and within the server\'s query limits',
    (_name, operation) => {
      const document = parse(operation.query);
      expect(validate(schema, document, specifiedRules)).toEqual([]);
      const variables = JSON.parse(operation.variables ?? '{}') as Record<string, unknown>;
      expect(limits.check(operation.query, variables)).toBeNull();
      const declared = document.definitions.flatMap((definition) =>
        definition.kind === 'OperationDefinition' ? (definition.variableDefinitions ?? []).map((variable) => variable.variable.name.value) : [],
      );
      for (const name of Object.keys(variables)) expect(declared).toContain(name);
    },
  );

  it('proposes a match a week ahead, 10:00 to 12:00 in the club\'s time', () => {
    const match = JSON.parse(operations[1].variables!) as { input: { startsAt: string; endsAt: string } };
    expect(match.input.startsAt).toBe('2026-12-06T10:00:00+09:00');
    expect(match.input.endsAt).toBe('2026-12-06T12:00:00+09:00');
  });
});
