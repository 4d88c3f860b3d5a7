import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchema } from 'type-graphql';
import { createPermissions } from '../auth/permissions';
import { appModules } from '../modules';
import type { Services } from '../services';
import { createDateTimeScalar } from './date-time';

/**
 * The TypeGraphQL schema of every module's resolvers. With `services`, each resolver instance is
 * made from them as its module declares; the emitted SDL is built without, as it resolves nothing.
 */
export async function buildGraphQLSchema(timeZone: string, services?: Services): Promise<GraphQLSchema> {
  const bindings = appModules.flatMap((module) => module.resolvers);
  const instances = new Map(services ? bindings.map((binding) => [binding.type, binding.create(services)]) : []);
  return buildSchema({
    resolvers: bindings.map((binding) => binding.type) as [Function, ...Function[]],
    scalarsMap: [{ type: Date, scalar: createDateTimeScalar(timeZone) }],
    validate: false,
    container: {
      get(someClass: Function) {
        const instance = instances.get(someClass);
        if (!instance) throw new Error(`No instance registered for ${someClass.name}`);
        return instance;
      },
    },
  });
}

/** The schema as served: with the permission rules around every field. */
export function withPermissions(schema: GraphQLSchema): GraphQLSchema {
  return applyMiddleware(schema, createPermissions(schema));
}
