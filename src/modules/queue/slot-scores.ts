import { type SQL, sql } from 'drizzle-orm';
import { LEGAL_END, LEGAL_START } from '../../contracts/vocabulary.ts';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { STAGE_WEIGHT } from './rank.ts';
import { hourSlot, Scope } from './reach-cells.ts';
import { POOLING_STRENGTH, pooledBelief } from './reach-model.ts';

const p = sql.param;

/**
 * The local hours a score is kept for: every hour a dial may start inside the widest calling
 * window the law allows anywhere Reach calls (08:00-21:00), so every open zone's hour has one.
 */
export const FIRST_HOUR = Number(LEGAL_START.slice(0, 2));
export const LAST_HOUR = Number(LEGAL_END.slice(0, 2)) - 1;
/** The slot of a never-dialled prospect's value: the coverage list reads it. */
export const UNTRIED = -1;

/** How many stale prospects are scored in one transaction. */
const CHUNK = 20_000;
/** How far one queue carries a re-scoring to a new prior (the rest waits for the next). */
export const RESCORE_PER_QUEUE = 5_000;
/** The advisory lock (with the team id) of a re-scoring in progress. */
const RESCORE_LOCK = 72_001;
/** How far the book's hour rates or typical value may move before the stored scores are brought to them. */
export const DRIFT = 0.25;

/** What the stored scores are computed with: the book's answer rate by local hour 0-23, and the value taken for an unvalued prospect. */
export type ScoreBook = { prior: number[]; typical: number };

/** `STAGE_WEIGHT` as a SQL expression over the prospect row `pr`. */
export const stageWeight = sql`case pr.stage ${sql.join(
  Object.entries(STAGE_WEIGHT).map(([stage, w]) => sql`when ${stage} then ${w}::float8`),
  sql` `,
)} else 1::float8 end`;

/**
 * Value-free chance that the prospect `pr` (company `c`) answers at local `hour`, read
 * optimistically (mean plus two spreads): the book's hour rate, then the company's record,
 * then the prospect's own.
 */
export function optimistic(prior: number[], hour: SQL): SQL {
  const m0 = sql`(${p(prior)}::float8[])[${hour} + 1]`;
  const k = POOLING_STRENGTH;
  const mc = sql`((${m0} * ${k} + coalesce(c.hour_reached[${hour} + 1], 0)) / (${k} + coalesce(c.hour_dials[${hour} + 1], 0))::float8)`;
  const a = sql`(${mc} * ${k} + pr.hour_reached[${hour} + 1])`;
  const n = sql`(${k} + pr.hour_dials[${hour} + 1])::float8`;
  return sql`(${a} / ${n} + 2 * sqrt((${a} / ${n}) * (1 - ${a} / ${n}) / (${n} + 1)))`;
}

/** The shortlist's score of `pr` at local `hour`: value (or the typical value) times stage weight times `optimistic`. */
export const slotScore = (book: ScoreBook, hour: SQL): SQL =>
  sql`coalesce(pr.value, ${book.typical})::float8 * ${stageWeight} * ${optimistic(book.prior, hour)}`;

/** Who has scores at all: anyone the queue may ever propose again. */
const KEPT = sql`not pr.opted_out and pr.stage not in ('customer', 'lost')`;

/** Writes the scores of the prospects `ids` afresh, dropping those no longer kept (and the untried slot of one dialled). */
async function writeScores(tx: Db, input: { ids: number[]; book: ScoreBook }): Promise<void> {
  const { ids, book } = input;
  await tx.execute(sql`
    delete from queue_slots s where s.prospect_id = any(${p(ids)}::int[]) and not exists (
      select 1 from prospects pr where pr.id = s.prospect_id and ${KEPT} and (s.hour <> ${UNTRIED} or pr.dials = 0))`);
  const hours = sql`(select generate_series(${FIRST_HOUR}::int, ${LAST_HOUR}::int) as hour union all select ${UNTRIED}::int)`;
  // In id order, and as upserts, so a process scoring the same prospects at once waits instead of failing.
  await tx.execute(sql`
    insert into queue_slots (prospect_id, hour, team_id, owner_id, zone, score)
    select pr.id, h.hour, pr.team_id, pr.owner_id, coalesce(pr.timezone, pr.timezone_candidates[1], ''),
      case when h.hour = ${UNTRIED} then coalesce(pr.value, ${book.typical})::float8
        else ${slotScore(book, sql`h.hour`)} end
    from unnest(${p(ids)}::int[]) u(id)
    join prospects pr on pr.id = u.id
    left join companies c on c.id = pr.company_id
    cross join ${hours} h
    where ${KEPT} and (h.hour <> ${UNTRIED} or pr.dials = 0)
    order by pr.id, h.hour
    on conflict (prospect_id, hour) do update set team_id = excluded.team_id, owner_id = excluded.owner_id,
      zone = excluded.zone, score = excluded.score`);
}

/**
 * Scores every prospect listed stale (added, or changed in what their score reads) and takes
 * them off the list; returns how many. Each chunk claims its rows, so two processes never
 * score one prospect at once.
 */
export async function scoreStale(db: Db, input: { teamId: number; book: ScoreBook }): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const ids = rowsOf<{ prospect_id: number }>(
        await tx.execute(sql`
          delete from queue_stale where prospect_id in (
            select prospect_id from queue_stale where team_id = ${input.teamId}
            order by prospect_id limit ${CHUNK} for update skip locked)
          returning prospect_id`),
      ).map((r) => Number(r.prospect_id));
      if (ids.length > 0) await writeScores(tx, { ids, book: input.book });
      return ids.length;
    });
    done += n;
    if (n < CHUNK) return done;
  }
}

type StoredBook = { prior: number[] | null; typical: number | null; rescore_after: number | null };

/**
 * Keeps the stored scores usable for a queue read with the book's current `live` yardsticks:
 * scores every stale prospect, and when the hour rates or the typical value have moved more
 * than `DRIFT` since the scores were computed, takes the new ones and re-scores the book in
 * id order, `limit` prospects a call (all at once when left out), the rest on later calls.
 * Returns the yardsticks the stored scores are read with.
 */
export async function keepScores(
  db: Db,
  input: { teamId: number; live: ScoreBook; limit?: number },
): Promise<ScoreBook> {
  const { teamId, live } = input;
  const [stored] = rowsOf<StoredBook>(
    await db.execute(sql`select prior, typical, rescore_after from queue_books where team_id = ${teamId}`),
  );
  const kept: ScoreBook | null =
    stored?.prior && stored.typical !== null
      ? { prior: stored.prior.map(Number), typical: Number(stored.typical) }
      : null;
  const was = stored?.rescore_after ?? null;
  // Nothing was scored before the first yardsticks are kept: the stale list holds the whole book.
  const renew = kept === null || drifted(kept, live);
  const book = renew ? live : kept;
  const start = kept === null ? null : renew ? 0 : was;
  if (renew) await storeBook(db, { teamId, book, after: start });
  await scoreStale(db, { teamId, book });
  if (start === null) return book;
  const after = await rescoreFrom(db, { teamId, book, after: start, limit: input.limit });
  if (after !== start || renew) await storeBook(db, { teamId, book, after });
  return book;
}

async function storeBook(
  db: Db,
  input: { teamId: number; book: ScoreBook; after: number | null },
): Promise<void> {
  await db.execute(sql`
    insert into queue_books (team_id, prior, typical, rescored_at, rescore_after)
    values (${input.teamId}, ${p(input.book.prior)}::float8[], ${input.book.typical}, now(), ${input.after})
    on conflict (team_id) do update set prior = excluded.prior, typical = excluded.typical,
      rescored_at = excluded.rescored_at, rescore_after = excluded.rescore_after`);
}

/** Re-scores the team's prospects after id `after`, up to `limit` of them; the last id done, or null when the book is done. */
async function rescoreFrom(
  db: Db,
  input: { teamId: number; book: ScoreBook; after: number; limit: number | undefined },
): Promise<number | null> {
  let after = input.after;
  let left = input.limit ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const take = Math.min(CHUNK, left);
    const ids = rowsOf<{ id: number }>(
      await db.execute(sql`
        select id from prospects where team_id = ${input.teamId} and id > ${after} order by id limit ${take}`),
    ).map((r) => Number(r.id));
    // One process at a time carries a re-scoring on; another finds it taken and reads the scores as they are.
    const carried = await db.transaction(async (tx) => {
      const [lock] = rowsOf<{ got: boolean }>(
        await tx.execute(sql`select pg_try_advisory_xact_lock(${RESCORE_LOCK}, ${input.teamId}) as got`),
      );
      if (!lock?.got) return false;
      if (ids.length > 0) await writeScores(tx, { ids, book: input.book });
      return true;
    });
    if (!carried) return after;
    if (ids.length < take) return null;
    after = ids.at(-1)!;
    left -= take;
  }
  return after;
}

/** Whether the live yardsticks have moved more than `DRIFT` from those the scores were computed with. */
export function drifted(stored: ScoreBook, live: ScoreBook): boolean {
  const far = (a: number, b: number) => Math.abs(a - b) > DRIFT * Math.max(Math.abs(a), Math.abs(b), 1e-9);
  if (far(stored.typical, live.typical)) return true;
  for (let h = FIRST_HOUR; h <= LAST_HOUR; h++)
    if (far(stored.prior[h] ?? 0, live.prior[h] ?? 0)) return true;
  return false;
}

/** The book's effort totals, kept by the database as prospects change (keep-or-drop's yardsticks). */
export async function effortTotals(
  db: Db,
  teamId: number,
): Promise<{ attempts: number; reached: number; messages: number; repSeconds: number; meetings: number }> {
  const [row] = rowsOf<Record<string, number | string | null>>(
    await db.execute(sql`
      select sum(dials) as dials, sum(reached) as reached, sum(messages) as messages,
        sum(rep_seconds) as rep_seconds, sum(meetings) as meetings
      from book_totals where team_id = ${teamId}`),
  );
  const n = (v: number | string | null | undefined) => Number(v ?? 0);
  return {
    attempts: n(row?.['dials']),
    reached: n(row?.['reached']),
    messages: n(row?.['messages']),
    repSeconds: n(row?.['rep_seconds']),
    meetings: n(row?.['meetings']),
  };
}

/** The book's decision-maker answer rate by local hour, over every number: the shortlist's prior. */
export async function hourPrior(db: Db, teamId: number): Promise<number[]> {
  const rows = rowsOf<{ slot: number; dials: number; reached: number }>(
    await db.execute(sql`
      select slot, sum(dials) as dials, sum(reached) as reached from reach_counts
      where team_id = ${teamId} and scope = ${Scope.book} and slot between ${hourSlot(0)} and ${hourSlot(23)} group by slot`),
  );
  const prior = Array.from({ length: 24 }, () => pooledBelief([]).mean);
  for (const r of rows)
    prior[Number(r.slot) - hourSlot(0)] = pooledBelief([
      { dials: Number(r.dials), reached: Number(r.reached) },
    ]).mean;
  return prior;
}

/**
 * What an unvalued prospect is taken to be worth: the median value of the first 5,000 valued
 * prospects (1 when none is recorded). A bounded, deterministic sample, so the queue never
 * scans the whole book for it.
 */
export async function typicalValue(db: Db, teamId: number): Promise<number> {
  const rows = rowsOf<{ median: number | string | null }>(
    await db.execute(sql`
      select percentile_disc(0.5) within group (order by value) as median from (
        select value from prospects where team_id = ${teamId} and value is not null order by id limit 5000
      ) sample`),
  );
  const median = Number(rows[0]?.median ?? 0);
  return median > 0 ? median : 1;
}

/** Brings the stored scores up to the book as it is now, all of them: after a bulk change (an import, a rebuild). */
export async function freshenScores(db: Db, teamId: number): Promise<ScoreBook> {
  return keepScores(db, {
    teamId,
    live: { prior: await hourPrior(db, teamId), typical: await typicalValue(db, teamId) },
  });
}
