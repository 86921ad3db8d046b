import { createDb, type Database, redactUrl } from '../db/create-db.ts';
import { acquireLock, type LockHolder, prepareDataDir, resolveDataDir } from '../db/data-dir.ts';
import { reresolveZones } from '../modules/prospects/index.ts';
import { refreshUnkeptPursuits } from '../modules/pursuit/index.ts';
import { ensureReachStats } from '../modules/queue/index.ts';

export type OpenBook = { database: Database; where: string; close: () => Promise<void> };

/**
 * Opens the book for this process to write: the PostgreSQL server at `databaseUrl`, or the
 * embedded database in the data directory, taken under its lock (refused while another process holds it).
 */
export async function openBook(options: {
  data?: string | undefined;
  databaseUrl?: string | undefined;
  holder: Omit<LockHolder, 'pid' | 'startedAt'>;
}): Promise<OpenBook> {
  if (options.databaseUrl) {
    const database = await createDb({ kind: 'postgres', url: options.databaseUrl });
    await upgrade(database);
    return { database, where: `PostgreSQL ${redactUrl(options.databaseUrl)}`, close: database.close };
  }
  const dir = resolveDataDir(options.data);
  prepareDataDir(dir);
  const release = await acquireLock(dir, options.holder);
  try {
    const database = await createDb({ kind: 'pglite', dataDir: dir });
    await upgrade(database);
    return {
      database,
      where: dir,
      close: async () => {
        await database.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Brings a book's derived data up to the current rules, saying what changed. */
async function upgrade(database: Database): Promise<void> {
  await ensureReachStats(database.db);
  await refreshUnkeptPursuits(database.db);
  const changed = await reresolveZones(database.db, new Date());
  if (changed > 0)
    console.error(
      `Re-resolved time zones: ${changed} prospect${changed === 1 ? '' : 's'} changed (reach zones changes lists them and why)`,
    );
}
