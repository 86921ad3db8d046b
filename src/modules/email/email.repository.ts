import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { tasks } from '../../db/schema.ts';

/**
 * A task row (`t`) an automatic send may take at `at`: an email step marked `auto`, due (or
 * due again after a refused try), not failed for good, in a running cadence, for a prospect
 * who has not asked to stop.
 */
export function autoSendable(at: Date): SQL {
  return sql`t.payload->>'send' = 'auto' and t.payload->>'autoError' is null
    and coalesce((t.payload->>'autoRetryAt')::timestamptz, t.due_at) <= ${at.toISOString()}::timestamptz
    and exists (select 1 from enrollments e where e.id = t.enrollment_id and e.status = 'active')
    and not exists (select 1 from prospects p where p.id = t.prospect_id and (p.opted_out
      or exists (select 1 from dnc_entries d where d.team_id = p.team_id and d.removed_at is null
        and d.email = lower(p.email))))`;
}

/**
 * Claims an open written step of the team for sending (`open` → `sending`) in one statement,
 * stamping when; an automatic send (`auto`) takes only a step `autoSendable` at `at`. Its
 * payload as it was, or null when the step could not be claimed.
 */
export async function claimEmailStep(
  db: Db,
  input: { id: number; teamId: number; claimedAt: string; auto: boolean; at: Date },
): Promise<{ payload: Record<string, unknown> } | null> {
  const [claimed] = rowsOf<{ payload: Record<string, unknown> }>(
    await db.execute(sql`
      update tasks t set status = 'sending', payload = t.payload || ${JSON.stringify({ claimedAt: input.claimedAt })}::jsonb
      where t.id = ${input.id} and t.team_id = ${input.teamId} and t.kind in ('email', 'invitation', 'referral-request') and t.status = 'open'
        ${input.auto ? sql`and ${autoSendable(input.at)}` : sql``}
      returning t.payload`),
  );
  return claimed ?? null;
}

/** Marks a step being sent as done at `at`, keeping what went out on it in place of the claim. */
export async function markEmailSent(
  db: Db,
  input: { id: number; at: Date; sent: Record<string, unknown> },
): Promise<void> {
  await db
    .update(tasks)
    .set({
      status: 'done',
      doneAt: input.at,
      payload: sql`(${tasks.payload} - 'claimedAt' - 'autoRetryAt') || ${JSON.stringify(input.sent)}::jsonb`,
    })
    .where(and(eq(tasks.id, input.id), eq(tasks.status, 'sending')));
}

/** Opens a step being sent again, dropping the claim and keeping the note on why it did not go. */
export async function reopenEmailStep(
  db: Db,
  input: { id: number; note: Record<string, unknown> },
): Promise<void> {
  await db
    .update(tasks)
    .set({
      status: 'open',
      payload: sql`(${tasks.payload} - 'claimedAt') || ${JSON.stringify(input.note)}::jsonb`,
    })
    .where(and(eq(tasks.id, input.id), eq(tasks.status, 'sending')));
}

/** Whether an address asked the team not to be contacted, on any record. */
export async function emailSuppressed(db: Db, input: { teamId: number; email: string }): Promise<boolean> {
  const rows = await db.execute(sql`
    select 1 from dnc_entries where team_id = ${input.teamId} and removed_at is null and email = lower(${input.email}) limit 1`);
  return (rows as { rows: unknown[] }).rows.length > 0;
}

/** The payloads of the prospect's done steps of these kinds, the latest first. */
export async function donePayloadsOf(
  db: Db,
  input: { prospectId: number; kinds: string[] },
): Promise<{ payload: Record<string, unknown> }[]> {
  return db
    .select({ payload: tasks.payload })
    .from(tasks)
    .where(
      and(eq(tasks.prospectId, input.prospectId), inArray(tasks.kind, input.kinds), eq(tasks.status, 'done')),
    )
    .orderBy(desc(tasks.doneAt));
}

/** Replaces a task's payload. */
export async function setTaskPayload(
  db: Db,
  input: { id: number; payload: Record<string, unknown> },
): Promise<void> {
  await db.update(tasks).set({ payload: input.payload }).where(eq(tasks.id, input.id));
}

/** Skips the open email steps of an enrollment at `at`, noting the bounced address: how many. */
export async function skipBouncedEmailSteps(
  db: Db,
  input: { enrollmentId: number; at: Date },
): Promise<number> {
  const skipped = await db
    .update(tasks)
    .set({
      status: 'skipped',
      doneAt: input.at,
      payload: sql`${tasks.payload} || '{"outcome":"address bounced"}'::jsonb`,
    })
    .where(and(eq(tasks.enrollmentId, input.enrollmentId), eq(tasks.kind, 'email'), eq(tasks.status, 'open')))
    .returning({ id: tasks.id });
  return skipped.length;
}
