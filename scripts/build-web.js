#!/usr/bin/env node
// The pages' browser files: compiles their scripts (tsconfig.web.json) and copies their stylesheets
// and HTML to the same place in dist/, where the server reads them (src/http/static-assets.ts).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.web.json')], { stdio: 'inherit' });

const folders = [path.join('src', 'web'), ...fs.readdirSync(path.join(root, 'src', 'modules')).map((name) => path.join('src', 'modules', name, 'web'))];
for (const folder of folders) {
  const from = path.join(root, folder);
  if (!fs.existsSync(from)) continue;
  const to = path.join(root, 'dist', path.relative('src', folder));
  fs.mkdirSync(to, { recursive: true });
  for (const file of fs.readdirSync(from)) {
    if (/\.(css|html)$/.test(file)) fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}
