import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { USUAL_SECONDS, WRAP_UP_SECONDS } from '../outcomes/index.ts';
import { ALL_HOURS, ANY_KIND, type DialFact, dialCells, RECENT_DIALS, Scope } from './reach-cells.ts';

/**
 * Folds one dial into the summaries, inside the transaction that logs it: the prospect's
 * counters, hour profile and recent dials, and the slot counts of its number, company,
 * persona group and the whole book. A bad number teaches nothing about hours.
 *
 * With `direction` -1 it takes a dial back out (an undone log), after its row was deleted:
 * the counts go down by what the dial added, and the prospect's last and recent dials are
 * read again from the log that remains.
 */
export async function recordDial(tx: Db, dial: DialFact, direction: 1 | -1 = 1): Promise<void> {
  const reached = dial.outcome === 'reached' ? direction : 0;
  const gatekeeper = dial.outcome === 'gatekeeper' ? direction : 0;
  const learns = dial.outcome !== 'bad-number';
  const hour = dial.local && learns ? Math.floor(dial.local.minute / 60) : null;
  const hourUpdate =
    hour === null
      ? sql``
      : sql`, hour_dials[${hour + 1}] = hour_dials[${hour + 1}] + ${direction}, hour_reached[${hour + 1}] = hour_reached[${hour + 1}] + ${reached}`;
  const at = dial.at.toISOString();
  const lastDials =
    direction === 1
      ? sql`last_dial_at = greatest(last_dial_at, ${at}::timestamptz),
      last_message_at = ${dial.messageLeft ? sql`greatest(last_message_at, ${at}::timestamptz)` : sql`last_message_at`},
      recent_dials = array(
        select d from unnest(recent_dials || ${at}::timestamptz) d order by d desc limit ${RECENT_DIALS}
      )`
      : dialTimesFromLog(dial.prospectId);
  await tx.execute(sql`
    update prospects set
      dials = dials + ${direction},
      reached_count = reached_count + ${reached},
      messages = messages + ${dial.messageLeft ? direction : 0},
      rep_seconds = rep_seconds + ${direction * dial.repSeconds},
      meetings = meetings + ${dial.meeting ? direction : 0},
      ${lastDials}${hourUpdate}
    where id = ${dial.prospectId}`);
  if (!learns) return;
  if (hour !== null && dial.companyId !== null)
    await tx.execute(sql`
      update companies set hour_dials[${hour + 1}] = hour_dials[${hour + 1}] + ${direction},
        hour_reached[${hour + 1}] = hour_reached[${hour + 1}] + ${reached}
      where id = ${dial.companyId}`);
  const fronted =
    dial.local !== null &&
    dial.phone !== null &&
    dial.companyId !== null &&
    (dial.outcome === 'gatekeeper' || (dial.gatekeeperBefore ?? (await gatekeeperMet(tx, dial))));
  const cells = dialCells(dial, fronted);
  if (cells.length === 0) return;
  const values = sql.join(
    cells.map(
      (c) =>
        sql`(${dial.teamId}, ${c.scope}, ${c.scopeId}, ${c.kind}, ${c.slot}, ${direction}, ${reached}, ${gatekeeper})`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    insert into reach_counts (team_id, scope, scope_id, kind, slot, dials, reached, gatekeeper)
    values ${values}
    on conflict (team_id, scope, scope_id, kind, slot) do update set
      dials = reach_counts.dials + excluded.dials,
      reached = reach_counts.reached + excluded.reached,
      gatekeeper = reach_counts.gatekeeper + excluded.gatekeeper`);
}

/** The prospect's last dial, last message and recent dials, read again from the log as it stands. */
const dialTimesFromLog = (prospectId: number): SQL =>
  sql`last_dial_at = (select max(a.at) from call_attempts a where a.prospect_id = ${prospectId}),
      last_message_at = (select max(v.at) from voicemails v where v.prospect_id = ${prospectId}),
      recent_dials = array(
        select a.at from call_attempts a where a.prospect_id = ${prospectId} order by a.at desc limit ${RECENT_DIALS}
      )`;

/**
 * Reads the prospect's dial times again from the log: after a corrected call has been taken
 * out and put back in (`recordDial` -1 then +1), which would otherwise list its instant twice.
 */
export async function rereadDialTimes(tx: Db, prospectId: number): Promise<void> {
  await tx.execute(sql`update prospects set ${dialTimesFromLog(prospectId)} where id = ${prospectId}`);
}

async function gatekeeperMet(tx: Db, dial: DialFact): Promise<boolean> {
  const rows = rowsOf<{ gatekeeper: number }>(
    await tx.execute(sql`
      select gatekeeper from reach_counts
      where team_id = ${dial.teamId} and scope = ${Scope.company} and scope_id = ${dial.companyId}
        and kind = ${ANY_KIND} and slot = ${ALL_HOURS}`),
  );
  return Number(rows[0]?.gatekeeper ?? 0) > 0;
}

const raw = (n: number): SQL => sql.raw(String(n));

/** `repSecondsOf` of calls/call-rules.ts as SQL over a `call_attempts` row. */
function repSecondsSql(): SQL {
  const usual = Object.entries(USUAL_SECONDS).map(
    ([outcome, seconds]) => sql`when ${outcome} then ${raw(seconds)}`,
  );
  return sql`coalesce(duration_seconds, case outcome ${sql.join(usual, sql` `)} else 0 end) + ${raw(WRAP_UP_SECONDS)}`;
}

/** Prospect (or company) ids per rebuild statement: bounds the memory one statement needs. */
const REBUILD_BATCH = 20_000;

/**
 * Recomputes every summary of a team from its call log, as `recordDial` would have built
 * them dial by dial (in logging order), with the meetings booked on callbacks: after a
 * restore, or for a book logged before the summaries existed. Uses each prospect's current company and title. Works through the book
 * a range of companies (and then of prospects) at a time, so a book of any size fits in
 * memory; slot counts add up across ranges.
 */
export async function rebuildReachStats(
  db: Db,
  teamId: number,
  options: { batch?: number } = {},
): Promise<void> {
  const batch = options.batch ?? REBUILD_BATCH;
  await db.transaction(async (tx) => {
    // Attempts restored from an older backup or written in bulk carry no rep time yet: reckon it as the call log does.
    await tx.execute(sql`
      update call_attempts set rep_seconds = ${repSecondsSql()} where team_id = ${teamId} and rep_seconds = 0`);
    await tx.execute(sql`delete from reach_counts where team_id = ${teamId}`);
    await tx.execute(sql`
      update companies set hour_dials = array_fill(0, array[24]), hour_reached = array_fill(0, array[24])
      where team_id = ${teamId}`);
    await tx.execute(sql`
      update prospects set dials = 0, reached_count = 0, messages = 0, rep_seconds = 0, meetings = 0,
        last_dial_at = null, last_message_at = null,
        recent_dials = '{}', hour_dials = array_fill(0, array[24]), hour_reached = array_fill(0, array[24])
      where team_id = ${teamId} and (dials > 0 or meetings > 0)`);
    const [range] = rowsOf<{ companies: number | null; prospects: number | null }>(
      await tx.execute(sql`
        select (select max(id) from companies where team_id = ${teamId}) as companies,
          (select max(id) from prospects where team_id = ${teamId}) as prospects`),
    );
    const maxCompany = Number(range?.companies ?? 0);
    for (let from = 1; from <= maxCompany; from += batch) {
      const to = from + batch - 1;
      await countCells(tx, { teamId, companies: sql`p.company_id between ${from} and ${to}` });
      await tx.execute(sql`
        update companies c set hour_dials = s.hour_dials, hour_reached = s.hour_reached
        from (
          select p.company_id, ${hourArray(sql`true`)} as hour_dials, ${hourArray(sql`a.outcome = 'reached'`)} as hour_reached
          from call_attempts a join prospects p on p.id = a.prospect_id
          where a.team_id = ${teamId} and p.company_id between ${from} and ${to} group by p.company_id
        ) s
        where c.id = s.company_id`);
    }
    await countCells(tx, { teamId, companies: sql`p.company_id is null` });
    const maxProspect = Number(range?.prospects ?? 0);
    for (let from = 1; from <= maxProspect; from += batch) {
      const to = from + batch - 1;
      await tx.execute(sql`
        update prospects p set dials = s.dials, reached_count = s.reached, messages = s.messages,
          rep_seconds = s.rep_seconds, meetings = s.meetings, last_dial_at = s.last_at,
          last_message_at = s.last_message_at, recent_dials = s.recent, hour_dials = s.hour_dials,
          hour_reached = s.hour_reached
        from (
          select a.prospect_id, count(*) as dials, count(*) filter (where a.outcome = 'reached') as reached,
            count(*) filter (where a.outcome = 'voicemail-left') as messages, sum(a.rep_seconds) as rep_seconds,
            count(*) filter (where a.result = 'meeting') as meetings,
            max(a.at) as last_at, max(a.at) filter (where a.outcome = 'voicemail-left') as last_message_at,
            (array_agg(a.at order by a.at desc))[1:${RECENT_DIALS}] as recent,
            ${hourArray(sql`true`)} as hour_dials,
            ${hourArray(sql`a.outcome = 'reached'`)} as hour_reached
          from call_attempts a
          where a.team_id = ${teamId} and a.prospect_id between ${from} and ${to}
          group by a.prospect_id
        ) s
        where p.id = s.prospect_id`);
    }
    // A meeting booked when the prospect called back counts as one booked on a call.
    await tx.execute(sql`
      update prospects p set meetings = p.meetings + s.meetings
      from (
        select prospect_id, count(*)::int as meetings from callbacks
        where team_id = ${teamId} and result = 'meeting' and prospect_id is not null group by prospect_id
      ) s
      where p.id = s.prospect_id`);
  });
}

/** Adds the slot counts of the dials to prospects at the given companies (a company's dials all in one go). */
async function countCells(tx: Db, input: { teamId: number; companies: SQL }): Promise<void> {
  const { teamId } = input;
  await tx.execute(sql`
    with a as (
      select p.company_id, p.seniority, n.id as phone_id, n.kind,
        a.local_weekday as w, a.local_minute_of_day / 60 as h,
        (a.outcome = 'reached')::int as r, (a.outcome = 'gatekeeper')::int as g,
        coalesce(bool_or(a.outcome = 'gatekeeper') over (partition by p.company_id order by a.id), false) as fronted
      from call_attempts a
      join prospects p on p.id = a.prospect_id
      left join phone_numbers n on n.id = a.phone_id
      where a.team_id = ${teamId} and a.outcome <> 'bad-number' and ${input.companies}
    ), cells as (
      select ${raw(Scope.company)} as scope, company_id as scope_id, '*' as kind, ${raw(ALL_HOURS)} as slot, r, g
        from a where company_id is not null
      union all select ${raw(Scope.book)}, 0, kind, 200 + h, r, g from a where kind is not null and h is not null
      union all select ${raw(Scope.group)}, seniority * 2 + (company_id is not null and fronted)::int, kind, 200 + h, r, g
        from a where kind is not null and h is not null
      union all select ${raw(Scope.company)}, company_id, kind, 200 + h, r, g
        from a where company_id is not null and kind is not null and h is not null
      union all select ${raw(Scope.number)}, phone_id, kind, ${raw(ALL_HOURS)}, r, g from a where phone_id is not null and h is not null
      union all select ${raw(Scope.number)}, phone_id, kind, 200 + h, r, g from a where phone_id is not null and h is not null
      union all select ${raw(Scope.number)}, phone_id, kind, (w - 1) * 24 + h, r, g
        from a where phone_id is not null and h is not null
    )
    insert into reach_counts (team_id, scope, scope_id, kind, slot, dials, reached, gatekeeper)
    select ${teamId}, scope, scope_id, kind, slot, count(*), sum(r), sum(g)
    from cells group by scope, scope_id, kind, slot
    on conflict (team_id, scope, scope_id, kind, slot) do update set
      dials = reach_counts.dials + excluded.dials,
      reached = reach_counts.reached + excluded.reached,
      gatekeeper = reach_counts.gatekeeper + excluded.gatekeeper`);
}

/** `array[count of hour 0, …, count of hour 23]` over the group's countable dials matching `where`. */
function hourArray(where: SQL): SQL {
  const cells = Array.from(
    { length: 24 },
    (_, h) =>
      sql`(count(*) filter (where a.outcome <> 'bad-number' and a.local_minute_of_day / 60 = ${sql.raw(String(h))} and ${where}))::int`,
  );
  return sql`array[${sql.join(cells, sql`, `)}]`;
}

/** Rebuilds the summaries of a book logged before they existed; a no-op once they are there. */
export async function ensureReachStats(db: Db): Promise<void> {
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`
      select t.id from teams t
      where exists (select 1 from call_attempts a where a.team_id = t.id)
        and not exists (select 1 from prospects p where p.team_id = t.id and p.dials > 0)`),
  );
  for (const row of rows) await rebuildReachStats(db, Number(row.id));
}
