import { eq, sql } from 'drizzle-orm';
import type { PursuitState } from '../../contracts/vocabulary.ts';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { companies, pursuitChanges } from '../../db/schema.ts';
import type { Outcome, Result } from '../outcomes/index.ts';
import { latestStanding, type PursuitEvent } from './pursuit-state.ts';

const p = sql.param;
const dateOf = (v: string | Date | null): Date | null =>
  v === null ? null : v instanceof Date ? v : new Date(v);

/** Every event that moved these prospects' pursuits: conversations with a result, wrong persons, callbacks, hand moves. */
export async function pursuitEvents(db: Db, prospectIds: number[]): Promise<Map<number, PursuitEvent[]>> {
  const rows = rowsOf<{
    prospect_id: number;
    at: string | Date;
    source: 'call' | 'callback' | 'rep';
    outcome: string | null;
    result: string | null;
    result_at: string | Date | null;
    state: string | null;
    reason: string | null;
    referred_to: string | null;
  }>(
    await db.execute(sql`
      select a.prospect_id, a.at, 'call' as source, a.outcome, a.result, a.result_at, null as state, null as reason,
        nullif(trim(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, '')), '') as referred_to
      from call_attempts a left join prospects r on r.id = a.referred_prospect_id
      where a.prospect_id = any(${p(prospectIds)}::int[])
        and (a.result is not null or a.outcome = 'wrong-person')
      union all
      select prospect_id, at, 'callback', 'reached', result, result_at, null, null, null from callbacks
      where prospect_id = any(${p(prospectIds)}::int[]) and result is not null
      union all
      select prospect_id, at, 'rep', null, null, until, state, reason, null from pursuit_changes
      where prospect_id = any(${p(prospectIds)}::int[])`),
  );
  const out = new Map<number, PursuitEvent[]>();
  for (const r of rows) {
    const id = Number(r.prospect_id);
    const list = out.get(id) ?? [];
    list.push({
      at: dateOf(r.at)!,
      source: r.source,
      outcome: r.outcome as Outcome | null,
      result: r.result as Result | null,
      resultAt: dateOf(r.result_at),
      ...(r.state ? { state: r.state as PursuitState } : {}),
      reason: r.reason,
      referredTo: r.referred_to,
    });
    out.set(id, list);
  }
  return out;
}

/**
 * Keeps the prospects' standing on their rows from everything that moved it, inside the
 * caller's transaction: after a log, an undo, a correction, a callback or a hand move.
 */
export async function refreshPursuits(db: Db, prospectIds: number[]): Promise<void> {
  const ids = [...new Set(prospectIds)];
  if (ids.length === 0) return;
  const rows = rowsOf<{
    id: number;
    stage: string;
    opted_out: boolean;
    nurture_days: number;
    company: string | null;
  }>(
    await db.execute(sql`
      select pr.id, pr.stage, pr.opted_out, t.nurture_days, c.name as company
      from prospects pr join teams t on t.id = pr.team_id left join companies c on c.id = pr.company_id
      where pr.id = any(${p(ids)}::int[])`),
  );
  const events = await pursuitEvents(db, ids);
  const kept = rows.map((row) => ({
    id: Number(row.id),
    standing: latestStanding(events.get(Number(row.id)) ?? [], {
      stage: row.stage,
      optedOut: row.opted_out,
      nurtureDays: Number(row.nurture_days),
      company: row.company,
    }),
  }));
  if (kept.length === 0) return;
  // One statement for the whole batch: a row per prospect, paired up by unnest.
  await db.execute(sql`
    update prospects pr set pursuit = v.state, pursuit_since = v.since, pursuit_until = v.until, pursuit_reason = v.reason,
      pursuit_checked_at = now()
    from unnest(
      ${p(kept.map((k) => k.id))}::int[],
      ${p(kept.map((k) => k.standing.state))}::text[],
      ${p(kept.map((k) => k.standing.since?.toISOString() ?? null))}::timestamptz[],
      ${p(kept.map((k) => k.standing.until?.toISOString() ?? null))}::timestamptz[],
      ${p(kept.map((k) => k.standing.reason))}::text[]
    ) as v(id, state, since, until, reason)
    where pr.id = v.id`);
}

/**
 * Rows whose pursuit was never computed (a book from before pursuit states, marked by migration
 * 0016): computed now, in batches. A partial index finds them, so a book with none pays nothing.
 */
export async function refreshUnkeptPursuits(db: Db): Promise<number> {
  let done = 0;
  for (;;) {
    const ids = rowsOf<{ id: number }>(
      await db.execute(sql`select id from prospects where pursuit_checked_at is null order by id limit 500`),
    ).map((r) => Number(r.id));
    if (ids.length === 0) return done;
    await db.transaction((tx) => refreshPursuits(tx, ids));
    done += ids.length;
  }
}

/** The name of a company, if it exists. */
export async function companyName(db: Db, input: { companyId: number }): Promise<string | null> {
  return (
    (await db.select({ name: companies.name }).from(companies).where(eq(companies.id, input.companyId)))[0]
      ?.name ?? null
  );
}

/** Keeps a hand move of a pursuit: the state, when it ends, why and who moved it. */
export async function insertPursuitChange(
  db: Db,
  input: {
    teamId: number;
    prospectId: number;
    at: Date;
    state: PursuitState;
    until: Date | null;
    reason: string;
    by: string | null;
    userId: number | null;
  },
): Promise<void> {
  await db.insert(pursuitChanges).values(input);
}
