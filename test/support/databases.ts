import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { createDb, type Database } from '../../src/db/create-db.ts';
import { type Ctx, loadTeam } from '../../src/modules/team/team.service.ts';

export type Driver = 'pglite' | 'postgres';

/** The drivers the contract suites run against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const drivers: Driver[] = process.env['TEST_DATABASE_URL'] ? ['pglite', 'postgres'] : ['pglite'];

/** `url`: the PostgreSQL database's address, for a second connection as another process would open. */
export type TestDb = Database & { ctx: Ctx; drop: () => Promise<void>; url?: string };

// One initdb per test process; every fresh PGlite after it is a copy of this migrated, empty one.
let template: Promise<Blob> | undefined;

/** The role that owns every test database on the PostgreSQL server (and so its tables). */
const OWNER = 'reach_owner';

async function ensureOwnerRole(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query('select 1 from pg_roles where rolname = $1', [OWNER]);
  if (rows.length > 0) return;
  try {
    await admin.query(`create role ${OWNER} login nosuperuser nobypassrls`);
  } catch (error) {
    // Another test process made it first.
    if (!['23505', '42710'].includes((error as { code?: string }).code ?? '')) throw error;
  }
}

/** The migrations as they are now, by content: a template made from older ones is not used. */
function migrationsDigest(): string {
  const folder = new URL('../../src/db/migrations/', import.meta.url);
  const hash = createHash('sha256');
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    hash.update(file).update(readFileSync(new URL(file, folder)));
  return hash.digest('hex').slice(0, 12);
}

let serverTemplate: Promise<string> | undefined;

/** Runs a statement a closed connection still lingering on its database refuses (55006), once it is gone. */
async function whenLetGo<T>(statement: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await statement();
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || tries >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * A database on the server migrated once for the whole run (by whichever test process comes
 * first, under an advisory lock), which every fresh database is copied from: a copy takes a
 * tenth of the time the migrations take. Templates of older migrations are dropped.
 */
function templateOnServer(base: string): Promise<string> {
  serverTemplate ??= (async () => {
    const name = `reach_template_${migrationsDigest()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await ensureOwnerRole(admin);
      await admin.query('select pg_advisory_lock(7302)');
      const { rows } = await admin.query('select datname from pg_database where datname like $1', [
        'reach_template_%',
      ]);
      const names = rows.map((r: { datname: string }) => r.datname);
      for (const old of names.filter((n) => n !== name))
        await admin.query(`drop database if exists ${old}`).catch(() => undefined);
      if (!names.includes(name)) {
        const making = `${name}_making`;
        await admin.query(`drop database if exists ${making}`);
        await admin.query(`create database ${making} owner ${OWNER}`);
        const url = new URL(base);
        url.pathname = `/${making}`;
        url.username = OWNER;
        const made = await createDb({ kind: 'postgres', url: url.toString(), max: 1 });
        await made.close();
        // Only a template with every migration is ever seen under its name.
        await whenLetGo(() => admin.query(`alter database ${making} rename to ${name}`));
      }
      return name;
    } finally {
      await admin.query('select pg_advisory_unlock(7302)').catch(() => undefined);
      await admin.end();
    }
  })();
  return serverTemplate;
}

/** A fresh, migrated, empty database: in-memory PGlite, or a new database on the PostgreSQL server. */
export async function freshDb(driver: Driver): Promise<TestDb> {
  if (driver === 'pglite') {
    template ??= createDb({ kind: 'pglite' }).then(async (db) => {
      const blob = await db.dump!();
      await db.close();
      return blob;
    });
    const database = await createDb({ kind: 'pglite', template: await template });
    const team = await loadTeam(database.db);
    return { ...database, ctx: { db: database.db, team }, drop: database.close };
  }
  const base = process.env['TEST_DATABASE_URL']!;
  const name = `reach_test_${randomBytes(6).toString('hex')}`;
  const copied = await templateOnServer(base);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  // Owned by a role that is neither superuser nor BYPASSRLS, as a production book should be: the
  // row-level security policies hold for every query the suites make on PostgreSQL.
  await whenLetGo(() => admin.query(`create database ${name} template ${copied} owner ${OWNER}`));
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  url.username = OWNER;
  const database = await createDb({ kind: 'postgres', url: url.toString(), max: 4 });
  const team = await loadTeam(database.db);
  return {
    ...database,
    ctx: { db: database.db, team },
    url: url.toString(),
    drop: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      // Closed connections linger a moment on the server; wait for them rather than kill them.
      for (let tries = 0; ; tries++) {
        try {
          await cleanup.query(`drop database if exists ${name}${tries >= 50 ? ' with (force)' : ''}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || tries >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      await cleanup.end();
    },
  };
}

/** An async iterable of one string, as a file stream would give. */
export const textInput = (text: string, chunk = 7): AsyncIterable<string> => ({
  async *[Symbol.asyncIterator]() {
    for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
  },
});

/** A streamed export read whole. */
export async function collect(iterable: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of iterable) text += chunk;
  return text;
}
