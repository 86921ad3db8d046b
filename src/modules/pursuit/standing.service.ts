import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../db/context.ts';
import { companies, pursuitChanges } from '../../db/schema.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid } from '../../shared/errors.ts';
import { atParam, instant, parseInput, sentenceReason } from '../../shared/validate.ts';
import { moveStage, promiseFollowUp } from '../outcomes/call-effects.repository.ts';
import { resolveProspect } from '../prospects/prospects.service.ts';
import { pursuitEvents, refreshPursuits } from './pursuit.repository.ts';
import {
  type PursuitEvent,
  type PursuitState,
  pursuitAllows,
  pursuitStanding,
  settableStates,
} from './pursuit-state.ts';

/** Where a prospect's pursuit stands at a moment, and what moved it there. */
export type StandingView = {
  at: string;
  state: PursuitState;
  since: string | null;
  until: string | null;
  reason: string;
  /** What to do instead of a dial, when the state asks for it. */
  next: string | null;
  /** Whether the queue may propose them at `at`. */
  callable: boolean;
  /** Every move, newest first: conversations with a result, callbacks, the rep's hand. */
  history: { at: string; source: PursuitEvent['source']; what: string; until: string | null }[];
};

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** The standing of one prospect at `at`, read from everything that moved it. */
export async function standingOf(
  ctx: Ctx,
  input: { prospect: string | number; at: Date },
): Promise<StandingView> {
  const row = await resolveProspect(ctx, input.prospect);
  const company = row.companyId
    ? ((
        await ctx.db.select({ name: companies.name }).from(companies).where(eq(companies.id, row.companyId))
      )[0]?.name ?? null)
    : null;
  const events = (await pursuitEvents(ctx.db, [row.id])).get(row.id) ?? [];
  const s = pursuitStanding(events, {
    at: input.at,
    stage: row.stage,
    optedOut: row.optedOut,
    nurtureDays: ctx.team.nurtureDays,
    company,
  });
  return {
    at: input.at.toISOString(),
    state: s.state,
    since: iso(s.since),
    until: iso(s.until),
    reason: s.reason,
    next: s.next,
    callable: pursuitAllows(s, input.at),
    history: events
      .filter((e) => e.at <= input.at)
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .map((e) => ({ at: e.at.toISOString(), source: e.source, what: described(e), until: iso(e.resultAt) })),
  };
}

const described = (e: PursuitEvent): string =>
  e.source === 'rep'
    ? `set to ${e.state}${e.reason ? `: ${e.reason}` : ''}`
    : e.outcome === 'wrong-person'
      ? 'the wrong person'
      : `${e.source === 'callback' ? 'called back: ' : ''}${e.result}${e.referredTo ? ` (${e.referredTo})` : ''}`;

export const standingQuerySchema = z
  .object({ at: atParam('The moment to read the standing at; now when left out') })
  .strict();

/** The standing of one prospect, for the API and the CLI. */
export async function standingOfProspect(
  ctx: Ctx,
  input: { prospect: string | number; query: unknown },
): Promise<StandingView> {
  const q = parseInput(standingQuerySchema, input.query, 'query');
  return standingOf(ctx, { prospect: input.prospect, at: resolveAt(q.at) });
}

export const setStandingSchema = z
  .object({
    state: z
      .enum(settableStates as [PursuitState, ...PursuitState[]])
      .describe('The state to put the pursuit in'),
    until: instant()
      .optional()
      .describe(
        "When the state ends by itself: the meeting's time, the promised callback, the end of a rest; a meeting and a callback need one",
      ),
    reason: sentenceReason('they moved the meeting to after the trade show').describe('Why, in a sentence'),
    by: z.string().trim().min(1).max(200).optional().describe('Who moved it'),
    at: atParam('When it was moved; now when left out'),
  })
  .strict();

const needsUntil = new Set<PursuitState>(['meeting-booked', 'callback']);

/**
 * Moves a pursuit by hand: the state, when it ends and why, kept with who moved it. A meeting
 * or a callback set this way becomes a task at its time; customer and lost move the stage too.
 * A customer or lost prospect reopens by its stage, not here.
 */
export async function setStanding(
  ctx: Ctx,
  input: { prospect: string | number; body: unknown },
): Promise<StandingView> {
  const body = parseInput(setStandingSchema, input.body);
  const at = resolveAt(body.at);
  const until = body.until ? resolveAt(body.until, 'until') : null;
  if (needsUntil.has(body.state) && !until) throw invalid('until', `a ${body.state} state needs its time`);
  if (until && until <= at && body.state !== 'not-interested')
    throw invalid('until', `the ${body.state} state must end after it is set (${at.toISOString()})`);
  const row = await resolveProspect(ctx, input.prospect);
  if (row.optedOut)
    throw new AppError(
      'conflict',
      `${row.id} asked not to be called; lift it first with \`reach dnc remove --prospect ${row.id} --reason TEXT --i-have-consent\``,
    );
  if ((row.stage === 'customer' || row.stage === 'lost') && body.state !== row.stage)
    throw invalid('state', `the prospect is ${row.stage}: change the stage to reopen them`);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(pursuitChanges).values({
      teamId: ctx.team.id,
      prospectId: row.id,
      at,
      state: body.state,
      until,
      reason: body.reason,
      by: body.by ?? null,
    });
    if ((body.state === 'customer' || body.state === 'lost') && row.stage !== body.state)
      await moveStage(tx, {
        prospectId: row.id,
        from: row.stage,
        move: { to: body.state, reason: body.reason },
        at,
        attemptId: null,
      });
    if (needsUntil.has(body.state))
      await promiseFollowUp(tx, {
        teamId: ctx.team.id,
        prospectId: row.id,
        result: body.state === 'meeting-booked' ? 'meeting' : 'callback-scheduled',
        resultAt: until,
        payload: { promisedBy: 'rep', reason: body.reason },
      });
    await refreshPursuits(tx, [row.id]);
  });
  return standingOf(ctx, { prospect: row.id, at });
}
