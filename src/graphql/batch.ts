/**
 * A DataLoader batch answers one value per key, in the keys' order. These shape rows into that
 * answer in one pass over the rows, whatever the number of keys.
 */

/** Each key's rows, in the rows' order; a key without rows gets an empty list. */
export function rowsPerKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** Each key's one row, or `missing` when there is none. */
export function rowPerKey<T, M>(keys: readonly string[], rows: T[], keyOf: (row: T) => string, missing: M): (T | M)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? missing);
}
