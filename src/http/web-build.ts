import { readFileSync } from 'node:fs';
import { webBuildFile } from './static-assets';

/** One page's files as the build named them (dist/web/manifest.json, written by scripts/build-web.js). */
export interface PageBundle {
  script: string;
  /** The chunks its script imports at start: preloaded beside it. */
  preload: string[];
  styles: string[];
}

interface WebBuild {
  buildId: string;
  pages: Record<'app' | 'dashboard' | 'playground', PageBundle>;
  icons: Record<'192' | '512', string>;
}

let build: WebBuild | undefined;

/** The pages' build, read once (a server runs one build). */
export function webBuild(): WebBuild {
  build ??= JSON.parse(readFileSync(webBuildFile('manifest.json'), 'utf8')) as WebBuild;
  return build;
}

/** The <head> tags that load a page's bundle: its styles, its chunks preloaded, its module script. */
export function bundleTags(page: keyof WebBuild['pages']): string {
  const bundle = webBuild().pages[page];
  return [
    ...bundle.styles.map((href) => `<link rel="stylesheet" href="${href}">`),
    ...bundle.preload.map((href) => `<link rel="modulepreload" href="${href}">`),
    `<script type="module" src="${bundle.script}"></script>`,
  ].join('\n  ');
}
