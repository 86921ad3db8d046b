import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { type StatedPlace, zoneOfDialledNumber } from '../phones/index.ts';
import { displayName } from '../prospects/index.ts';
import { bookRates, PROMISE_EARLY_MINUTES, readStanding } from '../pursuit/index.ts';
import { blockedNumbers } from '../suppression/index.ts';
import type { HoursIntel } from './intel-evidence.ts';
import { CALLBACK_GRACE_MINUTES, COURTESY } from './may-dial.ts';
import type { Candidate, PhoneZone, PursuitBook, SlotTable } from './rank.ts';
import { COVERAGE_EVERY, slotKey } from './rank.ts';
import { ALL_HOURS, hourSlot, Scope } from './reach-cells.ts';
import { effortTotals, FIRST_HOUR, LAST_HOUR, type ScoreBook, slotScore, UNTRIED } from './slot-scores.ts';

const p = sql.param;
const HOUR = 3_600_000;

/** Zones inside the calling window at the decision time, with their local hour and clock. */
export type OpenZones = { zones: string[]; hours: number[]; weekdays: number[]; clocks: string[] };

export type Shortlist = {
  teamId: number;
  at: Date;
  open: OpenZones;
  /** The territory's first zone, when every territory zone is open: where an unknown zone is called. */
  territoryZone: string | null;
  maxDialsPerWeek: number;
  ownerId: number | null;
  /** Who asks: another user's hold keeps a prospect (or a main-line company) off their queue; null holds nobody back from anyone. */
  holder: number | null;
  /** The yardsticks the stored scores were computed with (`keepScores`): the book's hour rates and typical value. */
  book: ScoreBook;
  size: number;
};

/**
 * The few hundred prospects worth a full look now: callable now by zone, stage, opt-out and
 * courtesy, ranked by value times an optimistic reading of their own and their company's
 * record at this hour, read best first from the scores kept per zone and local hour
 * (`queue_slots`), so the cost grows with the answer rather than the book. A promised
 * callback and intelligence that says "now" always make the list, and the most valuable never
 * dialled are added for coverage.
 */
export async function shortlist(db: Db, q: Shortlist): Promise<number[]> {
  if (q.open.zones.length === 0) return [];
  // Scores are kept for the hours a dial may start anywhere; any other hour is scored on the spot.
  if (q.open.hours.some((h) => h < FIRST_HOUR || h > LAST_HOUR)) return shortlistByScan(db, q);
  const walks = openSlots(q);
  // Each walk reads the index in its order and stops at its limit. The planner, misjudging how
  // few rows the filters drop, would rather gather a rep's whole slot with a bitmap and sort it
  // (1,250 prospects a zone on a 100,000-prospect book: 160 ms against 4 ms); it is not let to,
  // for both walks in one transaction.
  const { best, untried } = await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_bitmapscan = off`);
    const walk = async (input: { hour: SQL; where: SQL; limit: number }) =>
      rowsOf<{ id: number }>(
        await tx.execute(sql`
        with walks(zone, hour) as (select * from unnest(${p(walks.zones)}::text[], ${p(walks.hours)}::int[]))
        select w.id from walks z cross join lateral (
          -- In the index's own order ("nulls last", though no score is null), so each walk stops at its limit.
          select s.prospect_id as id, s.score from queue_slots s join prospects pr on pr.id = s.prospect_id
          where ${q.ownerId === null ? sql`s.team_id = ${q.teamId}` : sql`s.owner_id = ${q.ownerId}`}
            and s.zone = z.zone and s.hour = ${input.hour} and ${callable(q)} ${input.where}
          order by s.score desc nulls last, s.prospect_id limit ${input.limit}
        ) w
        order by w.score desc nulls last, w.id limit ${input.limit}`),
      ).map((r) => Number(r.id));
    return {
      best: await walk({ hour: sql`z.hour`, where: sql`and ${courteous(q)}`, limit: q.size }),
      untried: await walk({
        hour: sql`${UNTRIED}`,
        where: sql`and pr.dials = 0`,
        limit: Math.ceil(q.size / COVERAGE_EVERY),
      }),
    };
  });
  return [...new Set([...(await boosted(db, q)), ...best, ...untried])];
}

/** The (zone, local hour) pairs to read: each open zone, and the territory's hour for prospects of unknown zone. */
function openSlots(q: Shortlist): { zones: string[]; hours: number[] } {
  const zones = [...q.open.zones];
  const hours = [...q.open.hours];
  const territory = q.territoryZone === null ? -1 : q.open.zones.indexOf(q.territoryZone);
  if (territory >= 0) {
    zones.push('');
    hours.push(q.open.hours[territory]!);
  }
  return { zones, hours };
}

/** Who may be called at all now: the team's (or the rep's), not stopped, in a pursuit that allows a call, in an open zone. */
function callable(q: Shortlist): SQL {
  const at = q.at.toISOString();
  return sql`pr.team_id = ${q.teamId} and not pr.opted_out and pr.stage not in ('customer', 'lost')
    and (pr.pursuit = 'open'
      or (pr.pursuit = 'callback' and (pr.pursuit_until is null or pr.pursuit_until <= ${at}::timestamptz + ${PROMISE_EARLY_MINUTES} * interval '1 minute'))
      or (pr.pursuit = 'not-interested' and pr.pursuit_until <= ${at}::timestamptz))
    ${q.ownerId === null ? sql`` : sql`and pr.owner_id = ${q.ownerId}`}
    and not exists (select 1 from prospect_holds h where h.team_id = ${q.teamId} and h.until > ${at}::timestamptz
      and h.user_id is distinct from ${q.holder}::int
      and (h.prospect_id = pr.id or (h.company_id is not null and h.company_id = pr.company_id
        and exists (select 1 from phone_numbers pn where pn.prospect_id = pr.id and pn.kind = 'main'))))
    and case when pr.timezone is not null then true
             when cardinality(pr.timezone_candidates) > 0 then pr.timezone_candidates <@ ${p(q.open.zones)}::text[]
             else ${q.territoryZone !== null} end`;
}

/** The courtesy limits (`COURTESY`): not within two hours of a dial or a day of a message, under the weekly cap. */
function courteous(q: Shortlist): SQL {
  const at = q.at.toISOString();
  const weekAgo = sql`${at}::timestamptz - ${COURTESY.weekHours} * interval '1 hour'`;
  return sql`not coalesce(pr.last_dial_at > ${at}::timestamptz - ${COURTESY.minGapMinutes} * interval '1 minute' and pr.last_dial_at <= ${at}::timestamptz, false)
    and not coalesce(pr.last_message_at > ${at}::timestamptz - ${COURTESY.afterMessageHours} * interval '1 hour' and pr.last_message_at <= ${at}::timestamptz, false)
    and (pr.recent_dials[${q.maxDialsPerWeek}] is null
      or pr.recent_dials[${q.maxDialsPerWeek}] <= ${weekAgo}
      or (select count(*) from unnest(pr.recent_dials) d
          where d > ${weekAgo} and d <= ${at}::timestamptz) < ${q.maxDialsPerWeek})`;
}

const zoneKey = (q: Shortlist) => sql`coalesce(pr.timezone, pr.timezone_candidates[1], ${q.territoryZone})`;
const openZonesOf = (q: Shortlist) => sql`open_zones(zone, hour, clock) as (
    select * from unnest(${p(q.open.zones)}::text[], ${p(q.open.hours)}::int[], ${p(q.open.clocks)}::text[]))`;

/**
 * A promised callback or a cadence call step come due, or intelligence saying the decision
 * maker is reachable now: promises first, then the most valuable.
 */
async function boosted(db: Db, q: Shortlist): Promise<number[]> {
  const at = q.at.toISOString();
  const grace = sql`${CALLBACK_GRACE_MINUTES} * interval '1 minute'`;
  return rowsOf<{ id: number }>(
    await db.execute(sql`
      with ${openZonesOf(q)},
      facts as materialized (
        select f.prospect_id, f.company_id, f.type, f.from_time, f.to_time,
          f.value->>'arrives' as arrives, f.value->>'leaves' as leaves
        from intel_facts f
        where f.team_id = ${q.teamId} and f.recorded_at <= ${at}::timestamptz
          and (f.type in ('dm-hours', 'gatekeeper-hours') or (f.type = 'private-line' and f.from_time is not null))
      ),
      -- Only what says "now" in some open zone is joined to anyone: the decision maker's window,
      -- the private line's hours, the gatekeeper away (not yet in, gone, at lunch).
      now_facts as materialized (
        select f.prospect_id, f.company_id, f.type, z.zone from facts f cross join open_zones z
        where (f.type in ('dm-hours', 'private-line') and z.clock >= f.from_time and z.clock < f.to_time)
          or (f.type = 'gatekeeper-hours' and (z.clock < f.arrives or z.clock >= f.leaves
            or (z.clock >= f.from_time and z.clock < f.to_time)))
      ),
      -- A gatekeeper's hours hold for everyone at the company; a decision maker's for themselves.
      heard as (
        select prospect_id as id, zone from now_facts where prospect_id is not null
        union
        select pr.id, n.zone from now_facts n join prospects pr on pr.company_id = n.company_id
        where n.type = 'gatekeeper-hours' and n.company_id is not null
      )
      select g.id from (select u.id, bool_or(u.promised) as promised from (
      select t.prospect_id as id, true as promised from tasks t
      where t.team_id = ${q.teamId} and t.status = 'open' and t.kind = 'callback'
        and t.due_at between ${at}::timestamptz - ${grace} and ${at}::timestamptz + ${grace}
      union all
      -- A cadence's call step that has come due.
      select t.prospect_id, false from tasks t join enrollments e on e.id = t.enrollment_id
      where t.team_id = ${q.teamId} and t.status = 'open' and t.kind = 'call' and e.status = 'active'
        and t.due_at <= ${at}::timestamptz
      union all
      -- Each prospect heard of looked up by id: \`limit 1\` keeps the planner from turning the
      -- lookups into a scan of the whole book (it cannot foresee how few are heard of).
      select heard_of.id, false from heard h cross join lateral (
        select pr.id from prospects pr where pr.id = h.id and ${zoneKey(q)} = h.zone and ${callable(q)} limit 1
      ) heard_of
      ) u group by u.id) g
      cross join lateral (select best.value from prospects best where best.id = g.id limit 1) best
      order by g.promised desc, coalesce(best.value, ${q.book.typical}) desc, g.id
      limit ${q.size}`),
  ).map((r) => Number(r.id));
}

/**
 * The shortlist computed over every callable prospect in the open zones, scoring each on the
 * spot with the same yardsticks: for an hour no score is kept for, and the yardstick the kept
 * scores are checked against.
 */
export async function shortlistByScan(db: Db, q: Shortlist): Promise<number[]> {
  if (q.open.zones.length === 0) return [];
  // The planner cannot foresee how many prospects pass these filters (nearly all, usually) and
  // would probe companies one by one; one hash join over the whole scan is what is wanted.
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_nestloop = off`);
    await tx.execute(sql`set local work_mem = '256MB'`);
    return rowsOf<{ id: number }>(
      await tx.execute(sql`
      with ${openZonesOf(q)}
      select pr.id from prospects pr
      join open_zones z on z.zone = ${zoneKey(q)}
      left join companies c on c.id = pr.company_id
      where ${callable(q)} and ${courteous(q)}
      order by ${slotScore(q.book, sql`z.hour`)} desc, pr.id
      limit ${q.size}`),
    );
  });
  const untried = rowsOf<{ id: number }>(
    await db.execute(sql`
      with ${openZonesOf(q)}
      select pr.id from prospects pr join open_zones z on z.zone = ${zoneKey(q)}
      where ${callable(q)} and pr.dials = 0
      order by coalesce(pr.value, ${q.book.typical}) desc, pr.id
      limit ${Math.ceil(q.size / COVERAGE_EVERY)}`),
  ).map((r) => Number(r.id));
  return [...new Set([...(await boosted(db, q)), ...rows.map((r) => Number(r.id)), ...untried])];
}

/** Everything the ranking needs about the shortlisted prospects, as of `at`. */
export async function loadCandidates(
  db: Db,
  input: { teamId: number; ids: number[]; window: { from: Date; to: Date }; slots: number[] | null },
): Promise<{ candidates: Candidate[]; counts: SlotTable }> {
  const { teamId, ids } = input;
  if (ids.length === 0) return { candidates: [], counts: new Map() };
  const from = input.window.from.toISOString();
  const at = input.window.to.toISOString();
  const prospects = rowsOf<ProspectRow>(
    await db.execute(sql`
      select pr.id, pr.first_name, pr.last_name, pr.email, pr.title, pr.seniority, pr.stage, pr.value,
        pr.timezone, pr.timezone_candidates, pr.stated_timezone, pr.region, pr.country, pr.list, pr.opted_out, pr.dials, pr.hour_dials, pr.hour_reached,
        pr.pursuit, pr.pursuit_since, pr.pursuit_until, pr.pursuit_reason,
        pr.reached_count, pr.messages, pr.rep_seconds, pr.last_dial_at,
        (select count(*) from callbacks cb where cb.prospect_id = pr.id and cb.at <= ${at}::timestamptz) as callbacks,
        pr.company_id, c.name as company
      from prospects pr left join companies c on c.id = pr.company_id
      where pr.id = any(${p(ids)}::int[])`),
  );
  const phones = rowsOf<PhoneRow>(
    await db.execute(sql`
      select id, prospect_id, e164, kind, valid, source from phone_numbers
      where prospect_id = any(${p(ids)}::int[]) order by id`),
  );
  const blocked = await blockedNumbers(db, { teamId, numbers: [...new Set(phones.map((r) => r.e164))] });
  const companyIds = [...new Set(prospects.map((r) => r.company_id).filter((c): c is number => c !== null))];
  const facts = rowsOf<FactRow>(
    await db.execute(sql`
      select prospect_id, company_id, type, from_time, to_time, value, valid_until from intel_facts
      where team_id = ${teamId} and recorded_at <= ${at}::timestamptz
        and type in ('dm-hours', 'gatekeeper-hours', 'out-of-office', 'private-line')
        and (prospect_id = any(${p(ids)}::int[])
          or (type = 'gatekeeper-hours' and company_id = any(${p(companyIds)}::int[])))`),
  );
  const attempts = rowsOf<{ prospect_id: number; at: string | Date; outcome: string }>(
    await db.execute(sql`
      select prospect_id, at, outcome from call_attempts
      where prospect_id = any(${p(ids)}::int[])
        and at > ${from}::timestamptz and at <= ${at}::timestamptz`),
  );
  const steps = rowsOf<{
    prospect_id: number;
    cadence: string;
    step: number;
    payload: Record<string, unknown>;
    due_at: string | Date;
  }>(
    await db.execute(sql`
      select t.prospect_id, t.cadence, t.step, t.payload, t.due_at from tasks t join enrollments e on e.id = t.enrollment_id
      where t.prospect_id = any(${p(ids)}::int[]) and t.kind = 'call' and t.status = 'open'
        and e.status = 'active' and t.due_at <= ${at}::timestamptz
      order by t.due_at desc, t.id desc`),
  );
  const promises = rowsOf<{ prospect_id: number; due_at: string | Date }>(
    await db.execute(sql`
      select prospect_id, due_at from tasks
      where prospect_id = any(${p(ids)}::int[]) and status = 'open' and kind = 'callback'
        and due_at between ${from}::timestamptz - interval '1 hour' and ${at}::timestamptz + interval '1 hour'`),
  );
  const counts = await loadCounts(db, {
    teamId,
    phoneIds: phones.map((r) => r.id),
    companyIds,
    slots: input.slots,
  });
  const candidates = prospects.map((row) =>
    toCandidate(row, {
      phones: phones.filter((ph) => ph.prospect_id === row.id),
      blocked,
      facts: facts.filter(
        (f) =>
          f.prospect_id === row.id ||
          (f.type === 'gatekeeper-hours' && f.company_id === row.company_id && row.company_id !== null),
      ),
      attempts: attempts.filter((a) => a.prospect_id === row.id),
      promises: promises.filter((t) => t.prospect_id === row.id),
      step: steps.find((t) => t.prospect_id === row.id),
      at: input.window.to,
    }),
  );
  return { candidates, counts };
}

type ProspectRow = {
  id: number;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  title: string | null;
  seniority: number | null;
  stage: string;
  value: number | string | null;
  timezone: string | null;
  timezone_candidates: string[];
  stated_timezone: string | null;
  list: string | null;
  region: string | null;
  country: string | null;
  opted_out: boolean;
  pursuit: string;
  pursuit_since: string | Date | null;
  pursuit_until: string | Date | null;
  pursuit_reason: string | null;
  dials: number;
  hour_dials: number[];
  hour_reached: number[];
  reached_count: number;
  messages: number;
  rep_seconds: number;
  last_dial_at: string | Date | null;
  callbacks: number | string;
  company_id: number | null;
  company: string | null;
};
type PhoneRow = {
  id: number;
  prospect_id: number;
  e164: string;
  kind: string;
  valid: boolean;
  source: string;
};
type FactRow = {
  prospect_id: number | null;
  company_id: number | null;
  type: string;
  from_time: string | null;
  to_time: string | null;
  value: Record<string, unknown>;
  valid_until: string | Date | null;
};

/** Where a number rings, from its own plan data narrowed by what the record states. */
function phoneZone(e164: string, record: StatedPlace): PhoneZone {
  const zone = zoneOfDialledNumber(e164, record);
  return {
    timezone: zone.timezone,
    timezoneCandidates: zone.candidates,
    note: zone.note,
    places: zone.places,
  };
}

const dateOf = (v: string | Date): Date => (v instanceof Date ? v : new Date(v));

function toCandidate(
  row: ProspectRow,
  input: {
    phones: PhoneRow[];
    blocked: Set<string>;
    facts: FactRow[];
    attempts: { at: string | Date; outcome: string }[];
    promises: { due_at: string | Date }[];
    /** The decision time: the pursuit is read at it. */
    at: Date;
    /** The latest cadence call step that has come due. */
    step:
      | { cadence: string; step: number; payload: Record<string, unknown>; due_at: string | Date }
      | undefined;
  },
): Candidate {
  const step = input.step;
  const lines: NonNullable<HoursIntel['lines']> = [];
  const intel: HoursIntel = { dmHours: [], gatekeeper: [], lines };
  let outOfOfficeUntil: Date | null = null;
  for (const f of input.facts) {
    if (f.type === 'dm-hours' && f.from_time && f.to_time)
      intel.dmHours.push({ from: f.from_time, to: f.to_time });
    if (f.type === 'private-line' && f.from_time && f.to_time && typeof f.value['text'] === 'string')
      lines.push({ e164: f.value['text'], from: f.from_time, to: f.to_time });
    if (f.type === 'gatekeeper-hours') {
      const text = (k: string) =>
        typeof f.value[k] === 'string' && f.value[k] ? (f.value[k] as string) : null;
      intel.gatekeeper.push({
        arrives: text('arrives'),
        leaves: text('leaves'),
        lunchFrom: f.from_time,
        lunchTo: f.to_time,
      });
    }
    if (f.type === 'out-of-office' && f.valid_until) {
      const until = dateOf(f.valid_until);
      if (!outOfOfficeUntil || until > outOfOfficeUntil) outOfOfficeUntil = until;
    }
  }
  return {
    prospect: {
      id: Number(row.id),
      name: displayName({
        firstName: row.first_name,
        lastName: row.last_name,
        email: row.email,
      }),
      company: row.company,
      companyId: row.company_id === null ? null : Number(row.company_id),
      title: row.title,
      seniority: Number(row.seniority ?? 0),
      stage: row.stage,
      value: row.value === null ? null : Number(row.value),
      timezone: row.timezone,
      timezoneCandidates: row.timezone_candidates ?? [],
      list: row.list,
      optedOut: row.opted_out,
      pursuit: readStanding(
        {
          pursuit: row.pursuit,
          pursuitSince: row.pursuit_since === null ? null : dateOf(row.pursuit_since),
          pursuitUntil: row.pursuit_until === null ? null : dateOf(row.pursuit_until),
          pursuitReason: row.pursuit_reason,
          optedOut: row.opted_out,
          stage: row.stage,
          company: row.company,
        },
        input.at,
      ),
      dials: Number(row.dials),
      hourDials: (row.hour_dials ?? []).map(Number),
      hourReached: (row.hour_reached ?? []).map(Number),
    },
    phones: input.phones.map((ph) => ({
      id: Number(ph.id),
      e164: ph.e164,
      kind: ph.kind,
      valid: ph.valid,
      onDnc: input.blocked.has(ph.e164),
      source: ph.source,
      zone: phoneZone(ph.e164, {
        timezone: row.timezone,
        timezoneCandidates: row.timezone_candidates ?? [],
        statedTimezone: row.stated_timezone,
        region: row.region,
        country: row.country,
      }),
    })),
    intel,
    outOfOfficeUntil,
    effort: {
      attempts: Number(row.dials),
      // A call from the prospect is a conversation as much as one the rep placed.
      reached: Number(row.reached_count) + Number(row.callbacks),
      messages: Number(row.messages),
      repSeconds: Number(row.rep_seconds),
      lastAttemptAt: row.last_dial_at === null ? null : dateOf(row.last_dial_at),
    },
    dials: input.attempts.map((a) => dateOf(a.at)),
    unfelt: input.attempts.filter((a) => a.outcome === 'gatekeeper').map((a) => dateOf(a.at)),
    messages: input.attempts.filter((a) => a.outcome === 'voicemail-left').map((a) => dateOf(a.at)),
    callbacks: input.promises.map((t) => dateOf(t.due_at)),
    cadenceCall: step
      ? {
          cadence: step.cadence,
          step: Number(step.step) + 1,
          dueAt: dateOf(step.due_at),
          of: typeof step.payload['of'] === 'number' ? step.payload['of'] : null,
          note: typeof step.payload['note'] === 'string' ? step.payload['note'] : null,
        }
      : null,
  };
}

/** The learned counts the ranking pools: book and group rows, and those of the given numbers and companies. */
async function loadCounts(
  db: Db,
  input: { teamId: number; phoneIds: number[]; companyIds: number[]; slots: number[] | null },
): Promise<SlotTable> {
  const slots = input.slots === null ? sql`` : sql`and slot = any(${p([...input.slots, ALL_HOURS])}::int[])`;
  const rows = rowsOf<{
    scope: number;
    scope_id: number;
    kind: string;
    slot: number;
    dials: number;
    reached: number;
    gatekeeper: number;
  }>(
    await db.execute(sql`
      select scope, scope_id, kind, slot, dials, reached, gatekeeper from reach_counts
      where team_id = ${input.teamId} and (
        scope in (${Scope.book}, ${Scope.group})
        or (scope = ${Scope.company} and scope_id = any(${p(input.companyIds)}::int[]))
        or (scope = ${Scope.number} and scope_id = any(${p(input.phoneIds)}::int[]))
      ) ${slots}`),
  );
  const table: SlotTable = new Map();
  for (const r of rows)
    table.set(
      slotKey({ scope: Number(r.scope), id: Number(r.scope_id), kind: r.kind, slot: Number(r.slot) }),
      {
        dials: Number(r.dials),
        reached: Number(r.reached),
        gatekeeper: Number(r.gatekeeper),
      },
    );
  return table;
}

/**
 * The book's keep-or-drop yardsticks: totals from the summaries kept on each prospect, callbacks
 * credited to messages, and reach over all hours for the book and each persona group.
 */
export async function pursuitBook(
  db: Db,
  input: { teamId: number; typicalValue: number; teamHourlyValue: number | null },
): Promise<PursuitBook> {
  const { teamId } = input;
  const n = (v: number | string | null | undefined) => Number(v ?? 0);
  const totals = await effortTotals(db, teamId);
  const [credited] = rowsOf<{ callbacks: number | string }>(
    await db.execute(sql`
      select count(*) as callbacks from callbacks where team_id = ${teamId} and voicemail_id is not null`),
  );
  const reach = rowsOf<{ scope: number; scope_id: number; dials: number; reached: number }>(
    await db.execute(sql`
      select scope, scope_id, sum(dials) as dials, sum(reached) as reached from reach_counts
      where team_id = ${teamId} and scope in (${Scope.book}, ${Scope.group}) and slot between ${hourSlot(0)} and ${hourSlot(23)}
      group by scope, scope_id`),
  );
  const groups = new Map<number, { dials: number; reached: number }>();
  let book = { dials: 0, reached: 0 };
  for (const r of reach) {
    const counts = { dials: n(r.dials), reached: n(r.reached) };
    if (Number(r.scope) === Scope.book) book = counts;
    else groups.set(Number(r.scope_id), counts);
  }
  return {
    rates: bookRates({
      totals: { ...totals, callbacks: n(credited?.callbacks) },
      typicalValue: input.typicalValue,
      teamHourlyValue: input.teamHourlyValue,
    }),
    reach: { book, groups },
  };
}

/**
 * The zones the team's prospects are in or may be in: each known zone, and every candidate of
 * the prospects whose zone is not settled.
 */
export async function zonesOfBook(db: Db, input: { teamId: number }): Promise<string[]> {
  return rowsOf<{ zone: string }>(
    // A skip scan over the (team, zone) index: one probe per distinct zone, not one row per prospect.
    await db.execute(sql`
      with recursive zones(zone) as (
        (select timezone from prospects where team_id = ${input.teamId} and timezone is not null order by timezone limit 1)
        union all
        select (select timezone from prospects where team_id = ${input.teamId} and timezone > zones.zone order by timezone limit 1)
        from zones where zones.zone is not null
      )
      select zone from zones where zone is not null
      union
      select distinct unnest(timezone_candidates) from prospects
      where team_id = ${input.teamId} and timezone is null and cardinality(timezone_candidates) > 0`),
  ).map((r) => r.zone);
}

export { HOUR };
