import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions, type Transaction } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { AppError } from '../shared/errors.ts';
import * as schema from './schema.ts';
import { currentTeam } from './team-scope.ts';

export type Schema = typeof schema;
/** The one database type every repository takes: a connection or a transaction on either driver. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbOptions =
  | { kind: 'pglite'; dataDir?: string; template?: Blob }
  | { kind: 'postgres'; url: string; max?: number };

/** Plain SQL with `$1` parameters on the same connection(s), for libraries that bring their own (pg-boss). */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

export type Database = {
  kind: DbOptions['kind'];
  db: Db;
  executeSql: ExecuteSql;
  close: () => Promise<void>;
  /** PGlite only: the whole database as a tarball, to clone from. */
  dump?: () => Promise<Blob>;
  /**
   * Hears every `pg_notify(channel, …)` any process sends on this database (PostgreSQL: on a
   * connection of its own; PGlite: its own notifications); returns how to stop hearing.
   */
  listen: (channel: string, hear: (payload: string) => void) => Promise<() => Promise<void>>;
};

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** When the newest migration file was written, as its journal records it (and drizzle stores once applied). */
export const newestMigration = (): number =>
  Math.max(
    ...(
      JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
        entries: { when: number }[];
      }
    ).entries.map((e) => e.when),
  );

/**
 * Whether the book already has every migration, by drizzle's own test (it applies the files newer
 * than the newest one applied), in one query: a book opened for one command is not made to read and
 * hash every migration file first. A book without the table has none.
 */
export async function upToDate(query: (text: string) => Promise<{ rows: unknown[] }>): Promise<boolean> {
  try {
    const { rows } = await query('select max(created_at)::text as newest from drizzle.__drizzle_migrations');
    const newest = (rows[0] as { newest: string | null } | undefined)?.newest;
    return newest !== null && newest !== undefined && Number(newest) >= newestMigration();
  } catch {
    return false;
  }
}

/** Opens the database, migrates it forward and returns the shared drizzle handle. */
export async function createDb(options: DbOptions): Promise<Database> {
  if (options.kind === 'pglite') {
    const client = await openPglite(options);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    if (!(await upToDate((text) => client.query(text))))
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    const executeSql: ExecuteSql = async (text, values = []) => {
      // Without parameters a text may hold several statements, which only the simple protocol takes.
      if (values.length > 0) return client.query(text, values);
      return { rows: (await client.exec(text)).at(-1)?.rows ?? [] };
    };
    return {
      kind: 'pglite',
      db,
      executeSql,
      close: () => client.close(),
      dump: () => client.dumpDataDir('none'),
      listen: async (channel, hear) => client.listen(channel, hear),
    };
  }
  const pool = new TeamPool({ connectionString: options.url, max: options.max ?? 10 });
  // An idle connection the server drops (a restart, an administrator) must not take the process down;
  // the pool replaces it on the next query.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end();
    throw new AppError(
      'unavailable',
      `Cannot connect to PostgreSQL at ${redactUrl(options.url)}: ${describe(error)}`,
      {
        cause: error,
      },
    );
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  await migrateServer(pool);
  return {
    kind: 'postgres',
    db,
    executeSql: (text, values = []) => pool.query(text, values),
    close: () => pool.end(),
    listen: (channel, hear) => listenOn(options.url, channel, hear),
  };
}

type TeamClient = pg.PoolClient & { reachTeam?: string };

/** What `reach.team` says for work that is every team's business (migration 0025's policies). */
const WHOLE_SERVER = '*';

/**
 * A pool whose connections are told the team the work that takes them runs for (`reach.team`,
 * read by the row-level security policies), whenever it differs from what they were last told:
 * a request's queries see only its team's rows, work for the whole server sees every team's. A
 * connection told nothing (another program's, or one that lost its setting) sees no team's rows.
 */
class TeamPool extends pg.Pool {
  // pg's two forms: a promise without a callback (drizzle's transactions), the callback's call with one (pool.query).
  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (error: Error | undefined, client: pg.PoolClient, done: () => void) => void,
  ): void;
  override connect(
    callback?: (error: Error | undefined, client: pg.PoolClient, done: () => void) => void,
  ): Promise<pg.PoolClient> | undefined {
    const team = currentTeam();
    const want = team === null ? WHOLE_SERVER : String(team);
    const told = (super.connect() as Promise<TeamClient>).then(async (client) => {
      if (client.reachTeam === want) return client;
      try {
        await client.query("select set_config('reach.team', $1, false)", [want]);
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      client.reachTeam = want;
      return client;
    });
    if (!callback) return told;
    told.then(
      (client) => callback(undefined, client, () => client.release()),
      (error: Error) => callback(error, undefined as unknown as pg.PoolClient, () => undefined),
    );
    return undefined;
  }
}

/**
 * A connection that only listens: reconnected a second after the server drops it, so a
 * restart of PostgreSQL costs the notifications sent while it was away, not the listener.
 */
async function listenOn(
  url: string,
  channel: string,
  hear: (payload: string) => void,
): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  const retry = (): void => {
    if (!stopped) setTimeout(() => void connect().catch(retry), 1000);
  };
  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) hear(message.payload);
    });
    c.on('error', () => {
      c.end().catch(() => undefined);
      retry();
    });
    await c.connect();
    await c.query(`listen ${pg.escapeIdentifier(channel)}`);
    client = c;
    // Stopped while this connection was being made: it is not kept.
    if (stopped) await c.end();
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end();
  };
}

/**
 * The driver's own client under a drizzle transaction, for what drizzle does not speak (COPY):
 * the server connection the transaction holds, or the embedded database's transaction.
 */
export type RawClient = { kind: 'postgres'; client: pg.ClientBase } | { kind: 'pglite'; client: Transaction };

/** The client a transaction runs on. Only a transaction has one connection of its own to lend. */
export function rawClientOf(tx: Db): RawClient {
  // drizzle keeps the client on the session without declaring it; both drivers name it `client`.
  const client = (tx._.session as unknown as { client?: unknown }).client;
  if (client instanceof pg.Client) return { kind: 'postgres', client };
  if (client instanceof pg.Pool || client instanceof PGlite || client === undefined)
    throw new Error('The raw client is lent only inside a transaction (a pool or a whole database has none)');
  return { kind: 'pglite', client: client as Transaction };
}

/** The embedded database's shared buffers. */
export const PGLITE_SHARED_BUFFERS = '64MB';

/** Opens PGlite in a directory, in memory, or in memory as a copy of a dumped template (much faster than initdb). */
async function openPglite(options: { dataDir?: string; template?: Blob }): Promise<PGlite> {
  // Half PostgreSQL's default buffers: a book is one team's, and the process also holds the
  // engine's own heap, so a million-row import stays under half a gigabyte.
  const settings: PGliteOptions = { postgresqlconf: [`shared_buffers = ${PGLITE_SHARED_BUFFERS}`] };
  if (options.dataDir !== undefined) settings.dataDir = options.dataDir;
  if (options.template !== undefined) settings.loadDataDir = options.template;
  try {
    const client = new PGlite(settings);
    await client.waitReady;
    return client;
  } catch (error) {
    const where = options.dataDir ?? 'memory';
    throw new AppError(
      'data_incompatible',
      `Cannot open the embedded database in ${where}: ${describe(error)}`,
      {
        cause: error,
      },
    );
  }
}

// Several processes may start against one server at once; an advisory lock serialises their migrations.
async function migrateServer(pool: pg.Pool): Promise<void> {
  if (await upToDate((text) => pool.query(text))) return;
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('select pg_advisory_lock(7301)');
    // Migrations are the whole server's work. A book whose row-level security predates 0025 says
    // so with an empty `reach.team`; 0025 then switches to its own word for it.
    await client.query(
      `select set_config('reach.team', case when exists (select 1 from pg_policies
         where policyname = 'users_team' and qual like '%reach.team%' and qual not like '%''*''%') then '' else $1 end, false)`,
      [WHOLE_SERVER],
    );
    await migratePg(drizzlePg(client), { migrationsFolder });
    await client.query("select set_config('reach.team', $1, false)", [WHOLE_SERVER]);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await client.query('select pg_advisory_unlock(7301)').catch(() => undefined);
    // A connection whose migration failed may say another word for the whole server: it is not reused.
    client.release(failed);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
