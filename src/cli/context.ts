import { createDb } from '../db/create-db.ts';
import { acquireLock, lockedError, prepareDataDir, readLock, resolveDataDir } from '../db/data-dir.ts';
import { loadTeam } from '../modules/team/team.service.ts';
import { localClient, type ReachClient } from './client.ts';
import { httpClient } from './http-client.ts';

export type CommonOptions = { data?: string; json?: boolean };
export type Opened = { client: ReachClient; close: () => Promise<void> };

/**
 * Opens Reach for one command: the PostgreSQL server in DATABASE_URL, else the embedded
 * database in the data directory, else (when a Reach server holds that directory) the server's API.
 */
export async function openClient(
  options: CommonOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Opened> {
  const url = env['DATABASE_URL'];
  if (url) {
    const database = await createDb({ kind: 'postgres', url, max: 4 });
    const team = await loadTeam(database.db);
    return { client: localClient({ db: database.db, team }, 'PostgreSQL'), close: database.close };
  }
  const dir = resolveDataDir(options.data, env);
  const holder = readLock(dir);
  if (holder?.kind === 'server' && holder.port) {
    const host =
      holder.host === '0.0.0.0' || holder.host === '::' ? '127.0.0.1' : (holder.host ?? '127.0.0.1');
    const client = httpClient({
      baseUrl: `http://${host.includes(':') ? `[${host}]` : host}:${holder.port}`,
      token: env['REACH_TOKEN'],
    });
    return { client, close: async () => undefined };
  }
  if (holder) throw lockedError(dir, holder);
  prepareDataDir(dir);
  const release = acquireLock(dir, { kind: 'cli' });
  try {
    const database = await createDb({ kind: 'pglite', dataDir: dir });
    const team = await loadTeam(database.db);
    return {
      client: localClient({ db: database.db, team }, dir),
      close: async () => {
        await database.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
