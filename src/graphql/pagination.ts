import { badUserInput } from '../errors/errors';

export const MAX_PAGE_SIZE = 100;

/** A page as services return it; resolvers shape it into edges. */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  /** Run only if the client asks for totalCount: most lists never do, and it is a query of its own. */
  countTotal(): Promise<number>;
  cursorOf(node: T): string;
}

/** What a connection field answers; totalCount is a field resolver calling countTotal. */
export type Connection<T> = ReturnType<typeof toConnection<T>>;

/** `first` from 0 to 100; anything else is refused rather than silently clamped. */
export function pageSize(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput('first', `first must be from 0 to ${MAX_PAGE_SIZE}.`);
  }
  return size;
}

/** Cursors are opaque to clients: base64url of the keyset position. */
export function encodeCursor(position: string): string {
  return Buffer.from(position, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const position = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!position || encodeCursor(position) !== cursor) throw badUserInput('after', 'after is not a cursor this API gave out.');
  return position;
}

export function toConnection<T>(page: Page<T>) {
  const edges = page.nodes.map((node) => ({ cursor: page.cursorOf(node), node }));
  return {
    edges,
    countTotal: page.countTotal,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
