/**
 * A SELECT list that names each column as Prisma names its field (`p.login_id AS "loginId"`), so a
 * plain SQL read answers the same objects as Prisma. Typed per model as `Record<keyof Model,
 * string>`: a field added to the model fails to compile until its column is listed. A `prefix`
 * keeps a joined table's fields apart (`m.id AS "member.id"`); `takePrefixed` takes them back out.
 */
export function selectList(columns: Record<string, string>, alias: string, prefix = ''): string {
  return Object.entries(columns)
    .map(([field, column]) => `${alias}.${column} AS "${prefix}${field}"`)
    .join(', ');
}

/** Splits a joined row: the fields under `prefix` (without it), and the rest. */
export function takePrefixed<Joined, Own>(row: Record<string, unknown>, prefix: string): { joined: Joined; own: Own } {
  const joined: Record<string, unknown> = {};
  const own: Record<string, unknown> = {};
  for (const key in row) {
    if (key.startsWith(prefix)) joined[key.slice(prefix.length)] = row[key];
    else own[key] = row[key];
  }
  return { joined: joined as Joined, own: own as Own };
}
