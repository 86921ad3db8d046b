import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { numberConsents, phoneNumbers, telephonyCalls, voicemailDrops } from '../../db/schema.ts';

export type DropRow = typeof voicemailDrops.$inferSelect;
type NewDrop = typeof voicemailDrops.$inferInsert;

/** The template a played recording is logged with: how its plays are counted and never repeated. */
export const dropTemplate = (id: number) => `drop:${id}`;

export async function insertDrop(db: Db, row: NewDrop): Promise<DropRow> {
  const [inserted] = await db.insert(voicemailDrops).values(row).returning();
  return inserted!;
}

/** The team's recorded messages without their audio, newest first, with how often each was played. */
export async function dropsOf(
  db: Db,
  input: { teamId: number },
): Promise<(Omit<DropRow, 'audio'> & { bytes: number; played: number })[]> {
  const rows = await db
    .select({
      id: voicemailDrops.id,
      teamId: voicemailDrops.teamId,
      name: voicemailDrops.name,
      kind: voicemailDrops.kind,
      transcript: voicemailDrops.transcript,
      contentType: voicemailDrops.contentType,
      seconds: voicemailDrops.seconds,
      retiredAt: voicemailDrops.retiredAt,
      createdAt: voicemailDrops.createdAt,
      bytes: sql<number>`octet_length(${voicemailDrops.audio})`,
      played: sql<number>`(select count(*) from ${telephonyCalls} c
        where c.drop_id = ${voicemailDrops.id} and c.dropped_at is not null)`,
    })
    .from(voicemailDrops)
    .where(eq(voicemailDrops.teamId, input.teamId))
    .orderBy(desc(voicemailDrops.id));
  return rows.map((r) => ({ ...r, bytes: Number(r.bytes), played: Number(r.played) }));
}

/** One recorded message of the team, by id or name, audio included. */
export async function dropOf(
  db: Db,
  input: { teamId: number; id?: number; name?: string },
): Promise<DropRow | undefined> {
  const [row] = await db
    .select()
    .from(voicemailDrops)
    .where(
      and(
        eq(voicemailDrops.teamId, input.teamId),
        input.id !== undefined ? eq(voicemailDrops.id, input.id) : undefined,
        input.name !== undefined ? sql`lower(${voicemailDrops.name}) = lower(${input.name})` : undefined,
      ),
    )
    .limit(1);
  return row;
}

/** The team's recorded messages still in use, ids only. */
export async function activeDropIds(db: Db, input: { teamId: number }): Promise<number[]> {
  const rows = await db
    .select({ id: voicemailDrops.id })
    .from(voicemailDrops)
    .where(and(eq(voicemailDrops.teamId, input.teamId), isNull(voicemailDrops.retiredAt)));
  return rows.map((r) => r.id);
}

export async function retire(db: Db, input: { id: number; at: Date }): Promise<void> {
  await db.update(voicemailDrops).set({ retiredAt: input.at }).where(eq(voicemailDrops.id, input.id));
}

/** Whether this recording was played to the prospect before, on any call (whatever its log says now). */
export async function heardBefore(db: Db, input: { prospectId: number; dropId: number }): Promise<boolean> {
  const [row] = await db
    .select({ id: telephonyCalls.id })
    .from(telephonyCalls)
    .where(
      and(
        eq(telephonyCalls.prospectId, input.prospectId),
        eq(telephonyCalls.dropId, input.dropId),
        sql`${telephonyCalls.droppedAt} is not null`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * Takes the call for a recording, once: only while a machine is on it, nothing was played on it
 * and nothing is logged for it. False when another request (or the call's end) came first.
 */
export async function claimDrop(db: Db, input: { id: number; dropId: number; at: Date }): Promise<boolean> {
  const rows = await db
    .update(telephonyCalls)
    .set({ dropId: input.dropId, droppedAt: input.at })
    .where(
      and(
        eq(telephonyCalls.id, input.id),
        isNull(telephonyCalls.dropId),
        isNull(telephonyCalls.attemptId),
        sql`${telephonyCalls.state} in ('machine', 'beep')`,
      ),
    )
    .returning({ id: telephonyCalls.id });
  return rows.length > 0;
}

/** Gives the call back when the provider refused to play the recording. */
export async function releaseDrop(db: Db, input: { id: number; dropId: number }): Promise<void> {
  await db
    .update(telephonyCalls)
    .set({ dropId: null, droppedAt: null })
    .where(and(eq(telephonyCalls.id, input.id), eq(telephonyCalls.dropId, input.dropId)));
}

export async function saveLineType(
  db: Db,
  input: { phoneId: number; lineType: string; at: Date },
): Promise<void> {
  await db
    .update(phoneNumbers)
    .set({ lineType: input.lineType, lineTypeAt: input.at })
    .where(eq(phoneNumbers.id, input.phoneId));
}

export type ConsentRow = typeof numberConsents.$inferSelect;

/** Records a consent given or withdrawn; earlier ones stay, as the evidence. */
export async function insertConsent(db: Db, row: typeof numberConsents.$inferInsert): Promise<ConsentRow> {
  const [inserted] = await db.insert(numberConsents).values(row).returning();
  return inserted!;
}

/** Where a person's consent of this kind on a number stands: the latest given or withdrawn. */
export async function consentOf(
  db: Db,
  input: { phoneId: number; kind: string },
): Promise<ConsentRow | undefined> {
  const [row] = await db
    .select()
    .from(numberConsents)
    .where(and(eq(numberConsents.phoneId, input.phoneId), eq(numberConsents.kind, input.kind)))
    .orderBy(desc(numberConsents.id))
    .limit(1);
  return row;
}
