import { and, asc, count, desc, eq, gte, sql } from 'drizzle-orm';
import { inBookWhere } from '../../db/books.ts';
import type { Db } from '../../db/create-db.ts';
import {
  callAttempts,
  callbacks,
  callCorrections,
  intelFacts,
  phoneNumbers,
  prospects,
  stageChanges,
  tasks,
  voicemails,
} from '../../db/schema.ts';
import type { PhoneRow, ProspectRow } from '../prospects/index.ts';

export type AttemptRow = typeof callAttempts.$inferSelect;
export type NewAttemptRow = typeof callAttempts.$inferInsert;
export type NewVoicemailRow = typeof voicemails.$inferInsert;
export type StageChangeRow = typeof stageChanges.$inferSelect;
export type CorrectionRow = typeof callCorrections.$inferSelect;
export type NewCorrectionRow = typeof callCorrections.$inferInsert;
export type VoicemailRow = typeof voicemails.$inferSelect;
export type CallbackRow = typeof callbacks.$inferSelect;

/** Everything stored about a prospect, as their timeline reads it. */
export type History = {
  calls: { a: AttemptRow; ph: PhoneRow | null }[];
  messages: VoicemailRow[];
  intel: (typeof intelFacts.$inferSelect)[];
  todo: (typeof tasks.$inferSelect)[];
  inbound: CallbackRow[];
  stages: StageChangeRow[];
  corrections: { c: CorrectionRow }[];
};

/** The team's call first logged under this idempotency key, with the digest of what it asked for. */
export async function attemptByIdempotencyKey(
  db: Db,
  input: { teamId: number; key: string },
): Promise<{ id: number; fingerprint: string | null } | undefined> {
  const [earlier] = await db
    .select({ id: callAttempts.id, fingerprint: callAttempts.idempotencyFingerprint })
    .from(callAttempts)
    .where(and(eq(callAttempts.teamId, input.teamId), eq(callAttempts.idempotencyKey, input.key)));
  return earlier;
}

/** Records a dial; its id. */
export async function insertAttempt(db: Db, row: NewAttemptRow): Promise<number> {
  const [attempt] = await db.insert(callAttempts).values(row).returning({ id: callAttempts.id });
  return attempt!.id;
}

/** Records the message left on a dial. */
export async function insertVoicemail(db: Db, row: NewVoicemailRow): Promise<void> {
  await db.insert(voicemails).values(row);
}

/**
 * Ties a referred person to the prospect who named them: the referrer's company when they have
 * none, and who referred them in their research.
 */
export async function linkReferral(
  db: Db,
  input: { prospectId: number; companyId: number | null; referredBy: string },
): Promise<void> {
  await db
    .update(prospects)
    .set({
      companyId: sql`coalesce(${prospects.companyId}, ${input.companyId})`,
      research: sql`${prospects.research} || ${JSON.stringify({ referredBy: input.referredBy })}::jsonb`,
    })
    .where(eq(prospects.id, input.prospectId));
}

/** A logged call with the number dialled. */
export async function attemptWithNumber(
  db: Db,
  input: { attemptId: number },
): Promise<{ a: AttemptRow; ph: PhoneRow | null } | undefined> {
  const [row] = await db
    .select({ a: callAttempts, ph: phoneNumbers })
    .from(callAttempts)
    .leftJoin(phoneNumbers, eq(phoneNumbers.id, callAttempts.phoneId))
    .where(eq(callAttempts.id, input.attemptId));
  return row;
}

/** The message left on a call, if one was. */
export async function voicemailOfAttempt(
  db: Db,
  input: { attemptId: number },
): Promise<{ id: number } | undefined> {
  const [vm] = await db
    .select({ id: voicemails.id })
    .from(voicemails)
    .where(eq(voicemails.attemptId, input.attemptId));
  return vm;
}

/** The latest stage move a call made, if any. */
export async function latestStageMoveOf(
  db: Db,
  input: { attemptId: number },
): Promise<StageChangeRow | undefined> {
  const [st] = await db
    .select()
    .from(stageChanges)
    .where(eq(stageChanges.attemptId, input.attemptId))
    .orderBy(desc(stageChanges.id))
    .limit(1);
  return st;
}

/** How many of the prospect's numbers are in use. */
export async function countNumbersInUse(db: Db, input: { prospectId: number }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.prospectId, input.prospectId), eq(phoneNumbers.valid, true)));
  return Number(row?.n ?? 0);
}

/** One of the team's calls with its prospect and the number dialled. */
export async function attemptOfTeam(
  db: Db,
  input: { teamId: number; id: number },
): Promise<{ a: AttemptRow; p: ProspectRow; ph: PhoneRow | null } | undefined> {
  const [row] = await db
    .select({ a: callAttempts, p: prospects, ph: phoneNumbers })
    .from(callAttempts)
    .innerJoin(prospects, eq(prospects.id, callAttempts.prospectId))
    .leftJoin(phoneNumbers, eq(phoneNumbers.id, callAttempts.phoneId))
    .where(and(eq(callAttempts.id, input.id), eq(callAttempts.teamId, input.teamId)));
  return row;
}

/**
 * The same, locked for the caller's transaction: two corrections of one call at once, the
 * second waits and reads what the first wrote.
 */
export async function lockAttemptOfTeam(
  db: Db,
  input: { teamId: number; id: number },
): Promise<{ a: AttemptRow; p: ProspectRow; ph: PhoneRow | null } | undefined> {
  const [row] = await db
    .select({ a: callAttempts, p: prospects, ph: phoneNumbers })
    .from(callAttempts)
    .innerJoin(prospects, eq(prospects.id, callAttempts.prospectId))
    .leftJoin(phoneNumbers, eq(phoneNumbers.id, callAttempts.phoneId))
    .where(and(eq(callAttempts.id, input.id), eq(callAttempts.teamId, input.teamId)))
    .for('update', { of: callAttempts });
  return row;
}

/** The messages left on a call, each with the callback credited to it, if any. */
export async function messagesOfAttempt(
  db: Db,
  input: { attemptId: number },
): Promise<{ id: number; callback: number | null }[]> {
  return db
    .select({ id: voicemails.id, callback: callbacks.id })
    .from(voicemails)
    .leftJoin(callbacks, eq(callbacks.voicemailId, voicemails.id))
    .where(eq(voicemails.attemptId, input.attemptId));
}

/** The message left on a call, as a correction reads it: its kind, its words and the callback credited to it. */
export async function messageOfAttempt(
  db: Db,
  input: { attemptId: number },
): Promise<{ id: number; kind: string; text: string | null; callbackId: number | null } | undefined> {
  const [message] = await db
    .select({ id: voicemails.id, kind: voicemails.kind, text: voicemails.text, callbackId: callbacks.id })
    .from(voicemails)
    .leftJoin(callbacks, eq(callbacks.voicemailId, voicemails.id))
    .where(eq(voicemails.attemptId, input.attemptId));
  return message;
}

/** The stage moves a call made, latest first. */
export async function stageMovesOf(db: Db, input: { attemptId: number }): Promise<StageChangeRow[]> {
  return db
    .select()
    .from(stageChanges)
    .where(eq(stageChanges.attemptId, input.attemptId))
    .orderBy(desc(stageChanges.id));
}

/**
 * Deletes a call and what it wrote: its message, its stage moves, the facts heard on it, the
 * prospect's tasks it promised, then the call itself.
 */
export async function deleteLoggedCall(
  db: Db,
  input: { attemptId: number; prospectId: number },
): Promise<void> {
  const id = input.attemptId;
  await db.delete(voicemails).where(eq(voicemails.attemptId, id));
  await db.delete(stageChanges).where(eq(stageChanges.attemptId, id));
  await db.delete(intelFacts).where(eq(intelFacts.sourceAttemptId, id));
  await db
    .delete(tasks)
    .where(and(eq(tasks.prospectId, input.prospectId), sql`${tasks.payload}->>'attemptId' = ${String(id)}`));
  await db.delete(callAttempts).where(eq(callAttempts.id, id));
}

/** Puts the prospect at this stage. */
export async function setStage(db: Db, input: { prospectId: number; stage: string }): Promise<void> {
  await db.update(prospects).set({ stage: input.stage }).where(eq(prospects.id, input.prospectId));
}

/** The prospect's stage now. */
export async function stageOf(db: Db, input: { prospectId: number }): Promise<{ stage: string } | undefined> {
  const [now] = await db
    .select({ stage: prospects.stage })
    .from(prospects)
    .where(eq(prospects.id, input.prospectId));
  return now;
}

/** Writes a corrected call's fields over the call. */
export async function rewriteAttempt(
  db: Db,
  input: { id: number; fields: Partial<NewAttemptRow> },
): Promise<void> {
  await db.update(callAttempts).set(input.fields).where(eq(callAttempts.id, input.id));
}

/** Keeps a correction: who changed what on the call and why. */
export async function insertCorrection(db: Db, row: NewCorrectionRow): Promise<CorrectionRow> {
  const [stored] = await db.insert(callCorrections).values(row).returning();
  return stored!;
}

/**
 * Everything stored about a prospect: calls with their numbers, messages, facts heard, tasks,
 * callbacks, stage moves and corrections of their calls.
 */
export async function historyOf(db: Db, input: { prospectId: number }): Promise<History> {
  const id = input.prospectId;
  const [calls, messages, intel, todo, inbound, stages, corrections] = await Promise.all([
    db
      .select({ a: callAttempts, ph: phoneNumbers })
      .from(callAttempts)
      .leftJoin(phoneNumbers, eq(phoneNumbers.id, callAttempts.phoneId))
      .where(eq(callAttempts.prospectId, id)),
    db.select().from(voicemails).where(eq(voicemails.prospectId, id)),
    db.select().from(intelFacts).where(eq(intelFacts.prospectId, id)),
    db.select().from(tasks).where(eq(tasks.prospectId, id)),
    db.select().from(callbacks).where(eq(callbacks.prospectId, id)),
    db.select().from(stageChanges).where(eq(stageChanges.prospectId, id)),
    db
      .select({ c: callCorrections })
      .from(callCorrections)
      .innerJoin(callAttempts, eq(callAttempts.id, callCorrections.attemptId))
      .where(eq(callAttempts.prospectId, id)),
  ]);
  return { calls, messages, intel, todo, inbound, stages, corrections };
}

/** The team's logged calls, newest first, with their prospects and numbers: one prospect's and since an instant when given. */
export async function loggedCalls(
  db: Db,
  input: {
    teamId: number;
    prospectId: number | undefined;
    since: Date | undefined;
    limit: number;
    /** A rep's id: only calls to their own book. */
    own: number | null;
  },
): Promise<{ a: AttemptRow; ph: PhoneRow | null; p: ProspectRow }[]> {
  return db
    .select({ a: callAttempts, ph: phoneNumbers, p: prospects })
    .from(callAttempts)
    .innerJoin(prospects, eq(prospects.id, callAttempts.prospectId))
    .leftJoin(phoneNumbers, eq(phoneNumbers.id, callAttempts.phoneId))
    .where(
      and(
        eq(callAttempts.teamId, input.teamId),
        input.prospectId !== undefined ? eq(callAttempts.prospectId, input.prospectId) : undefined,
        input.since ? gte(callAttempts.at, input.since) : undefined,
        inBookWhere(prospects.ownerId, input.own),
      ),
    )
    .orderBy(desc(callAttempts.at), asc(callAttempts.id))
    .limit(input.limit);
}
