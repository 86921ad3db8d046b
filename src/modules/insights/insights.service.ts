import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import type {
  EffortPoint,
  effortQuerySchema,
  FirstConversation,
  ReachMap,
  reachMapQuerySchema,
  repFiguresQuerySchema,
} from '../../contracts/insights.contract.ts';
import type { Stage } from '../../contracts/vocabulary.ts';
import { resolveAt } from '../../shared/clock.ts';
import { invalid } from '../../shared/errors.ts';
import { ownBook } from '../accounts/index.ts';
import { repMinutes } from '../calls/index.ts';
import { displayName, resolveProspect } from '../prospects/index.ts';
import { pursuitsOf, weekOfSlot } from '../queue/index.ts';
import {
  attemptsToFirstConversation,
  effortOfWorkedProspects,
  figuresByRep,
  reachBySlot,
} from './insights.repository.ts';

/**
 * Decision-maker reach rate by the prospect's local weekday and hour, for the whole book, one
 * company or one prospect, read from the per-number summaries the call log maintains (bad
 * numbers teach nothing about hours and are left out). Only cells with dials are listed.
 */
export async function reachMap(ctx: Ctx, q: z.output<typeof reachMapQuerySchema>): Promise<ReachMap> {
  let of: { prospectId?: number; companyId?: number } = {};
  let scope = 'book';
  if (q.prospect !== undefined) {
    const prospect = await resolveProspect(ctx, q.prospect);
    of = { prospectId: prospect.id };
    scope = `prospect ${prospect.id}`;
  } else if (q.company !== undefined) {
    of = { companyId: q.company };
    scope = `company ${q.company}`;
  }
  const rows = await reachBySlot(ctx.db, { teamId: ctx.team.id, ...of });
  const cells = rows.map((r) => {
    const dials = Number(r.dials);
    const reached = Number(r.reached);
    return { ...weekOfSlot(Number(r.slot)), dials, reached, rate: reached / dials };
  });
  return {
    scope,
    dials: cells.reduce((n, c) => n + c.dials, 0),
    reached: cells.reduce((n, c) => n + c.reached, 0),
    cells,
  };
}

/**
 * How many dials it took to first reach each decision maker: a count of prospects per number
 * of attempts, and the prospects still not reached with the attempts spent on them so far.
 */
export async function firstConversation(ctx: Ctx): Promise<FirstConversation> {
  const rows = await attemptsToFirstConversation(ctx.db, { teamId: ctx.team.id });
  const of = (reached: boolean) =>
    rows
      .filter((r) => r.reached === reached)
      .map((r) => ({ attempts: Number(r.attempts), prospects: Number(r.prospects) }));
  const buckets = of(true);
  const reachedProspects = buckets.reduce((n, b) => n + b.prospects, 0);
  let seen = 0;
  let median: number | null = null;
  for (const b of buckets) {
    seen += b.prospects;
    if (median === null && seen * 2 >= reachedProspects) median = b.attempts;
  }
  return { reachedProspects, median, buckets, notYet: of(false) };
}

/** Effort spent (attempts, messages, rep minutes) against value, per worked prospect, most worked first. */
export async function effortAgainstValue(
  ctx: Ctx,
  q: z.output<typeof effortQuerySchema>,
): Promise<{ items: EffortPoint[] }> {
  const rows = await effortOfWorkedProspects(ctx.db, {
    teamId: ctx.team.id,
    limit: q.limit,
    own: ownBook(ctx),
  });
  const pursuits = await pursuitsOf(ctx, { at: resolveAt(q.at), ids: rows.map((r) => Number(r.id)) });
  return {
    items: rows.map((r) => ({
      pursuit: pursuits.get(Number(r.id))?.recommendation ?? null,
      prospectId: Number(r.id),
      name: displayName({ firstName: r.first_name, lastName: r.last_name, email: r.email }),
      company: r.company,
      stage: r.stage as Stage,
      value: r.value === null ? null : Number(r.value),
      attempts: Number(r.attempts),
      conversations: Number(r.conversations),
      voicemails: Number(r.voicemails),
      minutes: repMinutes(Number(r.seconds)),
    })),
  };
}

/** Each rep's calling over a period (a week to now when not said), for the manager's weekly look. */
export async function repFigures(ctx: Ctx, q: z.output<typeof repFiguresQuerySchema>) {
  const until = resolveAt(q.until, 'until');
  const since = q.since ? resolveAt(q.since, 'since') : new Date(until.getTime() - 7 * 86_400_000);
  if (since >= until) throw invalid('since', 'must be before until');
  const rows = await figuresByRep(ctx.db, { teamId: ctx.team.id, since, until });
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
  return {
    since: since.toISOString(),
    until: until.toISOString(),
    reps: rows.map((r) => {
      const hours = Math.round((r.seconds / 3600) * 100) / 100;
      const callbacksByKind = r.callbacks ?? {};
      return {
        userId: r.userId,
        name: r.name ?? '(no account)',
        dials: r.dials,
        connects: r.connects,
        connectRate: ratio(r.connects, r.dials),
        conversations: r.conversations,
        meetings: r.meetings,
        messagesLeft: r.messagesLeft,
        callbacks: Object.values(callbacksByKind).reduce((a, b) => a + b, 0),
        callbacksByKind,
        decisions: r.decisions ?? {},
        hours,
        meetingsPerHour: ratio(r.meetings, r.seconds / 3600),
      };
    }),
  };
}
