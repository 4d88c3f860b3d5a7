import { readFileSync } from 'node:fs';
import path from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { loadConfig } from '../../src/config/config';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/database';
import { createLogger } from '../../src/logging/logger';
import { createTestDatabase, type TestDatabase } from '../support/databases';

interface DmmfField {
  name: string;
  dbName?: string;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isRequired: boolean;
  isList: boolean;
  isUnique: boolean;
  isId: boolean;
  nativeType?: [string, string[]] | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[] };
}

/** The DMMF the generated client is built from: Prisma's own reading of prisma/schema.prisma. */
function loadDmmf(): Dmmf {
  const schema = readFileSync(path.resolve(__dirname, '../../prisma/schema.prisma'), 'utf8');
  return JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] })));
}

/** information_schema's name for the column type Prisma maps a field to on PostgreSQL. */
function expectedColumnType(field: DmmfField): string {
  if (field.kind === 'enum') return `enum:${field.type}`;
  if (field.nativeType?.[0] === 'Timestamptz') return `timestamp with time zone(${field.nativeType[1][0]})`;
  const types: Record<string, string> = {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Float: 'double precision',
    Boolean: 'boolean',
    DateTime: 'timestamp without time zone(3)',
    Json: 'jsonb',
  };
  return types[field.type] ?? `unmapped ${field.type}`;
}

describe('the migrated schema', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  const dmmf = loadDmmf();

  beforeAll(async () => {
    testDatabase = await createTestDatabase({ empty: true });
    database = await openDatabase(loadConfig(testDatabase.env), createLogger('silent'));
    await migrateDatabase(database, createLogger('silent'));
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  const query = <Row>(sql: string) => database.withSession((s) => s.query<Row>(sql));

  it('has exactly the tables, columns, types and nullability of the generated client', async () => {
    const columns = await query<{ table_name: string; column_name: string; type: string; is_nullable: string }>(`
      SELECT table_name, column_name, is_nullable,
             CASE WHEN data_type = 'USER-DEFINED' THEN 'enum:' || udt_name
                  WHEN datetime_precision IS NOT NULL AND data_type LIKE 'timestamp%' THEN data_type || '(' || datetime_precision || ')'
                  ELSE data_type END AS type
        FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    const actual = columns.map((c) => `${c.table_name}.${c.column_name}: ${c.type}${c.is_nullable === 'NO' ? '!' : ''}`).sort();
    const expected = dmmf.datamodel.models
      .flatMap((model) =>
        model.fields
          .filter((field) => field.kind !== 'object')
          .map((field) => `${model.dbName ?? model.name}.${field.dbName ?? field.name}: ${expectedColumnType(field)}${field.isRequired ? '!' : ''}`),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it('has exactly the primary keys and unique constraints of the generated client', async () => {
    const indexes = await query<{ table_name: string; columns: string; partial: boolean }>(`
      SELECT t.relname AS table_name, ix.indpred IS NOT NULL AS partial,
             string_agg(a.attname, ',' ORDER BY k.ord) AS columns
        FROM pg_index ix
        JOIN pg_class t ON t.oid = ix.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
        CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE ix.indisunique AND t.relname <> '_prisma_migrations'
       GROUP BY t.relname, ix.indexrelid, ix.indpred`);
    const actual = indexes.filter((i) => !i.partial).map((i) => `${i.table_name}(${i.columns})`).sort();
    const expected = dmmf.datamodel.models
      .flatMap((model) => {
        const column = (fieldName: string) => {
          const field = model.fields.find((f) => f.name === fieldName)!;
          return field.dbName ?? field.name;
        };
        const table = model.dbName ?? model.name;
        const keys = [
          ...model.fields.filter((f) => f.isId || f.isUnique).map((f) => [f.name]),
          ...(model.primaryKey ? [model.primaryKey.fields] : []),
          ...model.uniqueFields,
        ];
        return keys.map((fields) => `${table}(${fields.map(column).join(',')})`);
      })
      .sort();
    expect(actual).toEqual(expected);
    // The one constraint Prisma cannot express, added by hand in the migration.
    expect(indexes.filter((i) => i.partial).map((i) => `${i.table_name}(${i.columns})`)).toEqual(['penalties(event_id,member_id,reason)']);
  });

  it('has exactly the enums and values of the generated client', async () => {
    const values = await query<{ name: string; value: string }>(`
      SELECT t.typname AS name, e.enumlabel AS value
        FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder`);
    const actual = values.map((v) => `${v.name}.${v.value}`);
    const expected = [...dmmf.datamodel.enums]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((e) => e.values.map((v) => `${e.name}.${v.name}`));
    expect(actual).toEqual(expected);
  });
});
