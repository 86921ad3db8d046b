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

/**
 * What a book's structure is (its relations, columns, row-level security, policies, roles and
 * the migrations it records), as one digest: a database a test changed the structure of is never handed to another.
 */
const STRUCTURE = `select md5(string_agg(x, ',' order by x)) as digest from (
  select 'c:' || n.nspname || '.' || c.relname || ':' || c.relkind::text || ':' || c.relrowsecurity || ':' || c.relforcerowsecurity as x
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_to%' and n.nspname not like 'pg\\_temp%'
  union all
  select 'a:' || c.relname || '.' || a.attname || ':' || a.atttypid || ':' || a.attnotnull
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_to%' and a.attnum > 0 and not a.attisdropped
  union all
  select 'p:' || schemaname || '.' || tablename || '.' || policyname || ':' || coalesce(qual, '') || ':' || coalesce(with_check, '') from pg_policies
  union all
  select 'r:' || rolname from pg_roles
  union all
  select 'm:' || hash from drizzle.__drizzle_migrations
) parts`;

/** Every table a test may write (all but the migrations' own record), and every sequence. */
const TABLES = `select format('%I.%I', schemaname, tablename) as name from pg_tables
  where schemaname not in ('pg_catalog', 'information_schema', 'drizzle')`;
const SEQUENCES = `select format('%I.%I', schemaname, sequencename) as name from pg_sequences
  where schemaname not in ('pg_catalog', 'information_schema', 'drizzle')`;

/** The migrated template's digest, once its tables were checked empty; null where they were not. */
let templateStructure: string | null | undefined;
/** In-memory books a finished test left as the template made them, ready for the next test. */
const spares: Database[] = [];

const structureOf = async (database: Database): Promise<string> =>
  ((await database.executeSql(STRUCTURE)).rows[0] as { digest: string }).digest;

/**
 * Puts an in-memory book back as the template made it, for the next test: its session settings,
 * locks and notifications reset, every table emptied and every sequence restarted. Only a book
 * whose structure is still the template's is kept; any other is closed.
 */
async function keepForNext(database: Database): Promise<void> {
  try {
    if (templateStructure === null || templateStructure === undefined) throw new Error('no template');
    await database.executeSql('select pg_advisory_unlock_all()');
    await database.executeSql('unlisten *');
    await database.executeSql('reset all');
    const tables = (await database.executeSql(TABLES)).rows as { name: string }[];
    await database.executeSql(`truncate ${tables.map((t) => t.name).join(', ')} restart identity cascade`);
    for (const { name } of (await database.executeSql(SEQUENCES)).rows as { name: string }[])
      await database.executeSql(`alter sequence ${name} restart`);
    if ((await structureOf(database)) !== templateStructure) throw new Error('structure changed');
    spares.push(database);
  } catch {
    await database.close().catch(() => undefined);
  }
}

async function freshPglite(): Promise<TestDb> {
  template ??= createDb({ kind: 'pglite' }).then(async (db) => {
    // A template whose tables hold rows (a migration's seed) could not be restored by emptying them.
    const tables = (await db.executeSql(TABLES)).rows as { name: string }[];
    let rows = 0;
    for (const { name } of tables)
      rows += ((await db.executeSql(`select count(*)::int as n from ${name}`)).rows[0] as { n: number }).n;
    templateStructure = rows === 0 ? await structureOf(db) : null;
    const blob = await db.dump!();
    await db.close();
    return blob;
  });
  const blob = await template;
  const database = spares.pop() ?? (await createDb({ kind: 'pglite', template: blob }));
  // A test that listened, or closed the book itself, leaves it to nobody.
  let reusable = true;
  const own: Database = {
    ...database,
    close: async () => {
      reusable = false;
      await database.close();
    },
    listen: (channel, hear) => {
      reusable = false;
      return database.listen(channel, hear);
    },
  };
  const team = await loadTeam(database.db);
  let dropped = false;
  return {
    ...own,
    ctx: { db: database.db, team },
    drop: async () => {
      if (dropped) return;
      dropped = true;
      if (reusable) await keepForNext(database);
      else await database.close().catch(() => undefined);
    },
  };
}

/** A fresh, migrated, empty database: in-memory PGlite, or a new database on the PostgreSQL server. */
export async function freshDb(driver: Driver): Promise<TestDb> {
  if (driver === 'pglite') return freshPglite();
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
