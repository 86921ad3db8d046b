import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { cadences } from '../../db/schema.ts';

/** The definitions of the team's own cadences, by name. */
export async function ownCadenceDefinitions(
  db: Db,
  input: { teamId: number },
): Promise<{ definition: Record<string, unknown> }[]> {
  return db
    .select({ definition: cadences.definition })
    .from(cadences)
    .where(eq(cadences.teamId, input.teamId))
    .orderBy(asc(cadences.name));
}

/** The id of the team's own cadence of this name, if there is one. */
export async function ownCadenceId(
  db: Db,
  input: { teamId: number; name: string },
): Promise<{ id: number } | undefined> {
  const [existing] = await db
    .select({ id: cadences.id })
    .from(cadences)
    .where(and(eq(cadences.teamId, input.teamId), eq(cadences.name, input.name)));
  return existing;
}

/** Writes a new definition over a stored cadence. */
export async function replaceCadence(
  db: Db,
  input: { id: number; definition: Record<string, unknown>; at: Date },
): Promise<void> {
  await db
    .update(cadences)
    .set({ definition: input.definition, updatedAt: input.at })
    .where(eq(cadences.id, input.id));
}

/** Stores a new cadence of the team's. */
export async function insertCadence(
  db: Db,
  input: { teamId: number; name: string; definition: Record<string, unknown> },
): Promise<void> {
  await db.insert(cadences).values(input);
}

/** Deletes the team's own cadence of this name; how many went (0 or 1). */
export async function deleteCadence(db: Db, input: { teamId: number; name: string }): Promise<number> {
  const gone = await db
    .delete(cadences)
    .where(and(eq(cadences.teamId, input.teamId), eq(cadences.name, input.name)))
    .returning({ id: cadences.id });
  return gone.length;
}
