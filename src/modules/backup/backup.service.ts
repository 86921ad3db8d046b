import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/create-db.ts';
import { keysetPages } from '../../db/pages.ts';
import { AppError } from '../../shared/errors.ts';
import { freshenScores, rebuildReachStats } from '../queue/index.ts';
import {
  backupTables,
  emptyBook,
  insertBackupRows,
  prospectCount,
  restartIdSequences,
  type StoredColumn,
  storedColumns,
  tableRowsAfter,
  teamIds,
} from './backup.repository.ts';

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
  for (const name of backupTables()) {
    const pages = keysetPages(
      ({ after, limit }) => tableRowsAfter(db, { table: name, after, limit }),
      (row) => row.id,
      binaryTable(name) ? BINARY_ROWS : undefined,
    );
    for await (const rows of pages)
      yield rows
        .map((row) => `${JSON.stringify({ table: name, row: withoutSecrets(name, row) })}\n`)
        .join('');
  }
}

/** A row as a backup carries it: the telephony auth token and API key secret are never written out (set them again after a restore). */
function withoutSecrets(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const kept =
    table === 'teams' && 'twilioAuthToken' in row
      ? { ...row, twilioAuthToken: null, twilioApiKeySecret: null }
      : row;
  // Binary columns (a recorded message's audio) travel as base64.
  const binary = Object.entries(kept).filter(([, value]) => Buffer.isBuffer(value));
  return binary.length === 0
    ? kept
    : {
        ...kept,
        ...Object.fromEntries(binary.map(([key, value]) => [key, (value as Buffer).toString('base64')])),
      };
}

/** Rows of a table of binary data held at once, written or restored: a recorded message is megabytes. */
const BINARY_ROWS = 8;
const binaryTable = (table: string): boolean => Object.values(columnsOf(table)).some((c) => c.binary);

/** Loads a backup into a book that holds no prospects yet; all or nothing. */
export async function restoreBackup(db: Db, input: Readable): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    if ((await prospectCount(tx)) > 0) {
      throw new AppError(
        'conflict',
        'This book already has prospects: restore a backup into a new data directory or database',
      );
    }
    await emptyBook(tx);
    let lineNo = 0;
    const pending = { name: '', rows: [] as Record<string, unknown>[] };
    const flush = async () => {
      if (pending.rows.length === 0) return;
      await insertBackupRows(tx, { table: pending.name, rows: pending.rows });
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
      if (pending.rows.length >= (binaryTable(table) ? BINARY_ROWS : 500)) await flush();
    }
    await flush();
    if (lineNo === 0) throw new AppError('unreadable_input', 'The backup file is empty');
    await restartIdSequences(tx);
    // The learned summaries are derived: rebuilt from the restored call log, whatever the backup held.
    for (const team of await teamIds(tx)) await rebuildReachStats(tx, team);
  });
  // The queue's scores of the restored book are written now, not by its first queue.
  for (const team of await teamIds(db)) await freshenScores(db, team);
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

function columnsOf(name: string): Record<string, StoredColumn> {
  const columns = storedColumns(name);
  if (!columns) throw new AppError('unreadable_input', `Unknown table in backup: ${name}`);
  return columns;
}

// JSON loses Date; put timestamps back by the column's type.
function revive(name: string, row: Record<string, unknown>): Record<string, unknown> {
  const columns = columnsOf(name);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const column = columns[key];
    if (!column) throw new AppError('unreadable_input', `Unknown column ${name}.${key} in backup`);
    if (column.generated) continue;
    out[key] = reviveValue(column, value);
  }
  return out;
}

function reviveValue(column: StoredColumn, value: unknown): unknown {
  if (column.instants === 'one' && typeof value === 'string') return new Date(value);
  if (column.binary && typeof value === 'string') return Buffer.from(value, 'base64');
  if (column.instants === 'many' && Array.isArray(value))
    return value.map((v) => (typeof v === 'string' ? new Date(v) : v));
  return value;
}
