import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, upToDate } from '../src/db/create-db.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

/** When the second newest migration was made (the journal's `when`). */
const secondNewest = (): number => {
  const journal = JSON.parse(
    readFileSync(new URL('../src/db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: { when: number }[] };
  return journal.entries.map((e) => e.when).sort((a, b) => b - a)[1]!;
};

describe.each(drivers)('opening a book checks its migrations in one query on %s', (driver) => {
  let book: TestDb | undefined;
  afterEach(async () => {
    await book?.drop();
    book = undefined;
  });

  it('a migrated book is up to date; one missing its newest migration is not, and opening it applies that migration again', async () => {
    book = await freshDb(driver);
    const query = (text: string) => book!.executeSql(text);
    expect(await upToDate(query)).toBe(true);

    // The newest migration (row-level security that fails closed, and walls for sessions, tokens,
    // links, stage changes and teams) as not yet applied: its record gone, the policies as 0023 made them.
    // And the one before it (a rep's own hours): adding its key under the old policies needs their
    // word for the whole server, not the new one.
    await book.executeSql('delete from drizzle.__drizzle_migrations where created_at >= $1', [
      secondNewest(),
    ]);
    expect(await upToDate(query)).toBe(false);
    await book.executeSql(`
      drop policy "users_team" on users;
      create policy "users_team" on users using (coalesce(current_setting('reach.team', true), '') = ''
        or team_id = nullif(current_setting('reach.team', true), '')::integer);
      drop policy "sessions_team" on sessions;
      alter table sessions no force row level security;
      alter table sessions disable row level security;
      alter table pursuit_changes drop column user_id;
      alter table users drop column calling_hours_start, drop column calling_hours_end,
        drop column max_dials_per_day, drop column max_dials_per_week;`);
    const walled = "select count(*)::int as n from pg_policies where tablename = $1 and qual like '%''*''%'";
    if (driver === 'pglite') {
      const dumped = await book.dump!();
      const reopened = await createDb({ kind: 'pglite', template: dumped });
      expect(await upToDate((text) => reopened.executeSql(text))).toBe(true);
      expect((await reopened.executeSql(walled, ['sessions'])).rows).toEqual([{ n: 1 }]);
      expect((await reopened.executeSql(walled, ['users'])).rows).toEqual([{ n: 1 }]);
      await reopened.close();
    } else {
      const reopened = await createDb({ kind: 'postgres', url: book.url! });
      expect(await upToDate((text) => reopened.executeSql(text))).toBe(true);
      expect((await reopened.executeSql(walled, ['sessions'])).rows).toEqual([{ n: 1 }]);
      expect((await reopened.executeSql(walled, ['users'])).rows).toEqual([{ n: 1 }]);
      await reopened.close();
    }
  }, 120_000);

  it('a database without the migrations table has none', async () => {
    const empty = await import('@electric-sql/pglite').then(({ PGlite }) => new PGlite());
    expect(await upToDate((text) => empty.query(text))).toBe(false);
    await empty.close();
  });
});
