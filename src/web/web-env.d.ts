// esbuild bundles a page's stylesheets from their imports.
declare module '*.css';
