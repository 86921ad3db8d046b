import type { Ctx } from '../../context/context.ts';
import { UNDO_SECONDS, type UndoneCall } from '../../contracts/calls.contract.ts';
import type { Outcome, Stage } from '../../contracts/vocabulary.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { parseId } from '../../shared/ids.ts';
import { inBook } from '../accounts/index.ts';
import { callStepUndone } from '../cadences/index.ts';
import { refreshPursuits } from '../pursuit/index.ts';
import { recordDial } from '../queue/index.ts';
import { uncountBad } from './call-numbers.repository.ts';
import {
  attemptOfTeam,
  deleteLoggedCall,
  messagesOfAttempt,
  setStage,
  stageMovesOf,
} from './calls.repository.ts';

export type { UndoneCall };
/** How long after logging a call the rep may take it back. */
export { UNDO_SECONDS };

/**
 * Takes back a call logged by mistake, within a minute of logging it, all or nothing: the
 * attempt, the message, the stage it moved, the tasks it scheduled, the facts heard on it,
 * a bad-number count, and what it taught the reachability summaries. A do-not-call request
 * is never undone here: lifting one needs `reach dnc remove` with a reason. `now` is the
 * instant of the request; the minute runs from when the log was written.
 */
export async function undoCall(ctx: Ctx, input: { id: string | number; now?: Date }): Promise<UndoneCall> {
  const id = parseId(input.id);
  const now = input.now ?? new Date();
  return ctx.db.transaction(async (tx) => {
    const row = await attemptOfTeam(tx, { teamId: ctx.team.id, id });
    // A call to another rep's prospect is not in this rep's book.
    if (!row || !inBook(ctx, row.p.ownerId)) throw notFound('Call', id);
    const age = (now.getTime() - row.a.createdAt.getTime()) / 1000;
    if (age > UNDO_SECONDS)
      throw new AppError(
        'conflict',
        `Call ${id} was logged ${Math.round(age)} s ago; a log can be undone for ${UNDO_SECONDS} s. Correct it instead: \`reach calls correct ${id} --reason TEXT\`.`,
      );
    return takeBack({ ...ctx, db: tx }, row);
  });
}

/**
 * Takes back what a call placed through Reach logged itself as, for the rep's word to take its
 * place (telephony): the same as an undo, whenever it comes. `ctx.db` is the caller's transaction.
 */
export async function takeBackCall(ctx: Ctx, id: number): Promise<UndoneCall> {
  const row = await attemptOfTeam(ctx.db, { teamId: ctx.team.id, id });
  if (!row) throw notFound('Call', id);
  return takeBack(ctx, row);
}

async function takeBack(
  ctx: Ctx,
  row: NonNullable<Awaited<ReturnType<typeof attemptOfTeam>>>,
): Promise<UndoneCall> {
  const tx = ctx.db;
  const { a: attempt, p: prospect, ph: phone } = row;
  const id = attempt.id;
  if (attempt.result === 'do-not-call')
    throw new AppError(
      'conflict',
      `Call ${id} recorded a do-not-call request; lift it with \`reach dnc remove --prospect ${prospect.id} --reason TEXT --i-have-consent\` if it was a mistake.`,
    );
  const messages = await messagesOfAttempt(tx, { attemptId: id });
  if (messages.some((m) => m.callback !== null))
    throw new AppError('conflict', `Call ${id} left a message that a callback was matched to.`);
  const moves = await stageMovesOf(tx, { attemptId: id });
  await deleteLoggedCall(tx, { attemptId: id, prospectId: prospect.id });
  const move = moves[0];
  let stage: Stage | null = null;
  if (move && prospect.stage === move.toStage) {
    stage = (move.fromStage ?? 'new') as Stage;
    await setStage(tx, { prospectId: prospect.id, stage });
  }
  if (attempt.outcome === 'bad-number' && phone) await uncountBad(tx, phone);
  await callStepUndone(tx, attempt.id);
  await recordDial(
    tx,
    {
      teamId: ctx.team.id,
      prospectId: prospect.id,
      companyId: prospect.companyId,
      seniority: prospect.seniority ?? 0,
      phone: phone ? { id: phone.id, kind: phone.kind } : null,
      outcome: attempt.outcome,
      at: attempt.at,
      local:
        attempt.localWeekday !== null && attempt.localMinuteOfDay !== null
          ? { weekday: attempt.localWeekday, minute: attempt.localMinuteOfDay }
          : null,
      messageLeft: messages.length > 0,
      repSeconds: attempt.repSeconds,
      meeting: attempt.result === 'meeting',
    },
    -1,
  );
  await refreshPursuits(tx, [prospect.id]);
  return { undone: id, prospectId: prospect.id, outcome: attempt.outcome as Outcome, stage };
}
