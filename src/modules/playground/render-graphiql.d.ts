// The package's subpath is declared in its "exports" only, which this project's module resolution
// (node10, for CommonJS) does not read; these are its typings (typings/graphiql.d.ts).
declare module '@graphql-yoga/render-graphiql/graphiql' {
  export const js: string;
  export const css: string;
  export const favicon: string;
  export const editorWorkerService: string;
  export const jsonWorker: string;
  export const graphqlWorker: string;
}
