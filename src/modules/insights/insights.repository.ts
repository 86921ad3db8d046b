import { sql } from 'drizzle-orm';
import { inBookSql } from '../../db/books.ts';
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
  input: { teamId: number; limit: number; own: number | null },
): Promise<EffortRow[]> {
  return rowsOf<EffortRow>(
    // The summaries the call log keeps on each prospect: one pass over the prospects, not the log.
    await db.execute(sql`
      select p.id, p.first_name, p.last_name, p.email, c.name as company, p.stage, p.value,
        p.dials as attempts, p.reached_count as conversations, p.rep_seconds as seconds, p.messages as voicemails
      from prospects p left join companies c on c.id = p.company_id
      where p.team_id = ${input.teamId} and p.dials > 0${inBookSql(sql`p.owner_id`, input.own)}
      order by p.dials desc, p.id limit ${input.limit}`),
  );
}

/** Per user, over a period: dials and what they came to, messages, rep seconds, and callbacks to their messages by kind. */
export async function figuresByRep(
  db: Db,
  input: { teamId: number; since: Date; until: Date },
): Promise<
  {
    userId: number | null;
    name: string | null;
    dials: number;
    connects: number;
    conversations: number;
    meetings: number;
    messagesLeft: number;
    seconds: number;
    callbacks: Record<string, number> | null;
    decisions: Record<string, number> | null;
  }[]
> {
  const since = input.since.toISOString();
  const until = input.until.toISOString();
  return rowsOf(
    await db.execute(sql`
      with dials as (
        select a.user_id,
          count(*)::int as dials,
          count(*) filter (where a.outcome in ('reached', 'gatekeeper', 'wrong-person'))::int as connects,
          count(*) filter (where a.outcome = 'reached')::int as conversations,
          count(*) filter (where a.result = 'meeting')::int as meetings,
          count(*) filter (where a.outcome = 'voicemail-left')::int as messages_left,
          coalesce(sum(a.rep_seconds), 0)::int as seconds
        from call_attempts a
        where a.team_id = ${input.teamId} and a.at >= ${since}::timestamptz and a.at < ${until}::timestamptz
        group by a.user_id
      ),
      heard as (
        select a.user_id, v.kind, count(*)::int as n
        from callbacks c join voicemails v on v.id = c.voicemail_id join call_attempts a on a.id = v.attempt_id
        where c.team_id = ${input.teamId} and c.at >= ${since}::timestamptz and c.at < ${until}::timestamptz
        group by a.user_id, v.kind
      ),
      by_kind as (select user_id, jsonb_object_agg(kind, n) as callbacks from heard group by user_id),
      -- Keep-or-drop decisions each account made by hand, by the state decided.
      decided as (
        select user_id, state, count(*)::int as n from pursuit_changes
        where team_id = ${input.teamId} and user_id is not null
          and at >= ${since}::timestamptz and at < ${until}::timestamptz
        group by user_id, state
      ),
      by_state as (select user_id, jsonb_object_agg(state, n) as decisions from decided group by user_id),
      -- Every rep and manager who can log in, with no dial or some: who is not dialling shows too.
      people as (
        select u.id as user_id from users u
        where u.team_id = ${input.teamId} and u.role in ('rep', 'manager') and u.disabled_at is null
          and u.password_hash is not null
        union select user_id from dials
        union select user_id from by_kind
        union select user_id from by_state
      )
      select p.user_id as "userId", u.name, coalesce(d.dials, 0) as dials, coalesce(d.connects, 0) as connects,
        coalesce(d.conversations, 0) as conversations, coalesce(d.meetings, 0) as meetings,
        coalesce(d.messages_left, 0) as "messagesLeft", coalesce(d.seconds, 0) as seconds, k.callbacks,
        s.decisions
      from people p
      left join dials d on d.user_id is not distinct from p.user_id
      left join users u on u.id = p.user_id
      left join by_kind k on k.user_id is not distinct from p.user_id
      left join by_state s on s.user_id = p.user_id
      order by coalesce(d.dials, 0) desc, u.name, p.user_id`),
  );
}
