import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, upToDate } from '../src/db/create-db.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

/** When the k-th newest migration was made (the journal's `when`; 1 is the newest). */
const newest = (k: number): number => {
  const journal = JSON.parse(
    readFileSync(new URL('../src/db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: { when: number }[] };
  return journal.entries.map((e) => e.when).sort((a, b) => b - a)[k - 1]!;
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

    // The three newest migrations as not yet applied, their records gone: a browser phone's API key
    // (its columns dropped); row-level security that fails closed, with walls for sessions, tokens,
    // links, stage changes and teams (the policies as 0023 made them); and a rep's own hours, whose
    // key is added under the old policies and so needs their word for the whole server.
    await book.executeSql('delete from drizzle.__drizzle_migrations where created_at >= $1', [newest(3)]);
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
        drop column max_dials_per_day, drop column max_dials_per_week;
      alter table teams drop column twilio_api_key_sid, drop column twilio_api_key_secret;
      alter table telephony_calls drop column rep_via;`);
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
