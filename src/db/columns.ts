/**
 * A SELECT list that names each column as Prisma names its field (`p.login_id AS "loginId"`), so a
 * plain SQL read answers the same objects as Prisma. Typed per model as `Record<keyof Model,
 * string>`: a field added to the model fails to compile until its column is listed.
 */
export function selectList(columns: Record<string, string>, alias: string): string {
  return Object.entries(columns)
    .map(([field, column]) => `${alias}.${column} AS "${field}"`)
    .join(', ');
}
