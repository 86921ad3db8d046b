import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/create-db.ts';
import { rowsOf } from '../src/db/rows.ts';
import { rebuildReachStats } from '../src/modules/queue/reach-stats.repository.ts';
import { freshenScores } from '../src/modules/queue/slot-scores.ts';

/**
 * Writes a synthetic book straight into the tables: `prospects` people at a quarter as many
 * companies across four US zones, each with a main line, most with a direct line and some a
 * mobile, and `attemptsPerProspect` logged dials over the last 120 days at local hours
 * 8-20, where each prospect answers their own line mostly in a personal two-hour window.
 * Gatekeeper facts for one company in fifty. The prospects are shared among `REPS` reps
 * ("Rep 1" …). The summaries are then rebuilt as a restore would.
 */
/** How many reps share the synthetic book unless told (`reps`). */
export const REPS = 20;

export async function writeBook(
  db: Db,
  input: { teamId: number; prospects: number; attemptsPerProspect: number; before: Date; reps?: number },
): Promise<void> {
  const { teamId, prospects: n } = input;
  const repCount = input.reps ?? REPS;
  const before = input.before.toISOString();
  await db.execute(sql`select setseed(0.42)`);
  const reps = await db.execute(sql`
    insert into users (team_id, name) select ${teamId}, 'Rep ' || r from generate_series(1, ${repCount}) r returning id`);
  const firstRep = Math.min(...rowsOf<{ id: number }>(reps).map((r) => Number(r.id)));
  await db.execute(sql`
    insert into companies (id, team_id, name)
    select c, ${teamId}, 'Company ' || c from generate_series(1, greatest(1, ${n} / 4)) c`);
  await db.execute(sql`
    insert into prospects (id, team_id, company_id, owner_id, first_name, last_name, title, stage, value, timezone, timezone_source)
    select i, ${teamId}, 1 + (i - 1) / 4, ${firstRep} + i % ${repCount}, 'First' || i, 'Last' || i,
      (array['CEO', 'CFO', 'VP Operations', 'Director of Finance', 'Procurement Manager', 'Buyer'])[1 + i % 6],
      (array['new', 'new', 'new', 'contacted', 'engaged', 'interested'])[1 + i % 6],
      case when i % 10 = 0 then null else 5000 + (i::bigint * 7919) % 95000 end,
      (array['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'])[1 + i % 4],
      'column'
    from generate_series(1, ${n}) i`);
  await db.execute(sql`
    insert into phone_numbers (id, team_id, prospect_id, e164, kind)
    select p * 3 + k, ${teamId}, p, '+1212' || (2000000 + p * 3 + k)::text, (array['main', 'direct', 'mobile'])[k + 1]
    from generate_series(1, ${n}) p, generate_series(0, 2) k
    where k = 0 or (k = 1 and p % 5 <> 0) or (k = 2 and p % 4 = 0)`);
  await db.execute(sql`
    insert into call_attempts (team_id, prospect_id, phone_id, at, timezone, local_minute_of_day, local_weekday, outcome)
    select ${teamId}, p, phone, (day + minute * interval '1 minute') at time zone tz, tz, minute,
      extract(isodow from day)::int,
      case
        when phone % 3 = 0 then (array['gatekeeper', 'gatekeeper', 'voicemail', 'no-answer'])[1 + floor(random() * 4)::int]
        when minute / 60 between 7 + p % 12 and 8 + p % 12 and random() < 0.45 then 'reached'
        else (array['voicemail', 'no-answer', 'gatekeeper', 'voicemail-left'])[1 + floor(random() * 4)::int]
      end
    from (
      select p, (array['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'])[1 + p % 4] as tz,
        case when p % 5 <> 0 and k % 3 <> 0 then p * 3 + 1 else p * 3 end as phone,
        480 + floor(random() * 720)::int as minute,
        date_trunc('day', ${before}::timestamp) - (1 + floor(random() * 120)::int) * interval '1 day' as day
      from generate_series(1, ${n}) p, generate_series(1, ${input.attemptsPerProspect}) k
    ) d`);
  await db.execute(sql`
    insert into intel_facts (team_id, prospect_id, company_id, type, from_time, to_time, value, recorded_at)
    select ${teamId}, c * 4, c, 'gatekeeper-hours', '12:30', '13:30', '{"arrives": "08:30", "leaves": "17:00"}'::jsonb,
      ${before}::timestamptz - interval '30 days'
    from generate_series(50, greatest(1, ${n} / 4), 50) c`);
  for (const table of ['companies', 'prospects', 'phone_numbers'])
    await db.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}) + 1, false)`,
      ),
    );
}

/** A synthetic book ready to serve: written, its summaries rebuilt, the queue's scores written, the planner's statistics taken. */
export async function readyBook(db: Db, input: Parameters<typeof writeBook>[1]): Promise<void> {
  await writeBook(db, input);
  await rebuildReachStats(db, input.teamId);
  await freshenScores(db, input.teamId);
  await db.execute(sql`analyze`);
}
