import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '../db/database';
import type { ResolverBinding } from '../graphql/schema';
import type { Route } from '../http/server';
import type { Services } from '../services';
import type { MemberRecord } from './members/member.service';

/**
 * What a module's per-request loaders are made from; they are made fresh for each request.
 * `Needs` are the loaders of modules listed before it that it builds on.
 */
export interface LoaderScope<Needs extends object = object> {
  database: Database;
  services: Services;
  /** The signed-in member, read for this request (null when anonymous). */
  viewer: MemberRecord | null;
  /** The loaders of the modules listed before this one. */
  loaders: Needs;
}

type ResolverClass<T> = new (...args: never[]) => T;

export function resolver<T extends object>(type: ResolverClass<T>, create: (services: Services) => T): ResolverBinding<Services> {
  return { type, create };
}

/** Work a module runs in the background: started before the port opens, stopped after it closes. */
export interface BackgroundJob {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * What a domain adds to the app, declared in one place: its resolvers, its per-request loaders
 * (annotate their return type: the Loaders type is read from these), any HTTP routes and any
 * background jobs.
 */
export interface ModuleManifest<L extends object = object, Needs extends object = object> {
  name: string;
  resolvers: ResolverBinding<Services>[];
  loaders?: (scope: LoaderScope<Needs>) => L;
  routes?: (services: Services) => Route[];
  jobs?: (services: Services) => BackgroundJob[];
  /** What a browser gets for a page nobody serves (one module at most: the members' app). */
  notFoundPage?: (services: Services) => (request: IncomingMessage, response: ServerResponse) => void;
}

export function defineModule<L extends object = object, Needs extends object = object>(manifest: ModuleManifest<L, Needs>): ModuleManifest<L, Needs> {
  return manifest;
}
