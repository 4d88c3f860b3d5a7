/**
 * Each value of `source` through `map`. Returning the result returns the source at once, even while
 * a `next()` waits: an async generator would hold its cleanup until the next value came.
 */
export function mapAsyncIterator<T, U>(source: AsyncIterator<T>, map: (value: T) => U | Promise<U>): AsyncIterableIterator<U> {
  return {
    async next() {
      const step = await source.next();
      return step.done ? { done: true, value: undefined } : { done: false, value: await map(step.value) };
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
