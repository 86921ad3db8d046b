import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/rows.ts';
import {
  type OpenZones,
  type Shortlist,
  shortlist,
  shortlistByScan,
} from '../src/modules/queue/queue.repository.ts';
import { FIRST_HOUR, keepScores, LAST_HOUR, type ScoreBook } from '../src/modules/queue/slot-scores.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

const ZONES = ['America/New_York', 'America/Chicago', 'America/Los_Angeles'];
const PROSPECTS = 600;
const prior = (rate: number) => Array.from({ length: 24 }, (_, h) => rate * (1 + (h % 5) / 10));
const LIVE: ScoreBook = { prior: prior(0.06), typical: 20_000 };

/**
 * A book bigger than a shortlist: prospects in three zones and one of unknown zone, some with
 * candidate zones, with values, stages, owners, records by hour (their own and their
 * company's), recent dials and a message, some opted out or customers.
 */
async function writeBook(t: TestDb): Promise<{ reps: number[] }> {
  const db = t.ctx.db;
  const teamId = t.ctx.team.id;
  const reps = rowsOf<{ id: number }>(
    await db.execute(sql`
      insert into users (team_id, name) select ${teamId}, 'Rep ' || i from generate_series(1, 3) i returning id`),
  ).map((r) => Number(r.id));
  await db.execute(sql`select setseed(0.17)`);
  await db.execute(sql`
    insert into companies (team_id, name, hour_dials, hour_reached)
    select ${teamId}, 'Company ' || c, d, array(select least(x, floor(random() * 3)::int) from unnest(d) x)
    from generate_series(1, ${PROSPECTS / 4}) c,
      lateral (select array(select floor(random() * 6)::int + c * 0 from generate_series(1, 24)) d) s`);
  await db.execute(sql`
    insert into prospects (team_id, company_id, owner_id, first_name, stage, value, timezone, timezone_candidates,
      opted_out, dials, hour_dials, hour_reached, last_dial_at, last_message_at, recent_dials)
    select ${teamId}, (select min(id) from companies) + (i - 1) / 4, (${sql.param(reps)}::int[])[1 + i % 3], 'P' || i,
      (array['new', 'new', 'contacted', 'engaged', 'interested', 'customer'])[1 + i % 6],
      case when i % 7 = 0 then null else 1000 + (i * 7919) % 90000 end,
      case when i % 11 = 0 then null else (${sql.param(ZONES)}::text[])[1 + i % 3] end,
      case when i % 22 = 0 then array['America/New_York', 'America/Chicago'] else '{}'::text[] end,
      i % 29 = 0, d.total, d.hours, array(select least(x, floor(random() * 2)::int) from unnest(d.hours) x),
      case when i % 13 = 0 then timestamptz '2026-03-03T15:00:00Z' end,
      case when i % 17 = 0 then timestamptz '2026-03-03T10:00:00Z' end,
      case when i % 13 = 0 then array[timestamptz '2026-03-03T15:00:00Z'] else '{}'::timestamptz[] end
    from generate_series(1, ${PROSPECTS}) i,
      lateral (select case when i % 9 = 0 then array_fill(0, array[24])
        else array(select floor(random() * 3)::int + i * 0 from generate_series(1, 24)) end as hours) h,
      lateral (select h.hours, (select sum(x) from unnest(h.hours) x)::int as total) d`);
  return { reps };
}

/** The shortlist's question at `at`: the zones open then (08:00-21:00 local) and their hour. */
function question(t: TestDb, at: Date, input: { ownerId: number | null; book: ScoreBook }): Shortlist {
  const open: OpenZones = { zones: [], hours: [], weekdays: [], clocks: [] };
  for (const zone of ZONES) {
    const local = DateTime.fromJSDate(at, { zone });
    if (local.hour < FIRST_HOUR || local.hour > LAST_HOUR) continue;
    open.zones.push(zone);
    open.hours.push(local.hour);
    open.weekdays.push(local.weekday);
    open.clocks.push(local.toFormat('HH:mm'));
  }
  return {
    teamId: t.ctx.team.id,
    at,
    open,
    territoryZone: open.zones.includes(ZONES[0]!) ? ZONES[0]! : null,
    maxDialsPerWeek: 3,
    ownerId: input.ownerId,
    holder: null,
    book: input.book,
    size: 100,
  };
}

const TIMES = [
  '2026-03-03T13:30:00Z',
  '2026-03-03T16:00:00Z',
  '2026-03-03T19:45:00Z',
  '2026-03-04T01:30:00Z',
];

describe.each(drivers)('the queue read from kept scores on %s', (driver) => {
  let t: TestDb;
  let reps: number[];
  beforeEach(async () => {
    t = await freshDb(driver);
    ({ reps } = await writeBook(t));
  });
  afterEach(async () => {
    await t.drop();
  });

  /** Both ways of shortlisting agree, for the team and each rep, at every time. */
  async function expectSameAsScan(book: ScoreBook): Promise<void> {
    let full = 0;
    for (const at of TIMES)
      for (const ownerId of [null, ...reps]) {
        const q = question(t, new Date(at), { ownerId, book });
        const kept = await shortlist(t.ctx.db, q);
        expect(kept, `${at} rep ${ownerId}`).toEqual(await shortlistByScan(t.ctx.db, q));
        if (kept.length >= q.size) full++;
      }
    // The book is bigger than a shortlist: most questions have more answers than it holds.
    expect(full).toBeGreaterThanOrEqual(TIMES.length);
  }

  it('shortlists from the index exactly what scoring the whole book would, for the team and each rep', async () => {
    await keepScores(t.ctx.db, { teamId: t.ctx.team.id, live: LIVE });
    await expectSameAsScan(LIVE);
  });

  it('a changed value, stage, owner, zone, record or company record, an opt-out and a removal are read at once', async () => {
    const db = t.ctx.db;
    await keepScores(db, { teamId: t.ctx.team.id, live: LIVE });
    await db.execute(
      sql`update prospects set value = 99000000 where id in (select id from prospects order by id desc limit 5)`,
    );
    await db.execute(
      sql`update prospects set stage = 'interested' where id in (select id from prospects where stage = 'new' limit 20)`,
    );
    await db.execute(
      sql`update prospects set owner_id = ${reps[0]!} where id in (select id from prospects order by id limit 30)`,
    );
    await db.execute(
      sql`update prospects set timezone = 'America/Los_Angeles' where timezone = 'America/Chicago' and id % 2 = 0`,
    );
    await db.execute(
      sql`update prospects set hour_dials = array_fill(9, array[24]), hour_reached = array_fill(9, array[24]), dials = dials + 1 where id % 31 = 0`,
    );
    await db.execute(sql`update companies set hour_reached = hour_dials where id % 5 = 0`);
    await db.execute(
      sql`update prospects set opted_out = true where id in (select id from prospects order by value desc nulls last limit 10)`,
    );
    await db.execute(sql`delete from prospects where id in (select id from prospects order by id limit 3)`);
    const stale = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from queue_stale`))[0]!
      .n;
    expect(stale).toBeGreaterThan(0);
    await keepScores(db, { teamId: t.ctx.team.id, live: LIVE });
    expect(
      rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from queue_stale`))[0]!.n,
    ).toBe(0);
    await expectSameAsScan(LIVE);
  });

  it('when the book’s hour rates move, takes them and re-scores the book a part at a time, reading every prospect meanwhile', async () => {
    const db = t.ctx.db;
    const teamId = t.ctx.team.id;
    await keepScores(db, { teamId, live: LIVE });
    const moved: ScoreBook = { prior: prior(0.12), typical: LIVE.typical };
    // A small move keeps the scores as they are.
    const slight: ScoreBook = { prior: prior(0.065), typical: LIVE.typical };
    expect(await keepScores(db, { teamId, live: slight, limit: 100 })).toEqual(LIVE);
    const book = await keepScores(db, { teamId, live: moved, limit: 100 });
    expect(book).toEqual(moved);
    const rows = await db.execute(sql`select rescore_after from queue_books where team_id = ${teamId}`);
    expect(Number(rowsOf<{ rescore_after: number }>(rows)[0]!.rescore_after)).toBeGreaterThan(0);
    // Meanwhile every kept prospect still has its scores.
    const scored = rowsOf<{ n: number }>(
      await db.execute(sql`select count(distinct prospect_id)::int as n from queue_slots`),
    )[0]!.n;
    const kept = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from prospects where not opted_out and stage not in ('customer', 'lost')`,
      ),
    )[0]!.n;
    expect(scored).toBe(kept);
    for (let i = 0; i < PROSPECTS / 100; i++) await keepScores(db, { teamId, live: moved, limit: 100 });
    const done = await db.execute(sql`select rescore_after from queue_books where team_id = ${teamId}`);
    expect(rowsOf<{ rescore_after: number | null }>(done)[0]!.rescore_after).toBeNull();
    await expectSameAsScan(moved);
  });

  it('keeps the book’s effort totals as prospects are added, changed and removed', async () => {
    const db = t.ctx.db;
    await db.execute(
      sql`update prospects set messages = messages + 2, rep_seconds = rep_seconds + 60, meetings = 1, reached_count = 3 where id % 4 = 0`,
    );
    await db.execute(sql`delete from prospects where id % 10 = 1`);
    const [kept] = rowsOf<Record<string, string>>(
      await db.execute(
        sql`select sum(dials) as dials, sum(reached) as reached, sum(messages) as messages, sum(rep_seconds) as rep_seconds, sum(meetings) as meetings from book_totals where team_id = ${t.ctx.team.id}`,
      ),
    );
    const [summed] = rowsOf<Record<string, string>>(
      await db.execute(sql`
        select sum(dials) as dials, sum(reached_count) as reached, sum(messages) as messages,
          sum(rep_seconds) as rep_seconds, sum(meetings) as meetings from prospects where team_id = ${t.ctx.team.id}`),
    );
    expect(Object.values(kept!).map(Number)).toEqual(Object.values(summed!).map(Number));
    expect(Number(kept!['messages'])).toBeGreaterThan(0);
  });
});
