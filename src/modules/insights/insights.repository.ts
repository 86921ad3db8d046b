import { sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { Scope, WEEK_SLOTS } from '../queue/index.ts';

/**
 * Dials and conversations by weekly slot from the team's per-number summaries, for the whole
 * book, one prospect's numbers or one company's: only slots with dials, in slot order.
 */
export async function reachBySlot(
  db: Db,
  input: { teamId: number; prospectId?: number | undefined; companyId?: number | undefined },
): Promise<{ slot: number; dials: string; reached: string }[]> {
  let numbers = sql`true`;
  if (input.prospectId !== undefined) {
    numbers = sql`r.scope_id in (select id from phone_numbers where prospect_id = ${input.prospectId})`;
  } else if (input.companyId !== undefined) {
    numbers = sql`r.scope_id in (select ph.id from phone_numbers ph join prospects p on p.id = ph.prospect_id where p.company_id = ${input.companyId})`;
  }
  return rowsOf<{ slot: number; dials: string; reached: string }>(
    await db.execute(sql`
      select r.slot, sum(r.dials) as dials, sum(r.reached) as reached from reach_counts r
      where r.team_id = ${input.teamId} and r.scope = ${Scope.number} and r.slot < ${WEEK_SLOTS} and ${numbers}
      group by r.slot having sum(r.dials) > 0 order by r.slot`),
  );
}

/**
 * The team's called prospects counted by the attempt that first reached them, or, for those
 * not reached yet, by the attempts spent so far.
 */
export async function attemptsToFirstConversation(
  db: Db,
  input: { teamId: number },
): Promise<{ reached: boolean; attempts: number; prospects: string }[]> {
  return rowsOf<{ reached: boolean; attempts: number; prospects: string }>(
    await db.execute(sql`
      with numbered as (
        select a.prospect_id, a.outcome, row_number() over (partition by a.prospect_id order by a.at, a.id) as n
        from call_attempts a where a.team_id = ${input.teamId}
      ), per as (
        select prospect_id, min(n) filter (where outcome = 'reached') as first, max(n) as total
        from numbered group by prospect_id
      )
      select (first is not null) as reached, coalesce(first, total)::int as attempts, count(*) as prospects
      from per group by 1, 2 order by 1, 2`),
  );
}

/** A worked prospect with the effort the call log counted on it. */
export type EffortRow = {
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
};

/** The team's dialled prospects with their company, value and effort so far, most dialled first. */
export async function effortOfWorkedProspects(
  db: Db,
  input: { teamId: number; limit: number },
): Promise<EffortRow[]> {
  return rowsOf<EffortRow>(
    // The summaries the call log keeps on each prospect: one pass over the prospects, not the log.
    await db.execute(sql`
      select p.id, p.first_name, p.last_name, p.email, c.name as company, p.stage, p.value,
        p.dials as attempts, p.reached_count as conversations, p.rep_seconds as seconds, p.messages as voicemails
      from prospects p left join companies c on c.id = p.company_id
      where p.team_id = ${input.teamId} and p.dials > 0
      order by p.dials desc, p.id limit ${input.limit}`),
  );
}
