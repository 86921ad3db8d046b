import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { companies, prospects, stageChanges, tasks } from '../../db/schema.ts';
import { followUpOf, type Result, type StageMove } from './call-rules.ts';

/** Moves the prospect's stage and records the move, with the call behind it when there is one. */
export async function moveStage(
  tx: Db,
  input: { prospectId: number; from: string; move: StageMove; at: Date; attemptId: number | null },
): Promise<void> {
  const { prospectId, move, at } = input;
  await tx.insert(stageChanges).values({
    prospectId,
    fromStage: input.from,
    toStage: move.to,
    at,
    reason: move.reason,
    attemptId: input.attemptId,
  });
  await tx.update(prospects).set({ stage: move.to, updatedAt: at }).where(eq(prospects.id, prospectId));
}

/** The meeting or callback a result promises, as an open task at its time; nothing for another result. */
export async function promiseFollowUp(
  tx: Db,
  input: {
    teamId: number;
    prospectId: number;
    result: Result | null | undefined;
    resultAt: Date | null | undefined;
    payload: Record<string, unknown>;
  },
): Promise<void> {
  const kind = followUpOf(input.result);
  if (!kind || !input.resultAt) return;
  await tx.insert(tasks).values({
    teamId: input.teamId,
    prospectId: input.prospectId,
    kind,
    dueAt: input.resultAt,
    payload: input.payload,
  });
}

/** The wrong person answered for the prospect: the pursuit waits on finding the right one, a task now. */
export async function findRightPerson(
  tx: Db,
  input: { teamId: number; prospect: { id: number; companyId: number | null }; attemptId: number; at: Date },
): Promise<void> {
  const { prospect } = input;
  const [company] = prospect.companyId
    ? await tx.select({ name: companies.name }).from(companies).where(eq(companies.id, prospect.companyId))
    : [];
  await tx.insert(tasks).values({
    teamId: input.teamId,
    prospectId: prospect.id,
    kind: 'find-person',
    dueAt: input.at,
    payload: {
      attemptId: input.attemptId,
      note: `find the right person${company ? ` at ${company.name}` : ''}`,
    },
  });
}

/** A call corrected away from the wrong person no longer asks for the right one. */
export async function dropFindPerson(tx: Db, input: { attemptId: number; at: Date }): Promise<void> {
  await tx
    .update(tasks)
    .set({ status: 'cancelled', doneAt: input.at })
    .where(
      and(
        eq(tasks.kind, 'find-person'),
        eq(tasks.status, 'open'),
        sql`${tasks.payload}->>'attemptId' = ${String(input.attemptId)}`,
      ),
    );
}
