import { asc, count, getTableColumns, getTableName, gt, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/create-db.ts';
import { allTables, passwordLinks, prospectHolds, sessions } from '../../db/schema.ts';

/** What a restore needs to know of a stored column: whether it is computed, and whether it holds instants. */
export type StoredColumn = { generated: boolean; instants: 'one' | 'many' | null; binary: boolean };

/** The book's tables by their backup names, parents first. */
export function backupTables(): string[] {
  return Object.keys(allTables);
}

const tableNamed = (name: string): PgTable => allTables[name as keyof typeof allTables] as PgTable;

const described = new Map<unknown, Record<string, StoredColumn>>();

/** The columns of the table a backup names, by their backup names; null when the book has no such table. */
export function storedColumns(name: string): Record<string, StoredColumn> | null {
  const table = (allTables as Record<string, unknown>)[name];
  if (!table) return null;
  let columns = described.get(table);
  if (!columns) {
    columns = Object.fromEntries(
      Object.entries(getTableColumns(table as PgTable)).map(([key, column]) => {
        const base = (column as { baseColumn?: unknown }).baseColumn as { columnType?: string } | undefined;
        const instants =
          column.columnType === 'PgTimestamp'
            ? 'one'
            : column.columnType === 'PgArray' && base?.columnType === 'PgTimestamp'
              ? 'many'
              : null;
        const binary = column.getSQLType() === 'bytea';
        return [key, { generated: Boolean(column.generated), instants, binary }];
      }),
    );
    described.set(table, columns);
  }
  return columns;
}

/** A page of a table's rows after the id `after`, in id order, as stored. */
export async function tableRowsAfter(
  db: Db,
  input: { table: string; after: number; limit: number },
): Promise<({ id: number } & Record<string, unknown>)[]> {
  const table = tableNamed(input.table);
  const idColumn = (table as unknown as { id: Parameters<typeof gt>[0] }).id;
  return (await db
    .select()
    .from(table)
    .where(gt(idColumn, input.after))
    .orderBy(asc(idColumn))
    .limit(input.limit)) as ({ id: number } & Record<string, unknown>)[];
}

/** How many prospects the book holds, across teams. */
export async function prospectCount(db: Db): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(allTables.prospects);
  return Number(existing?.n ?? 0);
}

/** Deletes every row of every table, children first. */
export async function emptyBook(db: Db): Promise<void> {
  // Sessions, password links and holds are not kept in a backup: a restored book is logged into and opened afresh.
  await db.delete(sessions);
  await db.delete(passwordLinks);
  await db.delete(prospectHolds);
  for (const table of Object.values(allTables).reverse()) await db.delete(table as PgTable);
}

/** Inserts rows read from a backup into the table it names. */
export async function insertBackupRows(
  db: Db,
  input: { table: string; rows: Record<string, unknown>[] },
): Promise<void> {
  await db.insert(tableNamed(input.table)).values(input.rows as never);
}

/** Sets each table's id sequence past its highest id, so that new rows after a restore do not collide. */
export async function restartIdSequences(db: Db): Promise<void> {
  for (const table of Object.values(allTables)) {
    const name = getTableName(table as PgTable);
    await db.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('"${name}"', 'id'), coalesce((select max(id) from "${name}"), 0) + 1, false)`,
      ),
    );
  }
}

/** The ids of the book's teams. */
export async function teamIds(db: Db): Promise<number[]> {
  const rows = await db.select({ id: allTables.teams.id }).from(allTables.teams);
  return rows.map((team) => team.id);
}
