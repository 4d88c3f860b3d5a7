// `npm run codegen`: the typed documents codegen.yml asks for, made with graphql-codegen's own core
// and plugins but without its CLI, whose remote-schema loaders (and their many dependencies) the
// project never uses. With `--check`, writes nothing and exits 1 when an output is stale.
const { readFileSync, readdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { codegen } = require('@graphql-codegen/core');
const { buildASTSchema, lexicographicSortSchema, parse, printSchema } = require('graphql');
const YAML = require('yaml');

const ROOT = path.resolve(__dirname, '..');
const settings = YAML.parse(readFileSync(path.join(ROOT, 'codegen.yml'), 'utf8'));

/** `documents` is one folder's files by extension (tests/operations/*.graphql): all this project uses. */
function documentsOf(pattern) {
  const match = /^(.*)\/\*(\.\w+)$/.exec(pattern);
  if (!match) throw new Error(`codegen.yml: documents must look like dir/*.graphql, got ${pattern}`);
  const dir = path.join(ROOT, match[1]);
  return readdirSync(dir)
    .filter((name) => name.endsWith(match[2]))
    .sort()
    .map((name) => ({ location: path.join(dir, name), document: parse(readFileSync(path.join(dir, name), 'utf8')) }));
}

async function generate(output, { plugins, config }) {
  // Sorted, as the CLI's schema loader sorts it: the output does not follow the SDL's order.
  const schemaAst = lexicographicSortSchema(buildASTSchema(parse(readFileSync(path.join(ROOT, settings.schema), 'utf8'))));
  return codegen({
    filename: output,
    schema: parse(printSchema(schemaAst)),
    schemaAst,
    documents: documentsOf(settings.documents),
    config,
    plugins: plugins.map((name) => ({ [name]: {} })),
    pluginMap: Object.fromEntries(plugins.map((name) => [name, require(`@graphql-codegen/${name}`)])),
  });
}

async function main() {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [output, target] of Object.entries(settings.generates)) {
    const text = await generate(output, target);
    if (!check) {
      writeFileSync(path.join(ROOT, output), text);
      process.stdout.write(`Wrote ${output}\n`);
    } else if (readFileSync(path.join(ROOT, output), 'utf8') !== text) {
      process.stderr.write(`${output} is stale: run npm run codegen and commit it.\n`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
