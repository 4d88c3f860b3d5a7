// `npm run codegen`: the typed documents codegen.yml asks for, made with graphql-codegen's own core,
// plugins and client preset but without its CLI, whose remote-schema loaders (and their many
// dependencies) the project never uses. Documents in .ts/.tsx files are plucked from their
// graphql(`...`) calls by graphql-tag-pluck, as the CLI does. With `--check`, writes nothing and
// exits 1 when an output is stale.
const { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');
const { codegen } = require('@graphql-codegen/core');
const { gqlPluckFromCodeStringSync } = require('@graphql-tools/graphql-tag-pluck');
const { buildASTSchema, lexicographicSortSchema, parse, printSchema } = require('graphql');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..');
const settings = YAML.parse(readFileSync(path.join(ROOT, 'codegen.yml'), 'utf8'));

function filesUnder(dir, deep) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return deep ? filesUnder(full, deep) : [];
    return [full];
  });
}

/**
 * `documents` is one folder's files by extension: `dir/*.graphql` (that folder) or
 * `dir/**\/*.{ts,tsx}` (the folder and those under it): all this project uses.
 */
function documentsOf(pattern, output) {
  const match = /^(.*?)\/(\*\*\/)?\*\.(\w+|\{[\w,]+\})$/.exec(pattern);
  if (!match) throw new Error(`codegen.yml: documents must look like dir/*.graphql or dir/**/*.{ts,tsx}, got ${pattern}`);
  const extensions = match[3].replace(/[{}]/g, '').split(',').map((extension) => `.${extension}`);
  const outputDir = path.join(ROOT, output);
  const files = filesUnder(path.join(ROOT, match[1]), Boolean(match[2]))
    .filter((file) => extensions.includes(path.extname(file)) && !file.startsWith(outputDir))
    .sort();
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const bodies = path.extname(file) === '.graphql' ? [text] : gqlPluckFromCodeStringSync(file, text, { modules: [{ name: '../gql', identifier: 'graphql' }], globalGqlIdentifierName: 'graphql', skipIndent: true }).map((source) => source.body);
    return bodies.map((body) => ({ location: file, document: parse(body), rawSDL: body }));
  });
}

function loadSchema() {
  // Sorted, as the CLI's schema loader sorts it: the output does not follow the SDL's order.
  const schemaAst = lexicographicSortSchema(buildASTSchema(parse(readFileSync(path.join(ROOT, settings.schema), 'utf8'))));
  return { schemaAst, schema: parse(printSchema(schemaAst)) };
}

/** Each file one target makes: `{ filename, text }`. */
async function generate(output, target) {
  const { schema, schemaAst } = loadSchema();
  const documents = documentsOf(target.documents, output);
  const pluginMap = Object.fromEntries((target.plugins ?? []).map((name) => [name, require(`@graphql-codegen/${name}`)]));
  const plugins = (target.plugins ?? []).map((name) => ({ [name]: {} }));
  const base = { filename: output, schema, schemaAst, documents, config: target.config ?? {}, plugins, pluginMap };
  if (!target.preset) return [{ filename: output, text: await codegen(base) }];
  if (target.preset !== 'client') throw new Error(`codegen.yml: only the client preset is supported, got ${target.preset}`);
  const { preset } = require('@graphql-codegen/client-preset');
  const sections = await preset.buildGeneratesSection({ ...base, baseOutputDir: output, presetConfig: target.presetConfig ?? {} });
  return Promise.all(sections.map(async (section) => ({ filename: section.filename, text: await codegen({ ...section, cache: undefined }) })));
}

async function main() {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [output, target] of Object.entries(settings.generates)) {
    for (const { filename, text } of await generate(output, target)) {
      const file = path.join(ROOT, filename);
      if (!check) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
        process.stdout.write(`Wrote ${filename}\n`);
      } else if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
        process.stderr.write(`${filename} is stale: run npm run codegen and commit it.\n`);
        stale = true;
      }
    }
  }
  if (stale) process.exit(1);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
