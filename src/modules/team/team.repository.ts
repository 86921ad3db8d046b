import { and, asc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Team } from '../../context/context.ts';
import type { TeamConfigPatch } from '../../contracts/team.contract.ts';
import type { Db } from '../../db/create-db.ts';
import { teams, users } from '../../db/schema.ts';
import { forServer } from '../../db/team-scope.ts';

/** The book's first team, or null when it has none yet. */
export async function firstTeam(db: Db): Promise<Team | null> {
  const [existing] = await db.select().from(teams).orderBy(asc(teams.id)).limit(1);
  return existing ?? null;
}

/** Every team on the server, the first first: what runs for each team (calls folded, steps sent) runs for all. */
export function everyTeam(db: Db): Promise<Team[]> {
  return db.select().from(teams).orderBy(asc(teams.id));
}

/** One team by id, or null. */
export async function teamWithId(db: Db, id: number): Promise<Team | null> {
  const [row] = await db.select().from(teams).where(eq(teams.id, id)).limit(1);
  return row ?? null;
}

/** Creates a team with its first user; null when the team could not be written. */
export async function createTeam(db: Db, input: { name: string; repName: string }): Promise<Team | null> {
  const [team] = await db.insert(teams).values({ name: input.name }).returning();
  if (!team) return null;
  await db.insert(users).values({ teamId: team.id, name: input.repName });
  return team;
}

/** Writes settings on the team and gives it back as stored; null when there is no such team. */
export async function updateTeam(
  db: Db,
  input: { id: number; patch: TeamConfigPatch },
): Promise<Team | null> {
  const [team] = await db.update(teams).set(input.patch).where(eq(teams.id, input.id)).returning();
  return team ?? null;
}

/**
 * The first two users of the team, by id, with this id (when given) or this email or name in
 * any case: two when the words fit several.
 */
export async function usersMatching(
  db: Db,
  input: { teamId: number; id: number | null; text: string },
): Promise<number[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.teamId, input.teamId),
        or(
          input.id !== null ? eq(users.id, input.id) : undefined,
          sql`lower(${users.email}) = lower(${input.text})`,
          sql`lower(${users.name}) = lower(${input.text})`,
        ),
      ),
    )
    .orderBy(asc(users.id))
    .limit(2);
  return rows.map((r) => r.id);
}

/** Adds a user to the team: its id. */
export async function addUser(
  db: Db,
  input: { teamId: number; name: string; email: string | null },
): Promise<number> {
  const [user] = await db
    .insert(users)
    .values({ teamId: input.teamId, name: input.name, email: input.email })
    .returning({ id: users.id });
  return user!.id;
}

/** The zone of one user of the team, or of its first user when none is named; null when unset or no such user. */
export async function userZone(
  db: Db,
  input: { teamId: number; userId: number | null },
): Promise<string | null> {
  const [first] = await db
    .select({ timezone: users.timezone })
    .from(users)
    .where(
      input.userId === null
        ? eq(users.teamId, input.teamId)
        : and(eq(users.teamId, input.teamId), eq(users.id, input.userId)),
    )
    .orderBy(asc(users.id))
    .limit(1);
  return first?.timezone ?? null;
}

/**
 * Whether another team dials from `e164` (as its caller ID, or one of its reps'): a call in to a
 * number finds its team by it, so a number belongs to one team. Every team's rows are looked at.
 */
export async function numberOfAnotherTeam(db: Db, input: { e164: string; teamId: number }): Promise<boolean> {
  const [team] = await forServer(
    async () =>
      await db
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.callerId, input.e164), ne(teams.id, input.teamId)))
        .limit(1),
  );
  if (team) return true;
  const [rep] = await forServer(
    async () =>
      await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.callerId, input.e164), ne(users.teamId, input.teamId), isNull(users.disabledAt)))
        .limit(1),
  );
  return rep !== undefined;
}
