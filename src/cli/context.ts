import { readLock, resolveDataDir } from '../db/data-dir.ts';
import { httpOrigin } from '../shared/http-origin.ts';
import type { ReachClient } from './client.ts';

export type CommonOptions = { data?: string; json?: boolean };
export type Opened = { client: ReachClient; close: () => Promise<void> };

/**
 * Opens Reach for one command: the PostgreSQL server in DATABASE_URL, else the embedded
 * database in the data directory, else (when a Reach server holds that directory) the server's API.
 * Each way loads only its own code: a command sent to a server never loads the database.
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
      const { httpClient } = await import('./http-client.ts');
      return { client: httpClient({ baseUrl, token: env['REACH_TOKEN'] }), close: async () => undefined };
    }
  }
  // The features load while the database starts, rather than after it.
  const features = import('./client.ts');
  features.catch(() => undefined); // a failure is reported where it is awaited, below
  const [{ openBook }, { loadTeam }] = await Promise.all([
    import('../app/open-book.ts'),
    import('../modules/team/index.ts'),
  ]);
  const book = await openBook({ data: options.data, databaseUrl: url, holder: { kind: 'cli' } });
  try {
    const team = await loadTeam(book.database.db);
    const { localClient } = await features;
    return { client: localClient({ db: book.database.db, team }, book.where), close: book.close };
  } catch (error) {
    await book.close();
    throw error;
  }
}
