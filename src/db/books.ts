import { type AnyColumn, eq, isNull, or, type SQL, sql } from 'drizzle-orm';

/**
 * A rep's book: their own prospects and the team's shared pool (no owner). `own` is the rep's
 * id, or null for anyone who sees the whole team's book (a manager, an admin, the operator).
 */
export const inBookWhere = (owner: AnyColumn, own: number | null): SQL | undefined =>
  own === null ? undefined : or(isNull(owner), eq(owner, own));

/** The same, for a query written in SQL: `and (…)` over the owner column given, or nothing. */
export const inBookSql = (owner: SQL, own: number | null): SQL =>
  own === null ? sql`` : sql` and (${owner} is null or ${owner} = ${own})`;
