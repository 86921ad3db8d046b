import { openBook } from '../app/open-book.ts';
import { readLock, resolveDataDir } from '../db/data-dir.ts';
import { loadTeam } from '../modules/team/team.service.ts';
import { httpOrigin } from '../shared/http-origin.ts';
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
  if (!url) {
    const holder = readLock(resolveDataDir(options.data, env));
    if (holder?.kind === 'server' && holder.port) {
      const host =
        holder.host === '0.0.0.0' || holder.host === '::' ? '127.0.0.1' : (holder.host ?? '127.0.0.1');
      const baseUrl = httpOrigin({ host, port: holder.port });
      return { client: httpClient({ baseUrl, token: env['REACH_TOKEN'] }), close: async () => undefined };
    }
  }
  const book = await openBook({ data: options.data, databaseUrl: url, holder: { kind: 'cli' } });
  try {
    const team = await loadTeam(book.database.db);
    return { client: localClient({ db: book.database.db, team }, book.where), close: book.close };
  } catch (error) {
    await book.close();
    throw error;
  }
}
