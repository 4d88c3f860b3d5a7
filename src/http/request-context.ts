import { AsyncLocalStorage } from 'node:async_hooks';

/** What every part of one HTTP request can reach without threading it through: its id, for logs and masked errors. */
interface RequestScope {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
