import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { buildAppSchema } from '../modules';

/** The SDL that `npm run schema:emit` writes to schema/schema.graphql and a test keeps honest. */
export const SCHEMA_FILE = path.resolve(__dirname, '../../schema/schema.graphql');

export async function emittedSchema(): Promise<string> {
  const schema = await buildAppSchema('UTC');
  return `# Emitted by \`npm run schema:emit\` from the TypeGraphQL schema. Do not edit.\n\n${printSchema(schema)}\n`;
}

if (require.main === module) {
  emittedSchema().then(
    (sdl) => {
      writeFileSync(SCHEMA_FILE, sdl);
      process.stdout.write(`Wrote ${SCHEMA_FILE}\n`);
    },
    (error) => {
      process.stderr.write(`${error?.stack ?? error}\n`);
      process.exit(1);
    },
  );
}
