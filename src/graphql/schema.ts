import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchema } from 'type-graphql';
import { createPermissions } from '../auth/permissions';
import { createDateTimeScalar } from './date-time';

/** A resolver class of the schema and how its instance is made from the app's services. */
export interface ResolverBinding<Services = never> {
  type: Function;
  create(services: Services): object;
}

/**
 * TypeGraphQL insists on a PubSub whenever a schema has subscriptions, though each of ours names its
 * own source (`subscribe`, src/modules/live): this one is never asked, and says so if it ever is.
 */
const noPubSub = {
  publish(): never {
    throw new Error('Subscriptions name their own source; there is no PubSub to publish to.');
  },
  subscribe(): never {
    throw new Error('Subscriptions name their own source; there is no PubSub to subscribe to.');
  },
};

/**
 * The TypeGraphQL schema of the given resolvers (the app's modules', src/modules/index.ts). With
 * `services`, each resolver instance is made from them as its binding says; the emitted SDL is
 * built without, as it resolves nothing.
 */
export async function buildGraphQLSchema<Services>(timeZone: string, bindings: readonly ResolverBinding<Services>[], services?: Services): Promise<GraphQLSchema> {
  const instances = new Map(services ? bindings.map((binding) => [binding.type, binding.create(services)]) : []);
  return buildSchema({
    resolvers: bindings.map((binding) => binding.type) as [Function, ...Function[]],
    scalarsMap: [{ type: Date, scalar: createDateTimeScalar(timeZone) }],
    validate: false,
    pubSub: noPubSub,
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
