import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { asc, count, getTableColumns, getTableName, gt, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/create-db.ts';
import { keysetPages } from '../../db/pages.ts';
import { allTables } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { freshenScores, rebuildReachStats } from '../queue/index.ts';

const FORMAT = 'reach-backup';
const VERSION = 1;
type Header = { format: string; version: number; exportedAt: string };

/**
 * Every row of every table as NDJSON: a header line, then `{ "table", "row" }` lines, parents
 * first. Independent of the storage engine, so it carries a book across PGlite major versions.
 */
export async function* backupLines(db: Db, at: Date): AsyncGenerator<string> {
  const header: Header = { format: FORMAT, version: VERSION, exportedAt: at.toISOString() };
  yield `${JSON.stringify(header)}\n`;
  for (const [name, table] of Object.entries(allTables)) {
    const idColumn = (table as unknown as { id: Parameters<typeof gt>[0] }).id;
    const pages = keysetPages(
      async ({ after, limit }) =>
        (await db
          .select()
          .from(table as PgTable)
          .where(gt(idColumn, after))
          .orderBy(asc(idColumn))
          .limit(limit)) as { id: number }[],
      (row) => row.id,
    );
    for await (const rows of pages)
      yield rows.map((row) => `${JSON.stringify({ table: name, row })}\n`).join('');
  }
}

/** Loads a backup into a book that holds no prospects yet; all or nothing. */
export async function restoreBackup(db: Db, input: Readable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(allTables.prospects);
    if (Number(existing?.n ?? 0) > 0) {
      throw new AppError(
        'conflict',
        'This book already has prospects: restore a backup into a new data directory or database',
      );
    }
    for (const table of Object.values(allTables).reverse()) await tx.delete(table as PgTable);
    let lineNo = 0;
    const pending = { name: '', rows: [] as Record<string, unknown>[] };
    const flush = async () => {
      if (pending.rows.length === 0) return;
      await tx.insert(tableOf(pending.name) as PgTable).values(pending.rows as never);
      counts[pending.name] = (counts[pending.name] ?? 0) + pending.rows.length;
      pending.rows = [];
    };
    // Created only now: readline starts reading at once and would drop lines emitted during the awaits above.
    const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      const parsed = parseLine(line, lineNo);
      if (lineNo === 1) {
        checkHeader(parsed as Header);
        continue;
      }
      const { table, row } = parsed as { table: string; row: Record<string, unknown> };
      if (pending.name !== table) {
        await flush();
        pending.name = table;
      }
      pending.rows.push(revive(table, row));
      if (pending.rows.length >= 500) await flush();
    }
    await flush();
    if (lineNo === 0) throw new AppError('unreadable_input', 'The backup file is empty');
    for (const table of Object.values(allTables)) {
      const name = getTableName(table as PgTable);
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('"${name}"', 'id'), coalesce((select max(id) from "${name}"), 0) + 1, false)`,
        ),
      );
    }
    // The learned summaries are derived: rebuilt from the restored call log, whatever the backup held.
    for (const team of await tx.select({ id: allTables.teams.id }).from(allTables.teams))
      await rebuildReachStats(tx, team.id);
  });
  // The queue's scores of the restored book are written now, not by its first queue.
  for (const team of await db.select({ id: allTables.teams.id }).from(allTables.teams))
    await freshenScores(db, team.id);
  return counts;
}

function parseLine(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new AppError('unreadable_input', `Backup line ${lineNo} is not JSON`);
  }
}

function checkHeader(header: Header): void {
  if (header.format !== FORMAT || header.version !== VERSION) {
    throw new AppError(
      'unreadable_input',
      `Not a Reach backup (version ${VERSION}): line 1 is ${JSON.stringify(header)}`,
    );
  }
}

function tableOf(name: string) {
  const table = (allTables as Record<string, unknown>)[name];
  if (!table) throw new AppError('unreadable_input', `Unknown table in backup: ${name}`);
  return table;
}

// JSON loses Date; put timestamps back by the column's type.
function revive(name: string, row: Record<string, unknown>): Record<string, unknown> {
  const columns = getTableColumns(tableOf(name) as PgTable);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const column = columns[key];
    if (!column) throw new AppError('unreadable_input', `Unknown column ${name}.${key} in backup`);
    if (column.generated) continue;
    out[key] = reviveValue(column, value);
  }
  return out;
}

function reviveValue(column: { columnType: string; baseColumn?: unknown }, value: unknown): unknown {
  if (column.columnType === 'PgTimestamp' && typeof value === 'string') return new Date(value);
  const base = column.baseColumn as { columnType?: string } | undefined;
  if (column.columnType === 'PgArray' && base?.columnType === 'PgTimestamp' && Array.isArray(value))
    return value.map((v) => (typeof v === 'string' ? new Date(v) : v));
  return value;
}
