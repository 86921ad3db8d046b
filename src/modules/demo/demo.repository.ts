import { count, eq } from 'drizzle-orm';
import type { Team } from '../../context/context.ts';
import type { Db } from '../../db/create-db.ts';
import {
  callAttempts,
  callbacks,
  companies,
  dncEntries,
  intelFacts,
  prospects,
  stageChanges,
  talkingPoints,
  teams,
  voicemails,
} from '../../db/schema.ts';

export type ProspectRow = typeof prospects.$inferSelect;
export type CompanyRow = typeof companies.$inferSelect;
export type NewCallRow = typeof callAttempts.$inferInsert;
export type NewIntelFactRow = typeof intelFacts.$inferInsert;
export type NewVoicemailRow = typeof voicemails.$inferInsert;
export type NewCallbackRow = typeof callbacks.$inferInsert;
export type NewDncRow = typeof dncEntries.$inferInsert;
export type NewPointRow = typeof talkingPoints.$inferInsert;

/** How many prospects the team holds. */
export async function prospectCountOf(db: Db, input: { teamId: number }): Promise<number> {
  const [existing] = await db
    .select({ n: count() })
    .from(prospects)
    .where(eq(prospects.teamId, input.teamId));
  return Number(existing?.n ?? 0);
}

/** Every prospect of the team, as stored. */
export async function prospectsOf(db: Db, input: { teamId: number }): Promise<ProspectRow[]> {
  return db.select().from(prospects).where(eq(prospects.teamId, input.teamId));
}

/** Every company of the team, as stored. */
export async function companiesOf(db: Db, input: { teamId: number }): Promise<CompanyRow[]> {
  return db.select().from(companies).where(eq(companies.teamId, input.teamId));
}

/** Records a call: its id. */
export async function addCall(db: Db, input: { call: NewCallRow }): Promise<number> {
  const [attempt] = await db.insert(callAttempts).values(input.call).returning({ id: callAttempts.id });
  return attempt!.id;
}

/** Records a fact heard on a call. */
export async function addIntelFact(db: Db, input: { fact: NewIntelFactRow }): Promise<void> {
  await db.insert(intelFacts).values(input.fact);
}

/** Records a message left: its id. */
export async function addVoicemail(db: Db, input: { voicemail: NewVoicemailRow }): Promise<number> {
  const [vm] = await db.insert(voicemails).values(input.voicemail).returning({ id: voicemails.id });
  return vm!.id;
}

/** Records a call back from the prospect. */
export async function addCallback(db: Db, input: { callback: NewCallbackRow }): Promise<void> {
  await db.insert(callbacks).values(input.callback);
}

/** The prospect asked not to be called: marked opted out, and these entries put on the Do-Not-Call list. */
export async function optOut(db: Db, input: { prospectId: number; entries: NewDncRow[] }): Promise<void> {
  await db.update(prospects).set({ optedOut: true }).where(eq(prospects.id, input.prospectId));
  await db.insert(dncEntries).values(input.entries);
}

/** Moves a prospect to another stage, keeping the move with its reason and call. */
export async function recordStageMove(
  db: Db,
  input: { prospectId: number; from: string; to: string; at: Date; reason: string; attemptId: number },
): Promise<void> {
  await db.insert(stageChanges).values({
    prospectId: input.prospectId,
    fromStage: input.from,
    toStage: input.to,
    at: input.at,
    reason: input.reason,
    attemptId: input.attemptId,
  });
  await db.update(prospects).set({ stage: input.to }).where(eq(prospects.id, input.prospectId));
}

/** Keeps research notes on a prospect, researched at `at`. */
export async function setResearch(
  db: Db,
  input: { prospectId: number; research: ProspectRow['research']; at: Date },
): Promise<void> {
  await db
    .update(prospects)
    .set({ research: input.research, researchedAt: input.at })
    .where(eq(prospects.id, input.prospectId));
}

/** Adds talking points. */
export async function addTalkingPoints(db: Db, input: { points: NewPointRow[] }): Promise<void> {
  await db.insert(talkingPoints).values(input.points);
}

/** Sets the voice of the team's scripts (the rep's name and number, the seller): the team as stored, or null. */
export async function setScriptVoice(
  db: Db,
  input: { teamId: number; repName: string; repPhone: string; sellerName: string },
): Promise<Team | null> {
  const [team] = await db
    .update(teams)
    .set({ repName: input.repName, repPhone: input.repPhone, sellerName: input.sellerName })
    .where(eq(teams.id, input.teamId))
    .returning();
  return team ?? null;
}
