import type { Db } from '../db/create-db.ts';
import type { teams } from '../db/schema.ts';

/** The team a book serves, as stored. */
export type Team = typeof teams.$inferSelect;

/**
 * Who an operation runs as. An account (`user`, by session or personal token) has its role; the
 * `operator` is whoever holds the server itself: REACH_TOKEN, the CLI on the database, or anyone
 * on loopback while the book has no accounts.
 */
/** A rep's own calling hours (the called person's clock, `HH:MM`) and dials per prospect. */
export type OwnLimits = {
  callingHoursStart: string | null;
  callingHoursEnd: string | null;
  maxDialsPerDay: number | null;
  maxDialsPerWeek: number | null;
};

export type Principal =
  | {
      kind: 'user';
      id: number;
      name: string;
      email: string;
      role: 'rep' | 'manager' | 'admin';
      via: 'session' | 'token';
      teamId: number;
      /** An admin of the server's first team: manages the server's teams. */
      owner: boolean;
      /** The session this request came with (its row id), for "this desk" and its CSRF token. */
      session?: { id: number; csrf: string };
      /** The user's own calling hours and dial limits, where set: narrower than the team's, never wider. */
      limits?: OwnLimits;
    }
  | { kind: 'operator'; via: 'operator' | 'open' };

/**
 * What every operation runs with: the book's database, the team it serves and who asks, and,
 * where the instant is not the caller's to choose (a call is placed now), the server's clock:
 * the machine's unless a test or a rehearsal server sets another. Without `user` the caller is
 * the operator (the CLI on its own book, a test).
 */
export type Ctx = {
  db: Db;
  team: Team;
  clock?: () => Date;
  user?: Principal;
  /** The address the request came from, for the audit log. */
  address?: string | null;
};

/** The server's now. */
export const nowOf = (ctx: Pick<Ctx, 'clock'>): Date => ctx.clock?.() ?? new Date();
