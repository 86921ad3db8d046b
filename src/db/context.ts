import type { Db } from './create-db.ts';
import type { teams } from './schema.ts';

/** The team a book serves, as stored. */
export type Team = typeof teams.$inferSelect;

/** What every operation runs with: the book's database and the team it serves. */
export type Ctx = { db: Db; team: Team };
