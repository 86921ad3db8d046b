import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import {
  callAttempts,
  callbacks,
  dncEntries,
  intelFacts,
  phoneNumbers,
  prospects,
  users,
  voicemails,
} from '../../db/schema.ts';

export type IntelFactRow = typeof intelFacts.$inferSelect;
export type VoicemailRow = typeof voicemails.$inferSelect;
export type PhoneNumberRow = typeof phoneNumbers.$inferSelect;
export type UserRow = typeof users.$inferSelect;

/** The prospect's call attempts up to `at`: what each came to and when. */
export async function attemptsUntil(
  db: Db,
  input: { prospectId: number; at: Date },
): Promise<{ outcome: string; result: string | null; resultAt: Date | null; at: Date }[]> {
  return db
    .select({
      outcome: callAttempts.outcome,
      result: callAttempts.result,
      resultAt: callAttempts.resultAt,
      at: callAttempts.at,
    })
    .from(callAttempts)
    .where(and(eq(callAttempts.prospectId, input.prospectId), lte(callAttempts.at, input.at)));
}

/** The messages left for the prospect up to `at`, the earliest first. */
export async function messagesUntil(
  db: Db,
  input: { prospectId: number; at: Date },
): Promise<VoicemailRow[]> {
  return db
    .select()
    .from(voicemails)
    .where(and(eq(voicemails.prospectId, input.prospectId), lte(voicemails.at, input.at)))
    .orderBy(asc(voicemails.at), asc(voicemails.id));
}

/** Whether the prospect called the rep back by `at`. */
export async function calledBackBy(db: Db, input: { prospectId: number; at: Date }): Promise<boolean> {
  const rows = await db
    .select({ id: callbacks.id })
    .from(callbacks)
    .where(and(eq(callbacks.prospectId, input.prospectId), lte(callbacks.at, input.at)))
    .limit(1);
  return rows.length > 0;
}

/** What was learnt about the prospect up to `at`, the latest first. */
export async function intelUntil(db: Db, input: { prospectId: number; at: Date }): Promise<IntelFactRow[]> {
  return db
    .select()
    .from(intelFacts)
    .where(and(eq(intelFacts.prospectId, input.prospectId), lte(intelFacts.recordedAt, input.at)))
    .orderBy(desc(intelFacts.recordedAt), desc(intelFacts.id));
}

/** The prospect's numbers not known to be bad, in the order they were added. */
export async function validPhonesOf(db: Db, input: { prospectId: number }): Promise<PhoneNumberRow[]> {
  return db
    .select()
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.prospectId, input.prospectId), eq(phoneNumbers.valid, true)))
    .orderBy(asc(phoneNumbers.id));
}

/** Whether the prospect was on the Do-Not-Call list at `at` (and is still). */
export async function onDncBy(db: Db, input: { prospectId: number; at: Date }): Promise<boolean> {
  const rows = await db
    .select({ id: dncEntries.id })
    .from(dncEntries)
    .where(
      and(
        eq(dncEntries.prospectId, input.prospectId),
        isNull(dncEntries.removedAt),
        lte(dncEntries.addedAt, input.at),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The user with this id, or null. */
export async function userById(db: Db, input: { id: number }): Promise<UserRow | null> {
  const [user] = await db.select().from(users).where(eq(users.id, input.id));
  return user ?? null;
}

/** The names of the prospects whose calls referred the rep to this one. */
export async function referringProspects(
  db: Db,
  input: { prospectId: number },
): Promise<{ firstName: string | null; lastName: string | null; email: string | null }[]> {
  return db
    .select({ firstName: prospects.firstName, lastName: prospects.lastName, email: prospects.email })
    .from(callAttempts)
    .innerJoin(prospects, eq(prospects.id, callAttempts.prospectId))
    .where(eq(callAttempts.referredProspectId, input.prospectId));
}

/**
 * The team's messages left in [since, until) and those that earned a callback, counted by
 * kind, by template (its first part, `(none)` without one) and by strategy (`(none)` too).
 */
export async function messageCallbackCounts(
  db: Db,
  input: { teamId: number; since: Date; until: Date },
): Promise<{ dimension: string; key: string; messages: string; callbacks: string }[]> {
  return rowsOf<{ dimension: string; key: string; messages: string; callbacks: string }>(
    await db.execute(sql`
      with m as (
        select v.kind, coalesce(nullif(split_part(coalesce(v.template, ''), '|', 1), ''), '(none)') as template,
          coalesce(v.strategy, '(none)') as strategy, (cb.id is not null) as called
        from voicemails v left join callbacks cb on cb.voicemail_id = v.id
        where v.team_id = ${input.teamId} and v.at >= ${input.since.toISOString()} and v.at < ${input.until.toISOString()}
      )
      select 'kind' as dimension, kind as key, count(*) as messages, count(*) filter (where called) as callbacks from m group by kind
      union all
      select 'template', template, count(*), count(*) filter (where called) from m group by template
      union all
      select 'strategy', strategy, count(*), count(*) filter (where called) from m group by strategy`),
  );
}
