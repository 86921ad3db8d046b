/** The rows of a raw `db.execute` result: both PGlite and node-postgres answer with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
