import { and, desc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { callAttempts, callbacks, phoneNumbers, prospects, voicemails } from '../../db/schema.ts';
import type { ProspectRow } from '../prospects/index.ts';
import type { AttemptRow, CallbackRow, VoicemailRow } from './calls.repository.ts';

export type NewCallbackRow = typeof callbacks.$inferInsert;

/** The team's numbers equal to this one, in the order they were added: whose each is, its kind, its company. */
export async function numbersMatching(
  db: Db,
  input: { teamId: number; e164: string },
): Promise<{ id: number | null; kind: string; companyId: number | null }[]> {
  return db
    .select({ id: phoneNumbers.prospectId, kind: phoneNumbers.kind, companyId: phoneNumbers.companyId })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.teamId, input.teamId), eq(phoneNumbers.e164, input.e164)))
    .orderBy(phoneNumbers.id);
}

/** The ids of the people at these companies (none asked: none read). */
export async function prospectIdsAtCompanies(db: Db, companyIds: number[]): Promise<number[]> {
  if (companyIds.length === 0) return [];
  const rows = await db
    .select({ id: prospects.id })
    .from(prospects)
    .where(inArray(prospects.companyId, companyIds));
  return rows.map((p) => p.id);
}

/** The latest messages left for the prospect up to an instant, newest first, each with the callback credited to it. */
export async function messagesLeftFor(
  db: Db,
  input: { prospectId: number; until: Date; limit: number },
): Promise<{ vm: VoicemailRow; cb: number | null }[]> {
  return db
    .select({ vm: voicemails, cb: callbacks.id })
    .from(voicemails)
    .leftJoin(callbacks, eq(callbacks.voicemailId, voicemails.id))
    .where(and(eq(voicemails.prospectId, input.prospectId), lte(voicemails.at, input.until)))
    .orderBy(desc(voicemails.at))
    .limit(input.limit);
}

/** The prospect's last call up to an instant, if any. */
export async function lastAttemptOf(
  db: Db,
  input: { prospectId: number; until: Date },
): Promise<AttemptRow | undefined> {
  const [last] = await db
    .select()
    .from(callAttempts)
    .where(and(eq(callAttempts.prospectId, input.prospectId), lte(callAttempts.at, input.until)))
    .orderBy(desc(callAttempts.at))
    .limit(1);
  return last;
}

/** The prospects with these ids (none asked: none read). */
export async function prospectsByIds(db: Db, ids: number[]): Promise<ProspectRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(prospects).where(inArray(prospects.id, ids));
}

/** Records an inbound call; its id. */
export async function insertCallback(db: Db, row: NewCallbackRow): Promise<number> {
  const [inserted] = await db.insert(callbacks).values(row).returning({ id: callbacks.id });
  return inserted!.id;
}

/** Locks the prospect's row for the caller's transaction, so that their callbacks take turns. */
export async function lockProspect(db: Db, input: { prospectId: number }): Promise<void> {
  await db
    .select({ id: prospects.id })
    .from(prospects)
    .where(eq(prospects.id, input.prospectId))
    .for('update');
}

/** The latest message left for the prospect between two instants, with the callback it already earned, if any. */
export async function latestMessageBetween(
  db: Db,
  input: { prospectId: number; since: Date; until: Date },
): Promise<{ id: number; credited: number | null } | undefined> {
  const [latest] = await db
    .select({ id: voicemails.id, credited: callbacks.id })
    .from(voicemails)
    .leftJoin(callbacks, eq(callbacks.voicemailId, voicemails.id))
    .where(
      and(
        eq(voicemails.prospectId, input.prospectId),
        gte(voicemails.at, input.since),
        lte(voicemails.at, input.until),
      ),
    )
    .orderBy(desc(voicemails.at), desc(voicemails.id))
    .limit(1);
  return latest;
}

/** One of the team's callbacks. */
export async function callbackOfTeam(
  db: Db,
  input: { teamId: number; id: number },
): Promise<CallbackRow | undefined> {
  const [row] = await db
    .select()
    .from(callbacks)
    .where(and(eq(callbacks.id, input.id), eq(callbacks.teamId, input.teamId)));
  return row;
}

/**
 * Gives a callback no one has claimed to a prospect, with the message it is credited to and
 * what it came to; false when someone attached it meanwhile.
 */
export async function attachUnclaimedCallback(
  db: Db,
  input: {
    id: number;
    prospectId: number;
    voicemailId: number | null;
    result: string | null;
    resultAt: Date | null;
  },
): Promise<boolean> {
  const [attached] = await db
    .update(callbacks)
    .set({
      prospectId: input.prospectId,
      voicemailId: input.voicemailId,
      result: input.result,
      resultAt: input.resultAt,
    })
    .where(and(eq(callbacks.id, input.id), isNull(callbacks.prospectId)))
    .returning({ id: callbacks.id });
  return attached !== undefined;
}

/** Writes what a callback of a known caller came to, once: false when it has a result already. */
export async function settleUnsettledCallback(
  db: Db,
  input: { id: number; result: string; resultAt: Date | null; note: string | null },
): Promise<boolean> {
  const [settled] = await db
    .update(callbacks)
    .set({
      result: input.result,
      resultAt: input.resultAt,
      ...(input.note !== null ? { note: input.note } : {}),
    })
    .where(and(eq(callbacks.id, input.id), isNull(callbacks.result)))
    .returning({ id: callbacks.id });
  return settled !== undefined;
}
