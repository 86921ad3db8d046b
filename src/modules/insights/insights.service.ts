import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import type {
  EffortPoint,
  effortQuerySchema,
  FirstConversation,
  ReachMap,
  reachMapQuerySchema,
} from '../../contracts/insights.contract.ts';
import type { Stage } from '../../contracts/vocabulary.ts';
import { rowsOf } from '../../db/rows.ts';
import { resolveAt } from '../../shared/clock.ts';
import { repMinutes } from '../calls/index.ts';
import { displayName, resolveProspect } from '../prospects/index.ts';
import { pursuitsOf, Scope, WEEK_SLOTS, weekOfSlot } from '../queue/index.ts';

/**
 * Decision-maker reach rate by the prospect's local weekday and hour, for the whole book, one
 * company or one prospect, read from the per-number summaries the call log maintains (bad
 * numbers teach nothing about hours and are left out). Only cells with dials are listed.
 */
export async function reachMap(ctx: Ctx, q: z.output<typeof reachMapQuerySchema>): Promise<ReachMap> {
  let numbers = sql`true`;
  let scope = 'book';
  if (q.prospect !== undefined) {
    const prospect = await resolveProspect(ctx, q.prospect);
    numbers = sql`r.scope_id in (select id from phone_numbers where prospect_id = ${prospect.id})`;
    scope = `prospect ${prospect.id}`;
  } else if (q.company !== undefined) {
    numbers = sql`r.scope_id in (select ph.id from phone_numbers ph join prospects p on p.id = ph.prospect_id where p.company_id = ${q.company})`;
    scope = `company ${q.company}`;
  }
  const rows = rowsOf<{ slot: number; dials: string; reached: string }>(
    await ctx.db.execute(sql`
      select r.slot, sum(r.dials) as dials, sum(r.reached) as reached from reach_counts r
      where r.team_id = ${ctx.team.id} and r.scope = ${Scope.number} and r.slot < ${WEEK_SLOTS} and ${numbers}
      group by r.slot having sum(r.dials) > 0 order by r.slot`),
  );
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
  const rows = rowsOf<{ reached: boolean; attempts: number; prospects: string }>(
    await ctx.db.execute(sql`
      with numbered as (
        select a.prospect_id, a.outcome, row_number() over (partition by a.prospect_id order by a.at, a.id) as n
        from call_attempts a where a.team_id = ${ctx.team.id}
      ), per as (
        select prospect_id, min(n) filter (where outcome = 'reached') as first, max(n) as total
        from numbered group by prospect_id
      )
      select (first is not null) as reached, coalesce(first, total)::int as attempts, count(*) as prospects
      from per group by 1, 2 order by 1, 2`),
  );
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
  const rows = rowsOf<{
    id: number;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    company: string | null;
    stage: string;
    value: string | null;
    attempts: string;
    conversations: string;
    seconds: string;
    voicemails: string;
  }>(
    // The summaries the call log keeps on each prospect: one pass over the prospects, not the log.
    await ctx.db.execute(sql`
      select p.id, p.first_name, p.last_name, p.email, c.name as company, p.stage, p.value,
        p.dials as attempts, p.reached_count as conversations, p.rep_seconds as seconds, p.messages as voicemails
      from prospects p left join companies c on c.id = p.company_id
      where p.team_id = ${ctx.team.id} and p.dials > 0
      order by p.dials desc, p.id limit ${q.limit}`),
  );
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
