#!/usr/bin/env node
// The pages' browser files, one build for every page (src/web): esbuild bundles each page's entry
// (the members' app, the dashboard, the playground) with the chunks they share into dist/web/assets/
// under hashed names, and writes dist/web/manifest.json, which tells the server (src/http/web-build.ts)
// each page's scripts and stylesheets. The service worker (dist/web/sw.js, a fixed name) is built
// with the app's file list written in. The app's icons are drawn here, and GraphiQL's files are
// copied from its npm package into dist/vendor/. Each served file is then compressed once, with
// brotli and gzip at their best (file.br, file.gz); a copy newer than its file is kept.
const esbuild = require('esbuild');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const webOut = path.join(dist, 'web');
const assetsOut = path.join(webOut, 'assets');

/** The pages and their entry modules. */
const ENTRIES = {
  app: 'src/web/app/main.tsx',
  dashboard: 'src/web/dashboard/dashboard.ts',
  playground: 'src/web/playground/playground.ts',
};

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

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  target: ['es2022', 'chrome100', 'safari15'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  absWorkingDir: root,
  logLevel: 'warning',
};

/** The pages' bundles: each entry's script, its stylesheet, and the chunks it imports. */
async function buildPages() {
  // Earlier builds' files stay: a server started before this build still serves the names it read.
  const result = await esbuild.build({
    ...common,
    entryPoints: ENTRIES,
    outdir: assetsOut,
    format: 'esm',
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
  });
  const pages = {};
  const importsOf = (file) => result.metafile.outputs[file].imports.filter((i) => i.kind === 'import-statement').map((i) => i.path);
  const served = (file) => `/assets/${path.basename(file)}`;
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (!output.entryPoint || !file.endsWith('.js')) continue;
    const name = Object.keys(ENTRIES).find((entry) => ENTRIES[entry] === output.entryPoint);
    // Every chunk the entry needs at start, to preload beside it (no waterfall of imports).
    const chunks = new Set();
    const walk = (chunk) => importsOf(chunk).forEach((next) => !chunks.has(next) && (chunks.add(next), walk(next)));
    walk(file);
    pages[name] = { script: served(file), preload: [...chunks].map(served), styles: output.cssBundle ? [served(output.cssBundle)] : [] };
  }
  return { pages, files: Object.keys(result.metafile.outputs).filter((file) => !file.endsWith('.map')).map((file) => path.join(root, file)) };
}

/** A PNG of the app's icon: a football on the club's green, within the maskable safe zone. */
function iconPng(size) {
  const pixels = Buffer.alloc(size * (size * 4 + 1));
  const centre = size / 2;
  const ball = size * 0.3;
  for (let y = 0; y < size; y += 1) {
    pixels[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x += 1) {
      const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre);
      // The ball: white, a green ring and a green centre patch; anti-aliased at its edge.
      let colour = [11, 93, 59];
      if (distance < ball) colour = distance > ball * 0.88 || distance < ball * 0.32 ? [7, 64, 42] : [255, 255, 255];
      const edge = Math.min(1, Math.max(0, ball + 0.5 - distance));
      const mixed = distance < ball + 0.5 && distance >= ball - 0.5 ? colour.map((c, i) => Math.round(c * edge + [11, 93, 59][i] * (1 - edge))) : colour;
      pixels.set([...mixed, 255], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(pixels, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

async function main() {
  const served = [];
  const { pages, files } = await buildPages();
  served.push(...files);

  // Pages whose HTML is a file (the dashboard's): the server writes their bundle's tags into it.
  writeIfChanged(path.join(webOut, 'dashboard.html'), fs.readFileSync(path.join(root, 'src/web/dashboard/dashboard.html')));

  const icons = {};
  for (const size of [192, 512]) {
    const file = path.join(webOut, 'icons', `icon-${size}.png`);
    writeIfChanged(file, iconPng(size));
    icons[size] = `/icons/icon-${size}.png`;
    served.push(file);
  }

  // The service worker keeps the app's own files: its page's script, styles and chunks, and icons.
  const appFiles = [pages.app.script, ...pages.app.preload, ...pages.app.styles, '/manifest.webmanifest', ...Object.values(icons)];
  const buildId = createHash('sha256').update(appFiles.join('\n')).digest('hex').slice(0, 16);
  await esbuild.build({
    ...common,
    entryPoints: ['src/web/app/sw.ts'],
    outfile: path.join(webOut, 'sw.js'),
    format: 'iife',
    define: { PRECACHE_FILES: JSON.stringify(appFiles), BUILD_ID: JSON.stringify(buildId) },
  });
  served.push(path.join(webOut, 'sw.js'));
  writeIfChanged(path.join(webOut, 'manifest.json'), Buffer.from(`${JSON.stringify({ buildId, pages, icons }, null, 2)}\n`));

  const vendor = path.join(dist, 'vendor');
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
  served.push(...Object.keys(graphiqlFiles).map((name) => path.join(vendor, 'graphiql', name)));

  for (const file of served) compress(file);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
