import type { Db } from '../db/create-db.ts';
import type { teams } from '../db/schema.ts';

/** The team a book serves, as stored. */
export type Team = typeof teams.$inferSelect;

/** What every operation runs with: the book's database and the team it serves. */
export type Ctx = { db: Db; team: Team };
