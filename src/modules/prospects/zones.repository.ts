import { asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { phoneNumbers, prospects, zoneChanges } from '../../db/schema.ts';
import type { NewProspectRow, ProspectRow } from './prospects.repository.ts';

export type ZoneChangeRow = typeof zoneChanges.$inferSelect;

/**
 * The next prospects whose zone the current rules have not checked, by id, locked for the
 * caller's transaction; rows another process holds are skipped.
 */
export async function lockUncheckedZones(db: Db, input: { limit: number }): Promise<ProspectRow[]> {
  return db
    .select()
    .from(prospects)
    .where(isNull(prospects.zoneCheckedAt))
    .orderBy(asc(prospects.id))
    .limit(input.limit)
    .for('update', { skipLocked: true });
}

/** The numbers of these prospects with their kinds, which point to the zones they sit in. */
export async function numbersOfProspects(
  db: Db,
  prospectIds: number[],
): Promise<{ prospectId: number | null; e164: string; kind: string }[]> {
  return db
    .select({ prospectId: phoneNumbers.prospectId, e164: phoneNumbers.e164, kind: phoneNumbers.kind })
    .from(phoneNumbers)
    .where(inArray(phoneNumbers.prospectId, prospectIds));
}

/** Records that a prospect's zone changed, from what to what and why. */
export async function insertZoneChange(
  db: Db,
  input: { teamId: number; prospectId: number; at: Date; before: string[]; after: string[]; reason: string },
): Promise<void> {
  await db.insert(zoneChanges).values(input);
}

/** Marks the prospect's zone checked at this instant, writing the new zone when it changed. */
export async function markZoneChecked(
  db: Db,
  input: { prospectId: number; patch: Partial<NewProspectRow>; at: Date },
): Promise<void> {
  await db
    .update(prospects)
    .set({ ...input.patch, zoneCheckedAt: input.at })
    .where(eq(prospects.id, input.prospectId));
}

/** The team's zone changes, newest first, each with the prospect's name and email. */
export async function zoneChangesOfTeam(
  db: Db,
  input: { teamId: number },
): Promise<
  { change: ZoneChangeRow; firstName: string | null; lastName: string | null; email: string | null }[]
> {
  return db
    .select({
      change: zoneChanges,
      firstName: prospects.firstName,
      lastName: prospects.lastName,
      email: prospects.email,
    })
    .from(zoneChanges)
    .innerJoin(prospects, eq(prospects.id, zoneChanges.prospectId))
    .where(eq(zoneChanges.teamId, input.teamId))
    .orderBy(desc(zoneChanges.at), asc(zoneChanges.prospectId));
}
