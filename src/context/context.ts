import type { Db } from '../db/create-db.ts';
import type { teams } from '../db/schema.ts';

/** The team a book serves, as stored. */
export type Team = typeof teams.$inferSelect;

/**
 * What every operation runs with: the book's database and the team it serves, and, where the
 * instant is not the caller's to choose (a call is placed now), the server's clock: the machine's
 * unless a test or a rehearsal server sets another.
 */
export type Ctx = { db: Db; team: Team; clock?: () => Date };

/** The server's now. */
export const nowOf = (ctx: Pick<Ctx, 'clock'>): Date => ctx.clock?.() ?? new Date();
