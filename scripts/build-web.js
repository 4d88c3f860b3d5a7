#!/usr/bin/env node
// The pages' browser files: compiles their scripts (tsconfig.web.json), copies their stylesheets
// and HTML to the same place in dist/, and the third parties' browser files (Chart.js, GraphiQL)
// from their npm packages into dist/vendor/, where the server reads them (src/http/static-assets.ts).
// Each is then compressed once, here, with brotli and gzip at their best (file.br, file.gz); a
// copy newer than its file is kept, so a rebuild compresses only what changed.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

/** Writes `content` to `file` unless it holds it already (its time stays, and so do its copies). */
function writeIfChanged(file, content) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file) && fs.readFileSync(file).equals(content)) return;
  fs.writeFileSync(file, content);
}

function compress(file) {
  const modified = fs.statSync(file).mtimeMs;
  const fresh = (copy) => fs.existsSync(copy) && fs.statSync(copy).mtimeMs >= modified;
  if (fresh(`${file}.br`) && fresh(`${file}.gz`)) return;
  const body = fs.readFileSync(file);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
  fs.writeFileSync(
    `${file}.br`,
    zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  );
}

async function main() {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.web.json')], { stdio: 'inherit' });

  const folders = [path.join('src', 'web'), ...fs.readdirSync(path.join(root, 'src', 'modules')).map((name) => path.join('src', 'modules', name, 'web'))];
  const served = [];
  for (const folder of folders) {
    const from = path.join(root, folder);
    if (!fs.existsSync(from)) continue;
    const to = path.join(dist, path.relative('src', folder));
    fs.mkdirSync(to, { recursive: true });
    for (const file of fs.readdirSync(from)) {
      if (/\.(css|html)$/.test(file)) writeIfChanged(path.join(to, file), fs.readFileSync(path.join(from, file)));
    }
    for (const file of fs.readdirSync(to)) if (/\.(js|css|html)$/.test(file)) served.push(path.join(to, file));
  }

  const vendor = path.join(dist, 'vendor');
  writeIfChanged(path.join(vendor, 'chart.umd.min.js'), fs.readFileSync(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js')));
  const graphiql = await import('@graphql-yoga/render-graphiql/graphiql');
  const graphiqlFiles = {
    'graphiql.js': graphiql.js,
    'graphiql.css': graphiql.css,
    'editor.worker.js': graphiql.editorWorkerService,
    'json.worker.js': graphiql.jsonWorker,
    'graphql.worker.js': graphiql.graphqlWorker,
    'favicon.ico': Buffer.from(graphiql.favicon.slice(graphiql.favicon.indexOf(',') + 1), 'base64'),
  };
  for (const [name, content] of Object.entries(graphiqlFiles)) writeIfChanged(path.join(vendor, 'graphiql', name), Buffer.from(content));
  served.push(path.join(vendor, 'chart.umd.min.js'), ...Object.keys(graphiqlFiles).map((name) => path.join(vendor, 'graphiql', name)));

  for (const file of served) compress(file);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
