import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../context/context.ts';
import type { Db } from '../../db/create-db.ts';
import {
  callAttempts,
  enrollments,
  phoneNumbers,
  prospects,
  stageChanges,
  tasks,
  voicemails,
} from '../../db/schema.ts';
import { endCadences } from '../cadences/index.ts';
import { followUpOf, moveStage, promiseFollowUp } from '../outcomes/index.ts';
import type { PhoneRow, ProspectRow, Stage } from '../prospects/index.ts';
import { blockedNumbers } from '../suppression/index.ts';
import { spokenSeconds } from '../voicemail/index.ts';
import { countBad, uncountBad } from './call-numbers.repository.ts';
import { type CallFields, restage } from './correction-rules.ts';

// What a corrected call wrote or taught, moved from what it said to what it says now.

/** A logged call as a correction finds it. */
export type Stored = {
  attempt: typeof callAttempts.$inferSelect;
  prospect: ProspectRow;
  phone: PhoneRow | null;
  message: { id: number; kind: string; text: string | null; callbackId: number | null } | null;
};

/** A correction being applied: the call as found, its fields before and after, and the correction's instant. */
export type Applying = { ctx: Ctx; stored: Stored; before: CallFields; after: CallFields; at: Date };

/** Whether a gatekeeper had answered an earlier call to the company: the persona group the dial was counted in. */
export async function gatekeeperMetBefore(
  tx: Db,
  input: { prospect: ProspectRow; attemptId: number },
): Promise<boolean> {
  if (input.prospect.companyId === null) return false;
  const [row] = await tx
    .select({ id: callAttempts.id })
    .from(callAttempts)
    .innerJoin(prospects, eq(prospects.id, callAttempts.prospectId))
    .where(
      and(
        eq(prospects.companyId, input.prospect.companyId),
        eq(callAttempts.outcome, 'gatekeeper'),
        lt(callAttempts.id, input.attemptId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Moves a bad result from the number it was counted on to the number it belongs to. */
export async function recount(
  tx: Db,
  input: { stored: Stored; before: CallFields; after: CallFields; phone: PhoneRow | null },
): Promise<string[]> {
  const old = input.stored.phone;
  const wasBad = input.before.outcome === 'bad-number' && old !== null;
  const isBad = input.after.outcome === 'bad-number' && input.phone !== null;
  if (wasBad && isBad && old.id === input.phone!.id) return [];
  const flags: string[] = [];
  if (wasBad && (await uncountBad(tx, old))) flags.push('number-restored');
  if (isBad) {
    const [fresh] = await tx.select().from(phoneNumbers).where(eq(phoneNumbers.id, input.phone!.id));
    if (await countBad(tx, { phone: fresh!, carrierFailure: false })) flags.push('number-invalidated');
  }
  return flags;
}

/** The message left: deleted when the call is no longer one, added when it becomes one, rewritten when corrected. */
export async function rewriteMessage(tx: Db, input: Applying): Promise<void> {
  const { stored, after } = input;
  const message = after.outcome === 'voicemail-left' ? after.message : null;
  if (!message) {
    if (stored.message) await tx.delete(voicemails).where(eq(voicemails.id, stored.message.id));
    return;
  }
  const text = {
    kind: message.kind,
    text: message.text,
    seconds: message.text ? spokenSeconds(message.text) : null,
  };
  if (stored.message) await tx.update(voicemails).set(text).where(eq(voicemails.id, stored.message.id));
  else
    await tx.insert(voicemails).values({
      teamId: stored.attempt.teamId,
      prospectId: stored.prospect.id,
      attemptId: stored.attempt.id,
      at: stored.attempt.at,
      ...text,
    });
}

/** A dial to a listed number stays flagged; a number changed is looked up again. */
export async function flagsFor(
  tx: Db,
  input: { ctx: Ctx; stored: Stored; phone: PhoneRow | null },
): Promise<string[]> {
  const { attempt } = input.stored;
  if (input.phone?.id === attempt.phoneId) return attempt.flags;
  const others = attempt.flags.filter((f) => f !== 'dnc-number');
  if (!input.phone) return others;
  const listed = await blockedNumbers(tx, { teamId: input.ctx.team.id, numbers: [input.phone.e164] });
  return listed.size > 0 ? ['dnc-number', ...others] : others;
}

/** The stage the corrected call puts the prospect at, with the call's own move taken back while it still stands. */
export async function restageFor(tx: Db, input: Applying): Promise<void> {
  const { stored, after } = input;
  const { attempt, prospect } = stored;
  const [own] = await tx
    .select()
    .from(stageChanges)
    .where(eq(stageChanges.attemptId, attempt.id))
    .orderBy(desc(stageChanges.id))
    .limit(1);
  const plan = restage({
    current: prospect.stage as Stage,
    own: own ? { from: (own.fromStage ?? 'new') as Stage, to: own.toStage as Stage } : null,
    after,
  });
  if (plan.takeBack && own && plan.move?.to === own.toStage && plan.move.reason === own.reason) return;
  if (plan.takeBack && own) {
    await tx.delete(stageChanges).where(eq(stageChanges.id, own.id));
    await tx.update(prospects).set({ stage: plan.from }).where(eq(prospects.id, prospect.id));
  }
  if (!plan.move) return;
  // The move is dated at the call while nothing has moved the prospect since; otherwise now.
  const [later] = await tx
    .select({ id: stageChanges.id })
    .from(stageChanges)
    .where(
      and(
        eq(stageChanges.prospectId, prospect.id),
        gt(stageChanges.at, attempt.at),
        sql`${stageChanges.attemptId} is distinct from ${attempt.id}`,
      ),
    )
    .limit(1);
  await moveStage(tx, {
    prospectId: prospect.id,
    from: plan.from,
    move: plan.move,
    at: later ? input.at : attempt.at,
    attemptId: attempt.id,
  });
}

/** A call that becomes a conversation pauses the cadence, as a logged one does; one that no longer is sets the pause it caused going again. */
export async function cadenceFor(tx: Db, input: Applying): Promise<void> {
  const { stored, before, after } = input;
  const { attempt, prospect } = stored;
  if (before.outcome === after.outcome || (before.outcome !== 'reached' && after.outcome !== 'reached'))
    return;
  const day = attempt.at.toISOString().slice(0, 10);
  if (after.outcome === 'reached') {
    await endCadences(tx, {
      prospectId: prospect.id,
      at: attempt.at,
      status: 'paused',
      reason: `reached on ${day}${after.result ? `: ${after.result}` : ''}`,
    });
    return;
  }
  await tx
    .update(enrollments)
    .set({
      status: 'active',
      statusReason: `call ${attempt.id} corrected: not a conversation`,
      statusAt: input.at,
    })
    .where(
      and(
        eq(enrollments.prospectId, prospect.id),
        eq(enrollments.status, 'paused'),
        eq(enrollments.statusAt, attempt.at),
        sql`${enrollments.statusReason} like ${`reached on ${day}%`}`,
      ),
    );
}

/** The meeting or callback the call promised: created, moved to the new time or kind, or cancelled. */
export async function followUpFor(tx: Db, input: Applying): Promise<void> {
  const { ctx, stored, after, at } = input;
  const { attempt, prospect } = stored;
  const kind = followUpOf(after.result);
  const own = await tx
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.prospectId, prospect.id),
        inArray(tasks.kind, ['meeting', 'callback']),
        sql`${tasks.payload}->>'attemptId' = ${String(attempt.id)}`,
      ),
    )
    .orderBy(asc(tasks.id));
  const open = own.find((t) => t.status === 'open');
  const mayFollowUp = kind !== null && !prospect.optedOut && after.result !== 'do-not-call';
  if (!mayFollowUp) {
    if (open) await tx.update(tasks).set({ status: 'cancelled', doneAt: at }).where(eq(tasks.id, open.id));
    return;
  }
  if (open) {
    await tx
      .update(tasks)
      .set({
        kind,
        dueAt: new Date(after.resultAt!),
        payload: { ...open.payload, promisedBy: after.outcome },
      })
      .where(eq(tasks.id, open.id));
    return;
  }
  if (own.length > 0) return;
  await promiseFollowUp(tx, {
    teamId: ctx.team.id,
    prospectId: prospect.id,
    result: after.result,
    resultAt: after.resultAt ? new Date(after.resultAt) : null,
    payload: { attemptId: attempt.id, promisedBy: after.outcome },
  });
}
