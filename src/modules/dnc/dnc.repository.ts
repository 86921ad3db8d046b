import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { dncEntries, dncEvents, phoneNumbers, prospects, tasks } from '../../db/schema.ts';

export type DncEntryRow = typeof dncEntries.$inferSelect;
export type NewDncEntryRow = typeof dncEntries.$inferInsert;
export type DncEventRow = typeof dncEvents.$inferSelect;
export type NewDncEventRow = typeof dncEvents.$inferInsert;

/** Puts these entries on the list. */
export async function insertEntries(db: Db, rows: NewDncEntryRow[]): Promise<void> {
  await db.insert(dncEntries).values(rows);
}

/** Writes these lines to the list's audit log. */
export async function insertEvents(db: Db, rows: NewDncEventRow[]): Promise<void> {
  await db.insert(dncEvents).values(rows);
}

/** Whose the team's numbers equal to this one are: each prospect once (null for a company's line). */
export async function ownersOfNumber(
  db: Db,
  input: { teamId: number; e164: string },
): Promise<(number | null)[]> {
  const owners = await db
    .selectDistinct({ prospectId: phoneNumbers.prospectId })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.teamId, input.teamId), eq(phoneNumbers.e164, input.e164)));
  return owners.map((o) => o.prospectId);
}

/** Whether the prospect has a number in use that the list allows. */
export async function hasCallableNumber(db: Db, input: { prospectId: number }): Promise<boolean> {
  const callable = await db.execute(sql`
      select 1 from phone_numbers ph where ph.prospect_id = ${input.prospectId} and ph.valid
        and not exists (select 1 from dnc_entries d where d.team_id = ph.team_id and d.e164 = ph.e164 and d.removed_at is null)
      limit 1`);
  return rowsOf(callable).length > 0;
}

/** Cancels the prospect's open call tasks at this instant, keeping why in each one's payload. */
export async function cancelOpenCalls(
  db: Db,
  input: { prospectId: number; at: Date; reason: string },
): Promise<void> {
  await db
    .update(tasks)
    .set({
      status: 'cancelled',
      doneAt: input.at,
      payload: sql`${tasks.payload} || ${JSON.stringify({ cancelled: input.reason })}::jsonb`,
    })
    .where(
      and(eq(tasks.prospectId, input.prospectId), eq(tasks.status, 'open'), inArray(tasks.kind, ['call'])),
    );
}

/**
 * The team's entries still in force that match any of the keys: a number, a prospect, an
 * email. No key: none.
 */
export async function activeEntries(
  db: Db,
  input: {
    teamId: number;
    numbers: string[];
    prospectIds?: number[] | undefined;
    emails?: string[] | undefined;
  },
): Promise<DncEntryRow[]> {
  const match = or(
    input.numbers.length ? inArray(dncEntries.e164, input.numbers) : undefined,
    input.prospectIds?.length ? inArray(dncEntries.prospectId, input.prospectIds) : undefined,
    input.emails?.length ? inArray(dncEntries.email, input.emails) : undefined,
  );
  if (!match) return [];
  return db
    .select()
    .from(dncEntries)
    .where(and(eq(dncEntries.teamId, input.teamId), isNull(dncEntries.removedAt), match));
}

/** Lifts these entries at this instant, with the reason. */
export async function liftEntries(db: Db, input: { ids: number[]; at: Date; reason: string }): Promise<void> {
  await db
    .update(dncEntries)
    .set({ removedAt: input.at, removedReason: input.reason })
    .where(inArray(dncEntries.id, input.ids));
}

/** Takes these prospects' opt-out off, marked as updated at this instant. */
export async function clearOptOut(db: Db, input: { prospectIds: number[]; at: Date }): Promise<void> {
  await db
    .update(prospects)
    .set({ optedOut: false, updatedAt: input.at })
    .where(inArray(prospects.id, input.prospectIds));
}

/** The team's audit log, newest first. */
export async function eventsOfTeam(db: Db, input: { teamId: number; limit: number }): Promise<DncEventRow[]> {
  return db
    .select()
    .from(dncEvents)
    .where(eq(dncEvents.teamId, input.teamId))
    .orderBy(desc(dncEvents.at), desc(dncEvents.id))
    .limit(input.limit);
}

/**
 * The team's entries in force, newest first, each with its prospect's name and email: all of
 * them, or, when numbers or a prospect are given, those of the numbers or of the prospect.
 */
export async function listedEntries(
  db: Db,
  input: { teamId: number; numbers?: string[] | undefined; prospectId?: number | undefined; limit: number },
): Promise<
  {
    entry: DncEntryRow;
    p: { firstName: string | null; lastName: string | null; email: string | null } | null;
  }[]
> {
  const narrow =
    input.numbers !== undefined || input.prospectId !== undefined
      ? or(
          input.numbers?.length ? inArray(dncEntries.e164, input.numbers) : undefined,
          input.prospectId !== undefined ? eq(dncEntries.prospectId, input.prospectId) : undefined,
        )
      : undefined;
  return db
    .select({
      entry: dncEntries,
      p: { firstName: prospects.firstName, lastName: prospects.lastName, email: prospects.email },
    })
    .from(dncEntries)
    .leftJoin(prospects, eq(prospects.id, dncEntries.prospectId))
    .where(and(eq(dncEntries.teamId, input.teamId), isNull(dncEntries.removedAt), narrow))
    .orderBy(desc(dncEntries.addedAt), desc(dncEntries.id))
    .limit(input.limit);
}
