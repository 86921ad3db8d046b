import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The team a piece of work runs for, carried across every await of a request. On a PostgreSQL
 * server each connection the work takes is told it (`reach.team`), and row-level security then
 * shows and accepts only that team's rows: a second wall behind the repositories' own
 * `team_id = …`. Work for the whole server (folding every team's calls, the cadence worker, the
 * CLI on the database, what only the server's owner may do) runs without one.
 */
const scope = new AsyncLocalStorage<number | null>();

/** Runs `work` for one team: on PostgreSQL its queries see that team's rows alone. */
export const inTeam = <T>(team: number, work: () => T): T => scope.run(team, work);

/** Runs `work` for the whole server (another team's rows are its business). */
export const forServer = <T>(work: () => T): T => scope.run(null, work);

/** The team the current work runs for, or null for the whole server. */
export const currentTeam = (): number | null => scope.getStore() ?? null;
