import { DateTime } from 'luxon';
import type { OwnLimits } from '../../context/context.ts';
import type { Plan, PlanQuery, PlanWindow, Queue, QueueQuery } from '../../contracts/queue.contract.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid, notFound } from '../../shared/errors.ts';
import { accountIdOf, principalOf, userOfTeam } from '../accounts/index.ts';
import { screenedRegisters } from '../suppression/index.ts';
import { type Ctx, findUser, repClockZone } from '../team/index.ts';
import { type DialDecision, type DialLimits, insideWindow } from './may-dial.ts';
import { loadCandidates, type OpenZones, pursuitBook, shortlist, zonesOfBook } from './queue.repository.ts';
import {
  type Candidate,
  dialDecision,
  type QueueEntry,
  queueSeed,
  type RankInput,
  rankAt,
  type SlotTable,
  worthFloor,
} from './rank.ts';
import { hourSlot, weekSlot } from './reach-cells.ts';
import { hourPrior, keepScores, RESCORE_PER_QUEUE, type ScoreBook, typicalValue } from './slot-scores.ts';

export type { Queue };

/** The dials the limits look back over: the longest rolling cap in the rules (France: 4 in 30 days). */
const DIAL_HISTORY_DAYS = 31;

/**
 * The limits a dial is held to: the team's, narrowed by the caller's own where they set them (a
 * later start, an earlier end, fewer dials): a rep's own can only make them stricter.
 */
export const limitsOf = (ctx: Pick<Ctx, 'team' | 'user'>, rep?: OwnLimits): DialLimits => {
  const { team } = ctx;
  const own = rep ?? (ctx.user?.kind === 'user' ? ctx.user.limits : undefined);
  const later = (a: string, b: string | null | undefined) => (b && b > a ? b : a);
  const earlier = (a: string, b: string | null | undefined) => (b && b < a ? b : a);
  const fewer = (a: number, b: number | null | undefined) => (b != null && b < a ? b : a);
  return {
    callingHoursStart: later(team.callingHoursStart, own?.callingHoursStart),
    callingHoursEnd: earlier(team.callingHoursEnd, own?.callingHoursEnd),
    maxDialsPerDay: fewer(team.maxDialsPerDay, own?.maxDialsPerDay),
    maxDialsPerWeek: fewer(team.maxDialsPerWeek, own?.maxDialsPerWeek),
    territoryZones: team.territoryZones,
    audience: team.callingAudience === 'b2b' ? 'b2b' : 'consumer',
    teamRules: team.callingRules,
  };
};

/** What every ranking of the team's book reads besides the candidates: limits, typical value, keep-or-drop's yardsticks. */
export type Yardsticks = Pick<RankInput, 'limits' | 'typicalValue' | 'pursuit'>;

/** `rep`: the limits of the rep whose book is ranked, when it is not the asker's (a manager's look at it). */
export async function yardsticks(ctx: Ctx, rep?: OwnLimits): Promise<Yardsticks> {
  const typical = await typicalValue(ctx.db, ctx.team.id);
  return {
    limits: { ...limitsOf(ctx, rep), screenedAgainst: await screenedRegisters(ctx.db, ctx.team.id) },
    typicalValue: typical,
    pursuit: await pursuitBook(ctx.db, {
      teamId: ctx.team.id,
      typicalValue: typical,
      teamHourlyValue: ctx.team.repHourlyValue,
    }),
  };
}

/** Whom to call now and on which number, best first, inside every legal and courtesy limit. */
export async function buildQueue(ctx: Ctx, q: QueueQuery): Promise<Queue> {
  const at = resolveAt(q.at);
  const ownerId = await bookOf(ctx, q.rep);
  const book = await yardsticks(ctx, await limitsOfBook(ctx, ownerId));
  const open = await openZones(ctx, { at, limits: book.limits });
  const prior = await hourPrior(ctx.db, ctx.team.id);
  const scores = await keepScores(ctx.db, {
    teamId: ctx.team.id,
    live: { prior, typical: book.typicalValue },
    limit: RESCORE_PER_QUEUE,
  });
  // Keep-or-drop and the courtesy limits leave some of the shortlist out: look further before coming back short.
  for (let size = Math.max(100, q.limit * 5), round = 1; ; size *= 2, round++) {
    const ids = await shortlistAt(ctx, { at, open, ownerId, scores, size });
    const { candidates, counts } = await loadCandidates(ctx.db, {
      teamId: ctx.team.id,
      ids,
      window: { from: new Date(at.getTime() - DIAL_HISTORY_DAYS * DAY), to: at },
      slots: open.zones.hours.flatMap((hour, i) => [hourSlot(hour), weekSlot(open.zones.weekdays[i]!, hour)]),
    });
    const entries = rankAt(at, {
      ...book,
      candidates,
      counts,
      limit: q.limit,
      mode: q.explore === 'false' ? 'mean' : 'sample',
      seed: await seedOf(ctx, { at, ownerId }),
      hours: q.hours,
      ...(q.worth === 'true' ? { minChance: worthFloor(prior) } : {}),
    });
    if (entries.length >= q.limit || ids.length < size || round === SHORTLIST_ROUNDS)
      return { at: at.toISOString(), considered: candidates.length, currency: ctx.team.currency, entries };
  }
}

/** How many times the queue doubles its shortlist when too few of it may be called. */
const SHORTLIST_ROUNDS = 4;
const DAY = 86_400_000;

/**
 * The zones inside the calling window at `at`, among those the book's prospects are in or
 * may be in, and the territory's first zone when the whole territory is open (where a
 * prospect of unknown zone may be called).
 */
async function openZones(
  ctx: Ctx,
  input: { at: Date; limits: DialLimits },
): Promise<{ zones: OpenZones; territoryZone: string | null }> {
  const { at, limits } = input;
  const known = await zonesOfBook(ctx.db, { teamId: ctx.team.id });
  const isOpen = (zone: string) =>
    insideWindow(at, { zone, start: limits.callingHoursStart, end: limits.callingHoursEnd });
  const territoryOpen = limits.territoryZones.length > 0 && limits.territoryZones.every(isOpen);
  const zones: OpenZones = { zones: [], hours: [], weekdays: [], clocks: [] };
  for (const zone of new Set([...known, ...limits.territoryZones])) {
    if (!isOpen(zone)) continue;
    const local = DateTime.fromJSDate(at, { zone });
    zones.zones.push(zone);
    zones.hours.push(local.hour);
    zones.weekdays.push(local.weekday);
    zones.clocks.push(local.toFormat('HH:mm'));
  }
  return { zones, territoryZone: territoryOpen ? limits.territoryZones[0]! : null };
}

/** The shortlist at `at` over the zones open then, under the team's weekly limit. */
function shortlistAt(
  ctx: Ctx,
  input: {
    at: Date;
    open: { zones: OpenZones; territoryZone: string | null };
    ownerId: number | null;
    /** The yardsticks the stored scores were computed with. */
    scores: ScoreBook;
    size: number;
  },
): Promise<number[]> {
  return shortlist(ctx.db, {
    teamId: ctx.team.id,
    at: input.at,
    open: input.open.zones,
    territoryZone: input.open.territoryZone,
    maxDialsPerWeek: ctx.team.maxDialsPerWeek,
    ownerId: input.ownerId,
    holder: accountIdOf(ctx),
    book: input.scores,
    size: input.size,
  });
}

/**
 * The live queue's seed: the team (or the rep whose book it is) and the day in the rep's clock
 * (`repClockZone`), so the order holds all working day.
 */
async function seedOf(ctx: Ctx, input: { at: Date; ownerId: number | null }): Promise<string> {
  const zone = await repClockZone(ctx, input.ownerId);
  const day = DateTime.fromJSDate(input.at, { zone }).toISODate() ?? input.at.toISOString().slice(0, 10);
  return queueSeed({ scope: `${ctx.team.id}|${input.ownerId ?? 'team'}`, day });
}

/**
 * Whose book a queue or plan draws from: the rep named; else a rep's own (a rep works their
 * book), a manager's or admin's whole team. A rep may not ask for another's book.
 */
async function bookOf(ctx: Ctx, rep: string | undefined): Promise<number | null> {
  const asker = principalOf(ctx);
  const own = asker.kind === 'user' && asker.role === 'rep' ? asker.id : null;
  if (rep === undefined) return own;
  const id = await resolveRep(ctx, rep);
  if (own !== null && id !== own)
    throw new AppError('forbidden', "A rep's queue is their own book: a manager sees another's");
  return id;
}

/** A rep's own hours and limits when a manager looks at their book: the queue they would see. */
async function limitsOfBook(ctx: Ctx, ownerId: number | null): Promise<OwnLimits | undefined> {
  if (ownerId === null || accountIdOf(ctx) === ownerId) return undefined;
  const rep = await userOfTeam(ctx.db, { teamId: ctx.team.id, id: ownerId });
  return rep
    ? {
        callingHoursStart: rep.callingHoursStart,
        callingHoursEnd: rep.callingHoursEnd,
        maxDialsPerDay: rep.maxDialsPerDay,
        maxDialsPerWeek: rep.maxDialsPerWeek,
      }
    : undefined;
}

async function resolveRep(ctx: Ctx, rep: string): Promise<number> {
  const id = await findUser(ctx, rep);
  if (id === null) throw notFound('rep', rep);
  return id;
}

export type { Plan, PlanWindow };

const STEP_MINUTES = 15;

/**
 * The day's best windows, for a rep planning ahead: each prospect worth a dial, at up to
 * the daily courtesy limit of windows two hours apart, where the book believes the decision
 * maker is most likely to answer. Windows read in the rep's clock and the prospect's.
 */
export async function planDay(ctx: Ctx, q: PlanQuery): Promise<Plan> {
  const ownerId = await bookOf(ctx, q.rep);
  const zone = q.zone ?? (await repClockZone(ctx, ownerId));
  const start = DateTime.fromISO(q.day, { zone }).startOf('day');
  if (!start.isValid) throw invalid('zone', `"${zone}" is not a time zone`);
  const steps: Date[] = [];
  for (let t = start; t < start.plus({ days: 1 }); t = t.plus({ minutes: STEP_MINUTES }))
    steps.push(t.toJSDate());
  const book = await yardsticks(ctx, await limitsOfBook(ctx, ownerId));
  const { limits } = book;
  const scores = await keepScores(ctx.db, {
    teamId: ctx.team.id,
    live: { prior: await hourPrior(ctx.db, ctx.team.id), typical: book.typicalValue },
    limit: RESCORE_PER_QUEUE,
  });
  const ids = new Set<number>();
  for (const at of steps.filter((_, i) => i % 4 === 0)) {
    const open = await openZones(ctx, { at, limits });
    const found = await shortlistAt(ctx, {
      at,
      open,
      ownerId,
      scores,
      size: q.limit * 2,
    });
    for (const id of found) ids.add(id);
  }
  const dayStart = steps[0]!;
  const dayEnd = start.plus({ days: 1 }).toJSDate();
  const { candidates, counts } = await loadCandidates(ctx.db, {
    teamId: ctx.team.id,
    ids: [...ids],
    window: { from: new Date(dayStart.getTime() - DIAL_HISTORY_DAYS * DAY), to: dayEnd },
    slots: null,
  });
  const best = new Map<number, { at: Date; entry: QueueEntry }[]>();
  for (const at of steps) {
    const asOf = candidates.map((c) => historyAsOf(c, at));
    for (const entry of rankAt(at, {
      ...book,
      candidates: asOf,
      counts,
      limit: asOf.length,
      mode: 'mean',
      seed: '',
    })) {
      const list = best.get(entry.prospect.id) ?? [];
      list.push({ at, entry });
      best.set(entry.prospect.id, list);
    }
  }
  const chosen = [...best.values()]
    .map((options) => pickWindows(options, limits.maxDialsPerDay))
    .filter((w) => w.length > 0)
    .sort((a, b) => b[0]!.entry.score - a[0]!.entry.score)
    .slice(0, q.limit)
    .flat();
  const windows = chosen
    .map(({ from, to, entry }) => ({
      from: DateTime.fromJSDate(from, { zone }).toFormat('HH:mm'),
      to: DateTime.fromJSDate(to, { zone }).toFormat('HH:mm'),
      localFrom: DateTime.fromJSDate(from, { zone: entry.local.timezone }).toFormat('HH:mm'),
      localTo: DateTime.fromJSDate(to, { zone: entry.local.timezone }).toFormat('HH:mm'),
      sortKey: from.getTime(),
      prospect: entry.prospect,
      number: entry.number,
      timezone: entry.local.timezone,
      probability: entry.probability,
      expectedValue: entry.expectedValue,
      reasons: entry.reasons,
    }))
    .sort((a, b) => a.sortKey - b.sortKey || b.expectedValue - a.expectedValue)
    .map(({ sortKey: _s, ...w }) => w);
  return { day: q.day, zone, windows };
}

/** The candidate as the queue would see it at `at`: only the dials and messages before then. */
function historyAsOf(candidate: Candidate, at: Date): Candidate {
  const before = (d: Date) => d <= at && at.getTime() - d.getTime() < 7 * DAY;
  return { ...candidate, dials: candidate.dials.filter(before), messages: candidate.messages.filter(before) };
}

type Option = { at: Date; entry: QueueEntry };

/**
 * Up to `perDay` windows for one prospect, best first and at least two hours apart: each
 * grows over neighbouring steps on the same number that are nearly as good.
 */
function pickWindows(options: Option[], perDay: number): { from: Date; to: Date; entry: QueueEntry }[] {
  const ranked = [...options].sort(
    (a, b) => b.entry.score - a.entry.score || a.at.getTime() - b.at.getTime(),
  );
  const byTime = [...options].sort((a, b) => a.at.getTime() - b.at.getTime());
  const picked: { from: Date; to: Date; entry: QueueEntry }[] = [];
  for (const option of ranked) {
    if (picked.length >= perDay) break;
    if (option.entry.score <= 0) break;
    if (picked.some((w) => Math.abs(w.from.getTime() - option.at.getTime()) < 2 * 3_600_000)) continue;
    const near = (o: Option) =>
      o.entry.number.id === option.entry.number.id && o.entry.score >= option.entry.score * 0.9;
    const i = byTime.indexOf(option);
    let first = i;
    let last = i;
    while (first > 0 && near(byTime[first - 1]!) && gapOk(byTime[first - 1]!, byTime[first]!)) first--;
    while (last < byTime.length - 1 && near(byTime[last + 1]!) && gapOk(byTime[last]!, byTime[last + 1]!))
      last++;
    picked.push({
      from: byTime[first]!.at,
      to: new Date(byTime[last]!.at.getTime() + STEP_MINUTES * 60_000),
      entry: option.entry,
    });
  }
  return picked;
}

const gapOk = (a: Option, b: Option): boolean => b.at.getTime() - a.at.getTime() <= STEP_MINUTES * 60_000;

export type NextWindow = { at: Date; entry: QueueEntry };

/** One prospect as the ranking sees it, with its dials from a week before `from` up to `to`. */
async function loadOne(
  ctx: Ctx,
  input: { prospectId: number; from: Date; to: Date },
): Promise<{ candidate: Candidate | undefined; counts: SlotTable }> {
  const { candidates, counts } = await loadCandidates(ctx.db, {
    teamId: ctx.team.id,
    ids: [input.prospectId],
    window: { from: new Date(input.from.getTime() - 7 * DAY), to: input.to },
    slots: null,
  });
  return { candidate: candidates[0], counts };
}

/** The queue's entry for one prospect at `at` by its mean belief, with no draw: a question about one person. */
const rankOne = (
  at: Date,
  input: { candidate: Candidate; counts: SlotTable; book: Yardsticks },
): QueueEntry | undefined =>
  rankAt(at, {
    ...input.book,
    candidates: [input.candidate],
    counts: input.counts,
    limit: 1,
    mode: 'mean',
    seed: '',
  })[0];

/**
 * When to call one prospect again after `at`, as the queue itself would rank it: the best
 * quarter-hour in the next three days that every limit allows, counting a dial made now.
 * `accept` narrows the local hours, for another part of the day or after hours.
 */
export async function nextWindow(
  ctx: Ctx,
  input: {
    prospectId: number;
    at: Date;
    dialedNow: boolean;
    accept: (localHour: number) => boolean;
    book: Yardsticks;
  },
): Promise<NextWindow | null> {
  const horizon = new Date(input.at.getTime() + 3 * DAY);
  const { candidate, counts } = await loadOne(ctx, {
    prospectId: input.prospectId,
    from: input.at,
    to: horizon,
  });
  if (!candidate) return null;
  if (input.dialedNow) {
    candidate.dials = [...candidate.dials, input.at];
    candidate.effort = {
      ...candidate.effort,
      attempts: candidate.effort.attempts + 1,
      lastAttemptAt: input.at,
    };
  }
  const { book } = input;
  const step = STEP_MINUTES * 60_000;
  let best: NextWindow | null = null;
  for (let t = Math.ceil(input.at.getTime() / step) * step + step; t < horizon.getTime(); t += step) {
    const at = new Date(t);
    const entry = rankOne(at, { candidate: historyAsOf(candidate, at), counts, book });
    if (!entry || (best && entry.score <= best.entry.score)) continue;
    if (!input.accept(DateTime.fromJSDate(at, { zone: entry.local.timezone }).hour)) continue;
    best = { at, entry };
  }
  return best;
}

/**
 * Whether one number of a prospect may be dialled at `at` by every rule the queue obeys (the
 * law's hours in the number's zone, Do-Not-Call, an opt-out, the pursuit, the courtesy limits),
 * and why not: what a call placed by hand is checked against.
 */
export async function dialCheck(
  ctx: Ctx,
  input: { prospectId: number; e164: string; at: Date },
): Promise<DialDecision> {
  const { candidates } = await loadCandidates(ctx.db, {
    teamId: ctx.team.id,
    ids: [input.prospectId],
    window: { from: new Date(input.at.getTime() - DIAL_HISTORY_DAYS * DAY), to: input.at },
    slots: null,
  });
  const candidate = candidates[0];
  if (!candidate)
    return { ok: false, refusals: ['invalid-number'], why: ['the prospect has no number to dial'] };
  const limits = { ...limitsOf(ctx), screenedAgainst: await screenedRegisters(ctx.db, ctx.team.id) };
  return dialDecision(input.at, { candidate, e164: input.e164, limits });
}

/** The number the queue would dial for this prospect at `at`, if any is allowed. */
export async function numberAt(
  ctx: Ctx,
  input: { prospectId: number; at: Date; book: Yardsticks },
): Promise<string | null> {
  const { candidate, counts } = await loadOne(ctx, {
    prospectId: input.prospectId,
    from: input.at,
    to: input.at,
  });
  if (!candidate) return null;
  const entry = rankOne(input.at, { candidate, counts, book: input.book });
  return entry?.number.e164 ?? null;
}
