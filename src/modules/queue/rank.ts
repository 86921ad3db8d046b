import type { QueueEntry } from '../../contracts/queue.contract.ts';
import type { PhoneKind, Stage } from '../../contracts/vocabulary.ts';
import { isAfterHours, type LocalClock, localClock, weekdayName } from '../../shared/local-clock.ts';
import { createRandom } from '../../shared/random.ts';
import type { Place } from '../compliance/index.ts';
import {
  type BookRates,
  type Effort,
  mayPursue,
  type Pursuit,
  priorReach,
  pursuitOf,
} from '../pursuit/keep-or-drop.ts';
import type { Standing } from '../pursuit/pursuit-state.ts';
import {
  dmWindowAt,
  type GatekeeperAbsence,
  gatekeeperAbsence,
  type HoursIntel,
  intelEvidence,
  lineAt,
} from './intel-evidence.ts';
import {
  CALLBACK_GRACE_MINUTES,
  type DialDecision,
  type DialLimits,
  type DialTarget,
  mayDial,
  zonesToRespect,
} from './may-dial.ts';
import { ALL_HOURS, ANY_KIND, groupOf, hourSlot, Scope, weekSlot } from './reach-cells.ts';
import { type Belief, pooledBelief, productBelief, type SlotCounts, sampleBelief } from './reach-model.ts';

/** A prospect the queue may propose, with what the book knows about them. */
export type Candidate = {
  prospect: {
    id: number;
    name: string;
    company: string | null;
    companyId: number | null;
    title: string | null;
    seniority: number;
    stage: string;
    value: number | null;
    timezone: string | null;
    timezoneCandidates: string[];
    optedOut: boolean;
    /** Where the pursuit stands at the decision time. */
    pursuit?: Standing;
    /** The list they came in with, when imported with one: team rules may be scoped to it. */
    list?: string | null;
    dials: number;
    /** Dials and answers by local hour 0-23. */
    hourDials: number[];
    hourReached: number[];
  };
  phones: {
    id: number;
    e164: string;
    kind: string;
    valid: boolean;
    onDnc: boolean;
    source: string;
    /** Where this number rings, when it differs from the prospect's zone: a call must be legal there. */
    zone?: PhoneZone;
  }[];
  intel: HoursIntel;
  outOfOfficeUntil: Date | null;
  /** Everything spent on the prospect so far, for keep-or-drop. */
  effort: Effort;
  /** Dials in the seven days up to the decision time, and messages left in the last day. */
  dials: Date[];
  /** Of those dials, the ones a gatekeeper answered: the decision maker's phone never rang. */
  unfelt?: Date[];
  messages: Date[];
  /** Open callback promises around the decision time. */
  callbacks: Date[];
  /** A call step of the prospect's cadence that has come due, if any. */
  cadenceCall: { cadence: string; step: number; of: number | null; note: string | null; dueAt: Date } | null;
};

/** The zone of one number: single when known, candidates when not, neither when the territory's apply. */
export type PhoneZone = {
  timezone: string | null;
  timezoneCandidates: string[];
  note: string | null;
  /** The jurisdictions whose rules bind a call to it: the number's own and the record's address. */
  places: Place[];
};

/** Learned slot counts by level: `scope:scopeId:kind:slot`. */
export type SlotCell = SlotCounts & { gatekeeper: number };
export type SlotTable = Map<string, SlotCell>;
export const slotKey = (c: { scope: number; id: number; kind: string; slot: number }): string =>
  `${c.scope}:${c.id}:${c.kind}:${c.slot}`;

export type RankInput = {
  candidates: Candidate[];
  counts: SlotTable;
  limits: DialLimits;
  /** Stands in for a prospect's value when none was recorded. */
  typicalValue: number;
  limit: number;
  /**
   * `sample` lets a share of the list explore (Thompson draws) for the live queue; `mean` ranks
   * by the belief's mean alone, for plans.
   */
  mode: 'sample' | 'mean';
  /**
   * Mixed into every draw's seed (`queueSeed`): the same for a rep all working day, so the
   * order holds still between refreshes; a number's draw changes when its prospect is dialled.
   */
  seed: string;
  /** The most of the list that may be there to explore rather than on its mean; `EXPLORE_SHARE` when left out. */
  exploreShare?: number;
  /** What the book has learned, for keep-or-drop: a dropped or slowed prospect waits its turn. */
  pursuit: PursuitBook;
  /**
   * Leave out a dial whose chance of reaching the decision maker is below this (`worthFloor`):
   * not worth the rep's minute now. A promised callback or a cadence step in its window stays.
   */
  minChance?: number;
  /** `after-hours`: only numbers whose clock is after hours or a weekend, for a session of after-hours calls. */
  hours?: 'any' | 'after-hours';
};

/** A dial is worth the rep's minute at a fifth or more of the book's usual chance of reaching a decision maker. */
export const WORTH_SHARE = 1 / 5;

/** The worth-a-dial floor: `WORTH_SHARE` of the book's mean reach over the working hours 8-17 (`hourPrior`). */
export function worthFloor(hourPrior: number[]): number {
  const working = hourPrior.slice(8, 18);
  return (working.reduce((a, b) => a + b, 0) / Math.max(1, working.length)) * WORTH_SHARE;
}

/** The book's yardsticks for keep-or-drop, and its reach over all hours, whole and by persona group. */
export type PursuitBook = {
  rates: BookRates;
  reach: { book: SlotCounts; groups: Map<number, SlotCounts> };
};

export type { QueueEntry };

/**
 * A second dial within a day counts for a quarter: each one wears on the prospect's patience, so
 * it goes ahead only where nothing fresher is nearly as good.
 */
export const SECOND_DIAL_WEIGHT = 0.25;
const DAY_MS = 24 * 3_600_000;

/** A cadence's call step goes ahead of the rest for this long after its time: its window (before the gatekeeper, at her lunch, after hours). */
export const CADENCE_WINDOW_MINUTES = 90;

/** How much more reaching a prospect is worth as the conversation advances; other stages weigh 1. */
export const STAGE_WEIGHT: Record<string, number> = { engaged: 1.3, interested: 1.6 };
const CALLBACK_WINDOW = CALLBACK_GRACE_MINUTES * 60_000;

/** The weight a prospect's reach is worth: their value, raised by how far the conversation has come. */
export const weightOf = (prospect: Candidate['prospect'], typicalValue: number): number =>
  (prospect.value ?? typicalValue) * (STAGE_WEIGHT[prospect.stage] ?? 1);

/**
 * At most this share of the queue explores, at every depth (one in the first five, two in the
 * first ten): an entry ranked by a draw from its belief (an hour or a number with few dials so
 * far) rather than by its mean. The rest is the best bets in order.
 */
export const EXPLORE_SHARE = 0.2;

/**
 * The seed of a live queue's draws: one team (or rep) and one local day. Every request that day
 * draws the same, so the order does not reshuffle between refreshes, and the API, the CLI and
 * the desk agree at the same instant; a new day, or a new dial to the prospect, draws anew.
 */
export const queueSeed = (input: { scope: string; day: string }): string => `${input.scope}|${input.day}`;

/** How many entries of a list of `limit` may explore. */
export const exploreSlots = (limit: number, share = EXPLORE_SHARE): number =>
  Math.max(limit >= 3 ? 1 : 0, Math.floor(limit * share));

/**
 * Ranks candidates at `at`: for each, the number most likely to reach the decision maker now,
 * weighted by value and follow-up state; a promised callback goes first. In `sample` mode a
 * few entries (`EXPLORE_SHARE` of the list) may rank by a seeded Thompson draw from their
 * pooled belief, so untried hours get their turn, each marked `exploring` with the reason.
 * Every entry has passed `mayDial`.
 */
export function rankAt(at: Date, input: RankInput): QueueEntry[] {
  const ranked: { exploit: QueueEntry; explore: QueueEntry | null }[] = [];
  for (const candidate of input.candidates) {
    const entry = bestNumber(at, { candidate, input });
    if (entry) ranked.push(entry);
  }
  const share = input.mode === 'sample' ? (input.exploreShare ?? EXPLORE_SHARE) : 0;
  const explorers = ranked
    .filter((r) => r.explore !== null && r.explore.score > r.exploit.score)
    .sort((a, b) => order(a.explore!, b.explore!))
    .slice(0, share > 0 ? exploreSlots(input.limit, share) : 0);
  const chosen = new Set(explorers);
  const exploiters = ranked.filter((r) => !chosen.has(r)).sort((a, b) => order(a.exploit, b.exploit));
  // Merged by score, an explorer goes only where it keeps every head of the list within the share.
  const entries: QueueEntry[] = [];
  let explored = 0;
  let i = 0;
  let j = 0;
  while (entries.length < input.limit && (i < exploiters.length || j < explorers.length)) {
    const exploit = exploiters[i]?.exploit;
    const explore = explorers[j]?.explore ?? undefined;
    const room = explored + 1 <= Math.ceil((entries.length + 1) * share);
    if (explore && room && (!exploit || order(explore, exploit) < 0)) {
      entries.push(explore);
      explored++;
      j++;
    } else if (exploit) {
      entries.push(exploit);
      i++;
    } else {
      // Only explorers are left: they stand on their means.
      entries.push(explorers[j++]!.exploit);
    }
  }
  return input.mode === 'sample'
    ? covered(entries, { ranked, candidates: input.candidates, limit: input.limit })
    : entries;
}

/**
 * Coverage: nobody in the book is left untried for ever. In every `COVERAGE_EVERY` entries of
 * a live queue, one is a prospect never dialled, the most valuable first, when the ranking
 * left none there (a colleague reached only through a switchboard the book rates poorly).
 */
export const COVERAGE_EVERY = 10;

function covered(
  entries: QueueEntry[],
  input: { ranked: { exploit: QueueEntry }[]; candidates: Candidate[]; limit: number },
): QueueEntry[] {
  const untried = new Set(input.candidates.filter((c) => c.prospect.dials === 0).map((c) => c.prospect.id));
  if (untried.size === 0) return entries;
  const listed = new Set(entries.map((e) => e.prospect.id));
  const waiting = input.ranked
    .map((r) => r.exploit)
    .filter((e) => untried.has(e.prospect.id) && !listed.has(e.prospect.id))
    .sort((a, b) => b.expectedValue - a.expectedValue || a.prospect.id - b.prospect.id);
  const out = [...entries];
  for (let start = 0; start < input.limit && waiting.length > 0; start += COVERAGE_EVERY) {
    if (out.slice(start, start + COVERAGE_EVERY).some((e) => untried.has(e.prospect.id))) continue;
    const first = waiting.shift()!;
    out.splice(Math.min(start + COVERAGE_EVERY - 1, out.length), 0, {
      ...first,
      reasons: [...first.reasons, 'never dialled: a first try, so nobody in the book is left untouched'],
    });
    if (out.length > input.limit) out.pop();
  }
  return out;
}

/** Promised callbacks first, then cadence calls in their window, then by score. */
const order = (a: QueueEntry, b: QueueEntry): number =>
  Number(b.callbackDue) - Number(a.callbackDue) ||
  Number(b.cadenceDue) - Number(a.cadenceDue) ||
  b.score - a.score ||
  a.prospect.id - b.prospect.id;

type Scored = { entry: QueueEntry; belief: Belief };

type Clock = { zone: string; local: NonNullable<ReturnType<typeof localClock>> };

/** The clock of the number being dialled: its own zone, or the candidate where it is earliest. */
function dialledClock(
  at: Date,
  input: { rings: Pick<PhoneZone, 'timezone' | 'timezoneCandidates'>; limits: DialLimits },
): Clock | null {
  let earliest: Clock | null = null;
  for (const zone of zonesToRespect(input.rings, input.limits)) {
    const local = localClock(at, zone);
    if (local && (!earliest || local.offset < earliest.local.offset)) earliest = { zone, local };
  }
  return earliest;
}

/**
 * A candidate's entry on its best number by the belief's mean, and, in `sample` mode, on its
 * best number by a draw when that draw is well above its mean (an entry that would explore).
 */
function bestNumber(
  at: Date,
  ctx: { candidate: Candidate; input: RankInput },
): { exploit: QueueEntry; explore: QueueEntry | null } | null {
  const { candidate, input } = ctx;
  const { prospect } = candidate;
  const zone = zonesToRespect(prospect, input.limits)[0];
  if (!zone) return null;
  const local = localClock(at, zone);
  if (!local) return null;
  const clock = local.clock;
  const weight = weightOf(prospect, input.typicalValue);
  const callbackAt = nearest(candidate.callbacks, at);
  const callbackDue = callbackAt !== null && Math.abs(at.getTime() - callbackAt.getTime()) <= CALLBACK_WINDOW;
  // A second try in a day wears on the prospect only when their phone rang the first time: a
  // gatekeeper's answer did not, and a window the intelligence names is the time to try again.
  const unfelt = new Set((candidate.unfelt ?? []).map((d) => d.getTime()));
  const lastDial = candidate.dials.reduce<number | null>(
    (last, d) =>
      d <= at && !unfelt.has(d.getTime()) && (last === null || d.getTime() > last) ? d.getTime() : last,
    null,
  );
  const pursuit = pursuitAt(at, { candidate, input });
  if (!callbackDue && !mayPursue(pursuit, at)) return null;
  // At the hours a private line was given for, it is the line: tried first, and the only one when it may be dialled.
  const line = lineAt(clock, candidate.intel);
  const named =
    line !== null ||
    dmWindowAt(clock, candidate.intel) !== null ||
    gatekeeperAbsence(clock, candidate.intel) !== null;
  const again = !callbackDue && !named && lastDial !== null && at.getTime() - lastDial < DAY_MS;
  const courtesy = again ? SECOND_DIAL_WEIGHT : 1;
  const step = candidate.cadenceCall;
  const stepDue =
    step !== null &&
    at.getTime() >= step.dueAt.getTime() &&
    at.getTime() < step.dueAt.getTime() + CADENCE_WINDOW_MINUTES * 60_000;
  let best: Scored | null = null;
  let drawn: Scored | null = null;
  const given = line ? candidate.phones.find((p) => p.e164 === line.e164 && p.valid && !p.onDnc) : undefined;
  const phones = given ? [given, ...candidate.phones.filter((p) => p !== given)] : candidate.phones;
  for (const phone of phones) {
    if (given && phone !== given && best?.entry.number.id === given.id) break;
    const rings = phone.zone ?? prospect;
    const decision = mayDial(at, {
      target: targetOf(candidate, { phone, callbackAt }),
      limits: input.limits,
    });
    if (!decision.ok) continue;
    const dialled = dialledClock(at, { rings, limits: input.limits }) ?? { zone, local };
    if (input.hours === 'after-hours' && !isAfterHours(dialled.local)) continue;
    const belief = numberBelief({ candidate, phone, local, clock, counts: input.counts });
    const entryAt = (score: number, exploring: boolean): Scored => ({
      belief,
      entry: {
        prospect: {
          id: prospect.id,
          name: prospect.name,
          company: prospect.company,
          title: prospect.title,
          stage: prospect.stage as Stage,
        },
        number: { id: phone.id, e164: phone.e164, kind: phone.kind as PhoneKind },
        local: {
          time: dialled.local.clock,
          weekday: weekdayName(dialled.local.weekday),
          timezone: dialled.zone,
          ambiguous: rings.timezone === null,
        },
        probability: round(belief.mean),
        expectedValue: round(belief.mean * weight),
        score: round(score),
        exploring,
        callbackDue,
        cadenceDue: stepDue,
        pursuit: { recommendation: pursuit.recommendation, reason: pursuit.reason },
        reasons: [],
      },
    });
    const mean = belief.mean * weight * courtesy;
    if (!best || mean > best.entry.score) best = entryAt(mean, false);
    if (input.mode === 'sample') {
      // The draw changes with the prospect's dials: new evidence, a new draw; the same all day otherwise.
      const rng = createRandom(hash(`${input.seed}|${phone.id}|${prospect.dials}`));
      const draw = sampleBelief(rng, belief);
      if (draw > belief.mean + spread(belief) && (!drawn || draw * weight * courtesy > drawn.entry.score))
        drawn = entryAt(draw * weight * courtesy, true);
    }
  }
  if (!best) return null;
  if (input.minChance !== undefined && best.belief.mean < input.minChance && !callbackDue && !stepDue)
    return null;
  const finish = (scored: Scored): QueueEntry => {
    const entry = scored.entry;
    entry.reasons = reasonsFor({ candidate, entry, local, counts: input.counts, callbackAt });
    const zoneNote = candidate.phones.find((p) => p.id === entry.number.id)?.zone?.note;
    if (zoneNote) entry.reasons.push(zoneNote);
    if (step)
      entry.reasons.splice(
        entry.callbackDue ? 1 : 0,
        0,
        `${step.cadence} step ${step.step}${step.of ? ` of ${step.of}` : ''} ${stepDue ? 'due now' : `due since ${localClock(step.dueAt, zone)?.clock ?? '?'}`}${step.note ? `: ${step.note}` : ''}`,
      );
    const standing = prospect.pursuit;
    if (standing?.state === 'open' && standing.next)
      entry.reasons.push(`${standing.reason}: ${standing.next}`);
    if (pursuit.recommendation === 'slow-down') entry.reasons.push('slowed down: a touch a week');
    if (pursuit.recommendation === 'drop') entry.reasons.push('nurture touch: dropped for a quarter');
    if (again)
      entry.reasons.push(
        `dialled ${Math.max(1, Math.round((at.getTime() - lastDial!) / 3_600_000))}h ago: a second try today ranks lower`,
      );
    return entry;
  };
  return { exploit: finish(best), explore: drawn ? finish(drawn) : null };
}

/** Keep-or-drop for a candidate at `at`, against the book's yardsticks and its persona group's reach. */
export function pursuitAt(
  at: Date,
  ctx: { candidate: Candidate; input: Pick<RankInput, 'pursuit' | 'typicalValue' | 'counts'> },
): Pursuit {
  const { candidate, input } = ctx;
  const { prospect } = candidate;
  const book = input.pursuit;
  return pursuitOf({
    at,
    weight: weightOf(prospect, input.typicalValue),
    optedOut: prospect.optedOut,
    priorReach: priorReach({
      book: book.reach.book,
      group: book.reach.groups.get(groupOf(prospect.seniority, fronted(prospect, input.counts))),
    }),
    effort: candidate.effort,
    rates: book.rates,
  });
}

/** A gatekeeper has been met at the prospect's company. */
const fronted = (prospect: Candidate['prospect'], counts: SlotTable): boolean =>
  prospect.companyId !== null &&
  cell(counts, slotKey({ scope: Scope.company, id: prospect.companyId, kind: ANY_KIND, slot: ALL_HOURS }))
    .gatekeeper > 0;

/** The promise closest to `at`, if any. */
/** One number of a candidate as the rules see it at a moment: everything `mayDial` weighs. */
function targetOf(
  candidate: Candidate,
  input: { phone: Candidate['phones'][number]; callbackAt: Date | null },
): DialTarget {
  const { prospect } = candidate;
  const { phone } = input;
  const rings = phone.zone ?? prospect;
  return {
    timezone: rings.timezone,
    timezoneCandidates: rings.timezoneCandidates,
    optedOut: prospect.optedOut,
    stage: prospect.stage,
    numberOnDnc: phone.onDnc,
    numberValid: phone.valid,
    outOfOfficeUntil: candidate.outOfOfficeUntil,
    dials: candidate.dials,
    messages: candidate.messages,
    callbackAt: input.callbackAt,
    places: phone.zone?.places ?? [],
    list: prospect.list ?? null,
    ...(prospect.pursuit ? { pursuit: prospect.pursuit } : {}),
  };
}

/**
 * Whether the queue would let this number of this prospect be dialled at `at`: every legal,
 * Do-Not-Call, opt-out, pursuit and courtesy rule the ranking applies, and why not. The question
 * a call placed by hand is put before it is placed.
 */
export function dialDecision(
  at: Date,
  input: { candidate: Candidate; e164: string; limits: DialLimits },
): DialDecision {
  const { candidate } = input;
  const phone = candidate.phones.find((p) => p.e164 === input.e164);
  if (!phone)
    return {
      ok: false,
      refusals: ['invalid-number'],
      why: [`${input.e164} is not one of this prospect's numbers`],
    };
  return mayDial(at, {
    target: targetOf(candidate, { phone, callbackAt: nearest(candidate.callbacks, at) }),
    limits: input.limits,
  });
}

const nearest = (dates: Date[], at: Date): Date | null =>
  dates.reduce<Date | null>(
    (best, d) =>
      best === null || Math.abs(d.getTime() - at.getTime()) < Math.abs(best.getTime() - at.getTime())
        ? d
        : best,
    null,
  );

const spread = (b: Belief): number =>
  Math.sqrt((b.alpha * b.beta) / ((b.alpha + b.beta) ** 2 * (b.alpha + b.beta + 1)));
const round = (n: number): number => Math.round(n * 10_000) / 10_000;

/** Counts in one cell of the table, zero when never dialled. */
const cell = (counts: SlotTable, key: string): SlotCell =>
  counts.get(key) ?? { dials: 0, reached: 0, gatekeeper: 0 };

/** Before any dial: a person picks up about one dial in two… */
const ANSWER_PRIOR: Belief = { alpha: 2, beta: 2, mean: 0.5, evidence: 0 };
/** …and one pick-up in ten is the decision maker: one dial in twenty, as `BOOK_PRIOR`. */
const DM_PRIOR: Belief = { alpha: 0.2, beta: 1.8, mean: 0.1, evidence: 0 };

/**
 * The belief that this number reaches the decision maker at this local hour, as two chances
 * learned apart: that a person picks up (the decision maker or a gatekeeper), and that the
 * person is the decision maker. A switchboard that only ever plays an auto-attendant at some
 * hour is known after a few dials, long before a rare transfer would tell. Each is pooled
 * from the book's and the persona group's rate for the kind of number at this hour, the
 * company's, then the number's own dials at other hours, at this hour on other days and on
 * this weekday, then what was heard.
 */
export function numberBelief(input: {
  candidate: Candidate;
  phone: Candidate['phones'][number];
  local: LocalClock;
  clock: string;
  counts: SlotTable;
}): Belief {
  const { candidate, phone, local, counts } = input;
  const { prospect } = candidate;
  const hod = hourSlot(local.hour);
  const how = weekSlot(local.weekday, local.hour);
  const at = (scope: number, id: number, slot: number) =>
    cell(counts, slotKey({ scope, id, kind: phone.kind, slot }));
  const numberAll = at(Scope.number, phone.id, ALL_HOURS);
  const numberHour = at(Scope.number, phone.id, hod);
  const numberWeek = at(Scope.number, phone.id, how);
  const heard = intelEvidence({
    kind: phone.kind,
    clock: input.clock,
    intel: candidate.intel,
    e164: phone.e164,
  });
  const levels: SlotCell[] = [
    at(Scope.book, 0, hod),
    at(Scope.group, groupOf(prospect.seniority, fronted(prospect, counts)), hod),
    prospect.companyId === null ? NO_DIALS : at(Scope.company, prospect.companyId, hod),
    // The number at other hours: a line that never connects at any hour is not worth trying at a new one.
    minus(numberAll, numberHour),
    minus(numberHour, numberWeek),
    {
      dials: numberWeek.dials + heard.reached + heard.missed,
      reached: numberWeek.reached + heard.reached,
      gatekeeper: numberWeek.gatekeeper + heard.gatekeeper,
    },
  ];
  const answered = pooledBelief(
    levels.map((c) => ({ dials: c.dials, reached: c.reached + c.gatekeeper })),
    { prior: ANSWER_PRIOR },
  );
  const dm = pooledBelief(
    levels.map((c) => ({ dials: c.reached + c.gatekeeper, reached: c.reached })),
    { prior: DM_PRIOR },
  );
  return { ...productBelief(answered, dm), evidence: answered.evidence };
}

const NO_DIALS: SlotCell = { dials: 0, reached: 0, gatekeeper: 0 };

/** Counts of `a` not in `b`, never below zero. */
const minus = (a: SlotCell, b: SlotCell): SlotCell => ({
  dials: Math.max(0, a.dials - b.dials),
  reached: Math.max(0, a.reached - b.reached),
  gatekeeper: Math.max(0, a.gatekeeper - b.gatekeeper),
});

/** FNV-1a: a stable 32-bit seed from text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const kindWords: Record<string, string> = {
  private: 'private line',
  direct: 'direct line',
  mobile: 'mobile',
  main: 'main line',
  assistant: "assistant's line",
};

/** A number's kind as a rep says it: "direct line", "mobile". */
const kindName = (kind: string): string => kindWords[kind] ?? `${kind} line`;

/** A local hour as people say it: 13 → "1-2pm". */
export function hourWords(hour: number): string {
  const h12 = (h: number) => (h % 12 === 0 ? 12 : h % 12);
  const suffix = (h: number) => (h < 12 || h === 24 ? 'am' : 'pm');
  const end = hour + 1;
  return suffix(hour) === suffix(end)
    ? `${h12(hour)}-${h12(end)}${suffix(end)}`
    : `${h12(hour)}${suffix(hour)}-${h12(end)}${suffix(end)}`;
}

const parts = [
  { name: 'morning', from: 0, to: 12 },
  { name: 'midday', from: 12, to: 14 },
  { name: 'afternoon', from: 14, to: 17 },
  { name: 'evening', from: 17, to: 24 },
] as const;

const absenceWords = (absence: NonNullable<GatekeeperAbsence>): string => {
  switch (absence.why) {
    case 'before-arrival':
      return `before the gatekeeper arrives at ${absence.arrives}`;
    case 'lunch':
      return `gatekeeper at lunch ${absence.from}-${absence.to}`;
    case 'after-leaving':
      return `gatekeeper gone since ${absence.leaves}`;
  }
};

/** Why this dial, now, on this number, in a sales manager's words; the strongest first. */
function reasonsFor(input: {
  candidate: Candidate;
  entry: QueueEntry;
  local: LocalClock;
  counts: SlotTable;
  callbackAt: Date | null;
}): string[] {
  const { candidate, entry, local, counts, callbackAt } = input;
  const { prospect, intel } = candidate;
  const reasons: string[] = [];
  const clock = entry.local.time;
  if (entry.callbackDue && callbackAt) {
    const promised = localClock(callbackAt, entry.local.timezone)?.clock ?? '?';
    reasons.push(`callback promised for ${promised}`);
  }
  const kind = kindName(entry.number.kind);
  const line = lineAt(clock, intel);
  const dm = dmWindowAt(clock, intel);
  if (line && line.e164 === entry.number.e164)
    reasons.push(`private line: the one to dial ${line.from}-${line.to}, as recorded`);
  else if (dm) reasons.push(`${kind}; picks up ${dm.from}-${dm.to}, as recorded`);
  const absence = gatekeeperAbsence(clock, intel);
  if (absence && entry.number.kind !== 'main')
    reasons.push(`${absenceWords(absence)}: ${kind} rings through`);
  const hod = hourSlot(local.hour);
  const own = cell(
    counts,
    slotKey({ scope: Scope.number, id: entry.number.id, kind: entry.number.kind, slot: hod }),
  );
  if (own.reached > 0) {
    reasons.push(`picked up ${own.reached} of ${own.dials} dials on the ${kind} at ${hourWords(local.hour)}`);
  } else if (prospect.companyId !== null) {
    const company = cell(
      counts,
      slotKey({ scope: Scope.company, id: prospect.companyId, kind: entry.number.kind, slot: hod }),
    );
    if (company.reached > 0)
      reasons.push(
        `colleagues at ${prospect.company ?? 'the company'} answer the ${kind} at ${hourWords(local.hour)} (${company.reached} of ${company.dials})`,
      );
  }
  const switched = otherNumberFailing({ candidate, entry, hour: local.hour, counts });
  if (switched) reasons.push(switched);
  const streak = unansweredElsewhere(prospect, local.hour);
  if (streak) reasons.push(streak);
  else if (prospect.dials === 0) reasons.push('first dial');
  else if (entry.exploring && (prospect.hourDials[local.hour] ?? 0) === 0)
    reasons.push(`exploring: never tried at ${hourWords(local.hour)}`);
  else if (entry.exploring) reasons.push(`exploring: few dials on the ${kind} at this hour so far`);
  else if ((prospect.hourDials[local.hour] ?? 0) === 0)
    reasons.push(`never tried at ${hourWords(local.hour)}`);
  if (!dm && !absence && own.reached === 0 && reasons.length === 0) reasons.push(`${kind}`);
  if (prospect.stage === 'interested' || prospect.stage === 'engaged')
    reasons.push(`${prospect.stage}: keep the conversation going`);
  if (entry.local.ambiguous) reasons.push('zone uncertain: inside calling hours in every possible zone');
  return reasons;
}

/** "3 unanswered mornings: trying evening", when another part of the day has only failed and this one is untried. */
function unansweredElsewhere(prospect: Candidate['prospect'], hour: number): string | null {
  const here = parts.find((p) => hour >= p.from && hour < p.to)!;
  const sum = (from: number, to: number, of: number[]) => of.slice(from, to).reduce((a, b) => a + b, 0);
  if (sum(here.from, here.to, prospect.hourDials) > 0) return null;
  for (const part of parts) {
    if (part === here) continue;
    const dials = sum(part.from, part.to, prospect.hourDials);
    if (dials >= 2 && sum(part.from, part.to, prospect.hourReached) === 0)
      return `${dials} unanswered ${part.name}s: trying ${here.name}`;
  }
  return null;
}

/** "main line unanswered 3 times at 9-10am: trying the mobile", when another number has only failed at this hour. */
function otherNumberFailing(input: {
  candidate: Candidate;
  entry: QueueEntry;
  hour: number;
  counts: SlotTable;
}): string | null {
  const { candidate, entry, hour, counts } = input;
  const here = cell(
    counts,
    slotKey({ scope: Scope.number, id: entry.number.id, kind: entry.number.kind, slot: hourSlot(hour) }),
  );
  for (const phone of candidate.phones) {
    if (phone.id === entry.number.id) continue;
    const there = cell(
      counts,
      slotKey({ scope: Scope.number, id: phone.id, kind: phone.kind, slot: hourSlot(hour) }),
    );
    if (there.dials >= 2 && there.reached === 0 && here.dials < there.dials) {
      return `${kindName(phone.kind)} unanswered ${there.dials} times at ${hourWords(hour)}: trying the ${kindName(entry.number.kind)}`;
    }
  }
  return null;
}
