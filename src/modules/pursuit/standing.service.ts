import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import type {
  StandingView,
  setStandingSchema,
  standingQuerySchema,
} from '../../contracts/pursuit.contract.ts';
import type { PursuitState } from '../../contracts/vocabulary.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid } from '../../shared/errors.ts';
import { accountIdOf } from '../accounts/index.ts';
import { moveStage, promiseFollowUp } from '../outcomes/index.ts';
import { resolveProspect } from '../prospects/index.ts';
import { companyName, insertPursuitChange, pursuitEvents, refreshPursuits } from './pursuit.repository.ts';
import { type PursuitEvent, pursuitAllows, pursuitStanding } from './pursuit-state.ts';

/** The command line's `pursuit` names the answer's type from here. */
export type { StandingView };

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** The standing of one prospect at `at`, read from everything that moved it. */
export async function standingOf(
  ctx: Ctx,
  input: { prospect: string | number; at: Date },
): Promise<StandingView> {
  const row = await resolveProspect(ctx, input.prospect);
  const company = row.companyId ? await companyName(ctx.db, { companyId: row.companyId }) : null;
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

/** The standing of one prospect, for the API and the CLI. */
export async function standingOfProspect(
  ctx: Ctx,
  input: { prospect: string | number; query: z.output<typeof standingQuerySchema> },
): Promise<StandingView> {
  return standingOf(ctx, { prospect: input.prospect, at: resolveAt(input.query.at) });
}

const needsUntil = new Set<PursuitState>(['meeting-booked', 'callback']);

/**
 * Moves a pursuit by hand: the state, when it ends and why, kept with who moved it. A meeting
 * or a callback set this way becomes a task at its time; customer and lost move the stage too.
 * A customer or lost prospect reopens by its stage, not here.
 */
export async function setStanding(
  ctx: Ctx,
  input: { prospect: string | number; body: z.output<typeof setStandingSchema> },
): Promise<StandingView> {
  const { body } = input;
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
    await insertPursuitChange(tx, {
      teamId: ctx.team.id,
      prospectId: row.id,
      at,
      state: body.state,
      until,
      reason: body.reason,
      by: body.by ?? null,
      userId: accountIdOf(ctx),
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
