import { afterEach, describe, expect, it } from 'vitest';
import { createDb, newestMigration, upToDate } from '../src/db/create-db.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

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

    // The newest migration (a rep's own hours and limits, who decided a keep-or-drop) as not yet applied: its record gone and what it made dropped.
    await book.executeSql('delete from drizzle.__drizzle_migrations where created_at = $1', [
      newestMigration(),
    ]);
    expect(await upToDate(query)).toBe(false);
    await book.executeSql(`
      alter table pursuit_changes drop column user_id;
      alter table users drop column calling_hours_start, drop column calling_hours_end,
        drop column max_dials_per_day, drop column max_dials_per_week`);
    const column =
      "select count(*)::int as n from information_schema.columns where table_name = 'pursuit_changes' and column_name = $1";

    if (driver === 'pglite') {
      const dumped = await book.dump!();
      const reopened = await createDb({ kind: 'pglite', template: dumped });
      expect(await upToDate((text) => reopened.executeSql(text))).toBe(true);
      expect((await reopened.executeSql(column, ['user_id'])).rows).toEqual([{ n: 1 }]);
      await reopened.close();
    } else {
      const reopened = await createDb({ kind: 'postgres', url: book.url! });
      expect(await upToDate((text) => reopened.executeSql(text))).toBe(true);
      expect((await reopened.executeSql(column, ['user_id'])).rows).toEqual([{ n: 1 }]);
      await reopened.close();
    }
  }, 120_000);

  it('a database without the migrations table has none', async () => {
    const empty = await import('@electric-sql/pglite').then(({ PGlite }) => new PGlite());
    expect(await upToDate((text) => empty.query(text))).toBe(false);
    await empty.close();
  });
});
