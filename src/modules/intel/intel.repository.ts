import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { callAttempts, intelFacts, phoneNumbers } from '../../db/schema.ts';

export type IntelFactRow = typeof intelFacts.$inferSelect;
export type NewIntelFactRow = typeof intelFacts.$inferInsert;

/** Adds private lines heard about a prospect to their numbers; a number they already have stays as it is. */
export async function addPrivateLines(
  db: Db,
  input: { teamId: number; prospectId: number; numbers: string[] },
): Promise<void> {
  await db
    .insert(phoneNumbers)
    .values(
      input.numbers.map((e164) => ({
        teamId: input.teamId,
        prospectId: input.prospectId,
        e164,
        kind: 'private',
        source: 'intel',
      })),
    )
    .onConflictDoNothing();
}

/** Stores facts and gives them back as stored. */
export async function recordFacts(db: Db, input: { facts: NewIntelFactRow[] }): Promise<IntelFactRow[]> {
  return db.insert(intelFacts).values(input.facts).returning();
}

/** The prospect a call was made to, or null when there is no such call. */
export async function prospectOfAttempt(db: Db, input: { attemptId: number }): Promise<number | null> {
  const [attempt] = await db
    .select({ prospectId: callAttempts.prospectId })
    .from(callAttempts)
    .where(eq(callAttempts.id, input.attemptId));
  return attempt?.prospectId ?? null;
}

/** The facts heard on one call, in the order they were recorded. */
export async function factsHeardOn(db: Db, input: { attemptId: number }): Promise<IntelFactRow[]> {
  return db
    .select()
    .from(intelFacts)
    .where(eq(intelFacts.sourceAttemptId, input.attemptId))
    .orderBy(asc(intelFacts.id));
}

/** The team's facts about one prospect, newest first. */
export async function factsAbout(
  db: Db,
  input: { teamId: number; prospectId: number },
): Promise<IntelFactRow[]> {
  return db
    .select()
    .from(intelFacts)
    .where(and(eq(intelFacts.teamId, input.teamId), eq(intelFacts.prospectId, input.prospectId)))
    .orderBy(desc(intelFacts.recordedAt), desc(intelFacts.id));
}
