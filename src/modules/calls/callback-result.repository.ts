import { eq, sql } from 'drizzle-orm';
import type { CallbackResult } from '../../contracts/vocabulary.ts';
import type { Db } from '../../db/create-db.ts';
import { prospects } from '../../db/schema.ts';
import { moveStage, nextStage, promiseFollowUp } from '../outcomes/index.ts';
import type { Stage } from '../prospects/index.ts';
import { refreshPursuits } from '../pursuit/index.ts';
import { optOut } from '../suppression/index.ts';

/**
 * What a callback came to does what the same result does on a reached call, inside the
 * caller's transaction: the stage moves, a meeting or a promised callback becomes a task at its
 * time, a do-not-call request opts the prospect out. A meeting counts where meetings booked on
 * calls count: in the prospect's effort and the book's yield for keep-or-drop.
 */
export async function applyCallbackResult(
  tx: Db,
  input: {
    teamId: number;
    prospectId: number;
    callbackId: number;
    result: CallbackResult;
    resultAt: Date | null;
    at: Date;
  },
): Promise<void> {
  const { teamId, prospectId, result, at } = input;
  const [prospect] = await tx
    .select({ stage: prospects.stage, optedOut: prospects.optedOut })
    .from(prospects)
    .where(eq(prospects.id, prospectId));
  if (!prospect) return;
  const move = nextStage(prospect.stage as Stage, { outcome: 'reached', result });
  if (move)
    await moveStage(tx, {
      prospectId,
      from: prospect.stage,
      move: move.to === 'contacted' ? { to: move.to, reason: `called back: ${result}` } : move,
      at,
      attemptId: null,
    });
  if (result === 'meeting')
    await tx
      .update(prospects)
      .set({ meetings: sql`${prospects.meetings} + 1` })
      .where(eq(prospects.id, prospectId));
  if (result === 'do-not-call') {
    await optOut(tx, { teamId, prospectId, at, source: 'callback' });
    await refreshPursuits(tx, [prospectId]);
    return;
  }
  // Nothing is scheduled for someone who asked to stop, until `reach dnc remove` lifts it.
  if (!prospect.optedOut)
    await promiseFollowUp(tx, {
      teamId,
      prospectId,
      result,
      resultAt: input.resultAt,
      payload: { callbackId: input.callbackId, promisedBy: 'callback' },
    });
  await refreshPursuits(tx, [prospectId]);
}
