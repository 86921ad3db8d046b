import { localClock } from '../../shared/local-clock.ts';
import { BAD_NUMBER_LIMIT, nextStage, type Outcome, type Result, repSecondsOf } from '../outcomes/index.ts';
import { countryOfZone } from '../phones/index.ts';
import type { Stage } from '../prospects/index.ts';
import {
  type BookTotals,
  bookRates,
  NO_EFFORT,
  NO_TOTALS,
  type PursuitEvent,
  pursuitAllows,
  pursuitStanding,
  pursuitWord,
  type Standing,
} from '../pursuit/index.ts';
import {
  ALL_HOURS,
  ANY_KIND,
  type Candidate,
  COVERAGE_EVERY,
  type DialFact,
  type DialLimits,
  dialCells,
  type HoursIntel,
  hourSlot,
  insideCallingHours,
  type PhoneZone,
  POOLING_STRENGTH,
  type PursuitBook,
  pooledBelief,
  pursuitAt,
  Scope,
  type SlotCounts,
  type SlotTable,
  STAGE_WEIGHT,
  slotKey,
} from '../queue/index.ts';
import {
  type Earlier,
  type EventPlace,
  type LastTalk,
  type Material,
  nearEnough,
  type Point,
  type Reference,
  type Strategy,
  type VoicemailState,
} from '../voicemail/index.ts';
import type { SimProspect } from './territory.ts';

const DAY = 86_400_000;
const NUMBER_KINDS = ['main', 'direct', 'mobile', 'private'] as const;

/** What the rep's CRM holds about one prospect: the records Reach keeps, in memory. */
type Entry = {
  /** The prospect as the queue sees it; its stage is the book's. */
  candidate: Candidate;
  /** Every dial, oldest first, those a gatekeeper answered, and the messages left. */
  dials: Date[];
  unfelt: Date[];
  messages: Earlier[];
  reachedEver: boolean;
  calledUs: boolean;
  /** What moved the pursuit: conversations and callbacks with a result, as the call log keeps them. */
  events: PursuitEvent[];
  /** The last conversation, for a follow-up message. */
  lastTalk: LastTalk | null;
  research: SimProspect['visible']['research'];
  material: Omit<Material, 'voice' | 'when'>;
};

/** A dial as the rep logs it in Reach. */
export type LoggedDial = {
  prospectId: number;
  /** The book's id of the number dialled (`phoneId`). */
  phoneId: number;
  at: Date;
  outcome: Outcome;
  result?: Result;
  message?: { kind: string; text: string; template: string | null };
  /** The carrier said the number does not exist. */
  carrierFailure?: boolean;
};

/** Heard from a gatekeeper: the decision maker's hours and the gatekeeper's own day, as `HH:MM`. */
export type HeardHours = {
  dm: { from: string; to: string }[];
  gatekeeper: HoursIntel['gatekeeper'][number] | null;
};

/** A meeting the simulated rep books is set a week out, as a first meeting usually is. */
const MEETING_LEAD_MS = 7 * DAY;

/**
 * What a conversation's result does to the book, as the call log does: it moves the pursuit
 * (a meeting booked, a "no" resting, read by the product's own pursuit states), and a stop
 * puts every number on Do-Not-Call.
 */
function settle(e: Entry, input: { result: Result; at: Date; source: 'call' | 'callback' }): void {
  const { result, at } = input;
  e.events.push({
    at,
    source: input.source,
    outcome: 'reached',
    result,
    resultAt: result === 'meeting' ? new Date(at.getTime() + MEETING_LEAD_MS) : null,
  });
  if (result === 'do-not-call') {
    e.candidate.prospect.optedOut = true;
    for (const ph of e.candidate.phones) ph.onDnc = true;
  }
}

/** The simulated rep's voice on every message. */
export const VOICE = { name: 'Sam Rivera', phone: '+13125550147', seller: 'Northwind Analytics' };

/**
 * Reach's book in memory, for the simulator: the same candidates, learned slot counts and
 * voicemail state the database gives the queue and the voicemail decision, kept as dials
 * are logged, with the call log's own rules (stage moves, the cells a dial teaches).
 */
export class SimBook {
  readonly counts: SlotTable = new Map();
  private readonly phoneIds = new Map<number, number>();
  private readonly simIds = new Map<number, number>();
  readonly entries = new Map<number, Entry>();
  private readonly totals: BookTotals = { ...NO_TOTALS };
  /** Reach over all hours of the book and of each persona group, kept as their hour cells grow. */
  private readonly reach = { book: { dials: 0, reached: 0 }, groups: new Map<number, SlotCounts>() };
  private readonly badCounts = new Map<number, number>();

  constructor(
    readonly input: {
      prospects: SimProspect[];
      limits: DialLimits;
      typicalValue: number;
      offerCategory: string;
      start: Date;
    },
  ) {
    const facts = territoryPoints(input.prospects, input.start);
    for (const p of input.prospects) {
      const v = p.visible;
      const mine = facts.of(p);
      this.entries.set(p.id, {
        candidate: {
          prospect: {
            id: p.id,
            name: `${v.firstName} ${v.lastName}`,
            company: v.company,
            companyId: p.id,
            title: v.title,
            seniority: v.seniority,
            stage: v.stage,
            value: v.value,
            timezone: v.timezone,
            timezoneCandidates: [],
            optedOut: false,
            dials: 0,
            hourDials: Array(24).fill(0),
            hourReached: Array(24).fill(0),
          },
          phones: p.numbers
            .filter((n) => n.given)
            .map((n) => ({
              id: this.assign(n.id),
              e164: n.e164,
              kind: n.kind,
              valid: true,
              onDnc: false,
              source: 'list',
              zone: simZone(v.timezone),
            })),
          intel: { dmHours: [], gatekeeper: [] },
          outOfOfficeUntil: null,
          effort: { ...NO_EFFORT },
          dials: [],
          messages: [],
          callbacks: [],
          cadenceCall: null,
        },
        dials: [],
        unfelt: [],
        messages: [],
        reachedEver: false,
        calledUs: false,
        events: [],
        lastTalk: null,
        research: v.research,
        material: {
          firstName: v.firstName,
          company: v.company,
          industry: v.industry,
          objective: v.research?.objective ?? null,
          benefits: v.research?.benefits ?? [],
          referredBy: null,
          news: mine.news,
          events: mine.events,
          contacts: mine.contacts,
          references: mine.references,
        },
      });
    }
  }

  private entry(id: number): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`no prospect ${id} in the simulated book`);
    return entry;
  }

  /**
   * The prospects worth a full look at `at`, as the database's shortlist picks them: callable
   * now by zone and courtesy, by value and stage times an optimistic reading of their hour.
   */
  shortlist(at: Date, size: number): number[] {
    // A shortlist that doubles asks again at the same moment of an unchanged book: score once.
    const t = at.getTime();
    if (this.scored?.t !== t || this.scored.version !== this.version) {
      const { all, heard } = this.scoreAll(at);
      // Coverage, as the database shortlist adds it: the most valuable never dialled.
      const untried = all
        .map((s) => this.entry(s.id).candidate.prospect)
        .filter((p) => p.dials === 0)
        .sort(
          (a, b) =>
            (b.value ?? this.input.typicalValue) - (a.value ?? this.input.typicalValue) || a.id - b.id,
        )
        .map((p) => p.id);
      // First, as the database shortlist puts them: whoever the intelligence says is reachable now, most valuable first.
      const worth = (id: number) => this.entry(id).candidate.prospect.value ?? this.input.typicalValue;
      heard.sort((a, b) => worth(b) - worth(a) || a - b);
      this.scored = { t, version: this.version, all, best: [], untried, heard };
    }
    const cache = this.scored;
    if (cache.best.length < Math.min(size, cache.all.length)) cache.best = topOf(cache.all, size);
    const best = cache.best.slice(0, size).map((s) => s.id);
    return [
      ...new Set([
        ...cache.heard.slice(0, size),
        ...best,
        ...cache.untried.slice(0, Math.ceil(size / COVERAGE_EVERY)),
      ]),
    ];
  }

  /** Changes with every logged dial, callback and fact: the shortlist's cache key. */
  private version = 0;
  private scored: {
    t: number;
    version: number;
    all: { id: number; score: number }[];
    best: { id: number; score: number }[];
    untried: number[];
    heard: number[];
  } | null = null;

  /**
   * Every prospect callable at `at`, with the score `shortlist` orders them by, and those whose
   * recorded hours say the decision maker is reachable now (the courtesy limits aside, as the
   * database shortlist takes them).
   */
  private scoreAll(at: Date): { all: { id: number; score: number }[]; heard: number[] } {
    const heard: number[] = [];
    const prior = this.hourPrior();
    const scored: { id: number; score: number }[] = [];
    const t = at.getTime();
    // Zones are few: whether each is open, and its hour, are read once.
    const zones = new Map<string, number | null>();
    const hourIn = (zone: string): number | null => {
      if (!zones.has(zone))
        zones.set(
          zone,
          insideCallingHours(at, { zones: [zone], limits: this.input.limits })
            ? localClock(at, zone)!.hour
            : null,
        );
      return zones.get(zone)!;
    };
    const { maxDialsPerWeek } = this.input.limits;
    for (const [id, e] of this.entries) {
      const p = e.candidate.prospect;
      if (p.optedOut || !pursuitAllows(this.standing(e, at), at)) continue;
      const hour = hourIn(p.timezone!);
      if (hour === null) continue;
      if (reachableNow(localClock(at, p.timezone!)!.clock, e.candidate.intel)) heard.push(id);
      const { dials, messages } = e;
      const last = dials.at(-1);
      if (last && t - last.getTime() < 2 * 3_600_000) continue;
      const lastMessage = messages.at(-1);
      if (lastMessage && t - lastMessage.at.getTime() < DAY) continue;
      // Dials are kept in order: the one `maxDialsPerWeek` back decides the weekly limit.
      const weekAgo = dials[dials.length - maxDialsPerWeek];
      if (weekAgo && t - weekAgo.getTime() < 7 * DAY) continue;
      const k = POOLING_STRENGTH;
      // One company per prospect here: the company's hour record is the prospect's own.
      const company = ((prior[hour] ?? 0) * k + (p.hourReached[hour] ?? 0)) / (k + (p.hourDials[hour] ?? 0));
      const a = company * k + (p.hourReached[hour] ?? 0);
      const n = k + (p.hourDials[hour] ?? 0);
      const mean = a / n;
      const optimistic = mean + 2 * Math.sqrt((mean * (1 - mean)) / (n + 1));
      const weight = (p.value ?? this.input.typicalValue) * (STAGE_WEIGHT[p.stage] ?? 1);
      scored.push({ id, score: weight * optimistic });
    }
    return { all: scored, heard };
  }

  /** The book's decision-maker answer rate by local hour, as the queue's prior. */
  hourPrior(): number[] {
    return Array.from({ length: 24 }, (_, hour) => {
      let dials = 0;
      let reached = 0;
      for (const kind of NUMBER_KINDS) {
        const cell = this.counts.get(slotKey({ scope: Scope.book, id: 0, kind, slot: hourSlot(hour) }));
        dials += cell?.dials ?? 0;
        reached += cell?.reached ?? 0;
      }
      return pooledBelief([{ dials, reached }]).mean;
    });
  }

  /** The candidates as `loadCandidates` gives them at `at`: dials of the last week, messages among them. */
  candidates(ids: number[], at: Date): Candidate[] {
    const t = at.getTime();
    return ids.map((id) => {
      const e = this.entry(id);
      const week = e.dials.filter((d) => d.getTime() > t - 7 * DAY && d.getTime() <= t);
      return {
        ...e.candidate,
        prospect: { ...e.candidate.prospect, pursuit: this.standing(e, at) },
        dials: week,
        unfelt: e.unfelt.filter((d) => d.getTime() > t - 7 * DAY && d.getTime() <= t),
        messages: e.messages.filter((m) => m.at.getTime() > t - 7 * DAY && m.at <= at).map((m) => m.at),
      };
    });
  }

  /** Everything the voicemail decision reads about this prospect at `at`, as the service loads it. */
  voicemailState(input: { prospectId: number; at: Date; strategy: Strategy }): VoicemailState {
    const { at } = input;
    const e = this.entry(input.prospectId);
    const p = e.candidate.prospect;
    const zone = p.timezone!;
    const local = localClock(at, zone)!;
    const references = e.material.references;
    return {
      at,
      strategy: input.strategy,
      strategyFrom: 'team',
      team: { offerCategory: this.input.offerCategory, maxMessagesPerProspect: 8 },
      prospect: {
        stage: p.stage as Stage,
        value: p.value,
        optedOut: p.optedOut,
        doNotCall: p.optedOut,
        insideCallingHours: insideCallingHours(at, { zones: [zone], limits: this.input.limits }),
        alreadyHasProduct: e.research?.hasProduct ?? false,
        competitorRelationship: e.research?.competitor ?? false,
        prefers: null,
        localHour: local.hour,
        localWeekday: local.weekday,
        attempts: e.dials.length + 1,
        spokeBefore: e.reachedEver,
        positiveContact: false,
        pursuit: pursuitWord(this.standing(e, at), at),
      },
      typicalValue: this.input.typicalValue,
      pursuit: this.pursuitOf(e.candidate, at),
      messages: e.messages,
      material: {
        ...e.material,
        lastTalk: e.lastTalk,
        voice: VOICE,
        when: (on) =>
          on
            ? `on ${on.toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: zone })}`
            : '',
      },
      context: {
        rep: VOICE,
        prospect: {
          company: e.material.company,
          industry: e.material.industry,
          spokeBefore: e.reachedEver,
          calledUs: e.calledUs,
          benefits: e.material.benefits,
        },
        references: references.map((r) => ({ name: r.name, industry: r.industry })),
      },
    };
  }

  /** Logs a dial as the call log does: stage move, summaries and the cells it teaches. */
  log(dial: LoggedDial): void {
    this.version++;
    const e = this.entry(dial.prospectId);
    const p = e.candidate.prospect;
    const phone = e.candidate.phones.find((ph) => ph.id === dial.phoneId) ?? null;
    const local = localClock(dial.at, p.timezone!)!;
    const fact: DialFact = {
      teamId: 1,
      prospectId: p.id,
      companyId: p.companyId,
      seniority: p.seniority,
      phone: phone && { id: phone.id, kind: phone.kind },
      outcome: dial.outcome,
      at: dial.at,
      local: { weekday: local.weekday, minute: local.hour * 60 + local.minute },
      messageLeft: dial.outcome === 'voicemail-left',
      repSeconds: repSecondsOf(dial.outcome, undefined),
      meeting: dial.result === 'meeting',
    };
    const effort = e.candidate.effort;
    effort.attempts++;
    effort.reached += dial.outcome === 'reached' ? 1 : 0;
    effort.messages += fact.messageLeft ? 1 : 0;
    effort.repSeconds += fact.repSeconds;
    effort.lastAttemptAt = dial.at;
    this.totals.attempts++;
    this.totals.reached += dial.outcome === 'reached' ? 1 : 0;
    this.totals.messages += fact.messageLeft ? 1 : 0;
    this.totals.repSeconds += fact.repSeconds;
    this.totals.meetings += fact.meeting ? 1 : 0;
    const move = nextStage(p.stage as Stage, { outcome: dial.outcome, result: dial.result });
    if (move) p.stage = move.to;
    p.dials++;
    e.dials.push(dial.at);
    if (dial.outcome === 'gatekeeper') e.unfelt.push(dial.at);
    if (dial.outcome === 'reached') {
      e.reachedEver = true;
      const result = dial.result === 'interested' || dial.result === 'referred' ? dial.result : null;
      e.lastTalk = { on: dial.at, result, next: null };
    }
    if (dial.message) e.messages.push({ at: dial.at, ...dial.message });
    if (dial.outcome === 'bad-number' && phone) {
      const bad = (this.badCounts.get(phone.id) ?? 0) + 1;
      this.badCounts.set(phone.id, bad);
      if (dial.carrierFailure || bad >= BAD_NUMBER_LIMIT) phone.valid = false;
    }
    if (dial.result) settle(e, { result: dial.result, at: dial.at, source: 'call' });
    if (dial.outcome === 'bad-number') return;
    p.hourDials[local.hour] = (p.hourDials[local.hour] ?? 0) + 1;
    if (dial.outcome === 'reached') p.hourReached[local.hour] = (p.hourReached[local.hour] ?? 0) + 1;
    const companyAny =
      p.companyId === null
        ? undefined
        : this.counts.get(
            slotKey({ scope: Scope.company, id: p.companyId, kind: ANY_KIND, slot: ALL_HOURS }),
          );
    const fronted = dial.outcome === 'gatekeeper' || (companyAny?.gatekeeper ?? 0) > 0;
    for (const c of dialCells(fact, fronted)) {
      const key = slotKey({ scope: c.scope, id: c.scopeId, kind: c.kind, slot: c.slot });
      const cell = this.counts.get(key) ?? { dials: 0, reached: 0, gatekeeper: 0 };
      cell.dials++;
      if (dial.outcome === 'reached') cell.reached++;
      if (dial.outcome === 'gatekeeper') cell.gatekeeper++;
      this.counts.set(key, cell);
      if (c.scope === Scope.book || c.scope === Scope.group) {
        const level =
          c.scope === Scope.book
            ? this.reach.book
            : (this.reach.groups.get(c.scopeId) ?? { dials: 0, reached: 0 });
        level.dials++;
        if (dial.outcome === 'reached') level.reached++;
        if (c.scope === Scope.group) this.reach.groups.set(c.scopeId, level);
      }
    }
  }

  /** A callback from the prospect, credited to the message that earned it. */
  callback(input: { prospectId: number; result: Result; at: Date }): void {
    this.version++;
    const e = this.entry(input.prospectId);
    e.calledUs = true;
    e.reachedEver = true;
    e.candidate.effort.reached++;
    this.totals.callbacks++;
    settle(e, { result: input.result, at: input.at, source: 'callback' });
  }

  /** Where the prospect's pursuit stands at `at`, by the product's own states. */
  private standing(e: Entry, at: Date): Standing {
    const p = e.candidate.prospect;
    return pursuitStanding(e.events, { at, stage: p.stage, optedOut: p.optedOut, company: p.company });
  }

  /** Keep-or-drop's word on one prospect, as the voicemail service reads it. */
  private pursuitOf(candidate: Candidate, at: Date): VoicemailState['pursuit'] {
    const { recommendation, reason } = pursuitAt(at, {
      candidate,
      input: { pursuit: this.pursuitBook(), typicalValue: this.input.typicalValue, counts: this.counts },
    });
    return { recommendation, reason };
  }

  /** Keep-or-drop's yardsticks, as `pursuitBook` reads them from the database. */
  pursuitBook(): PursuitBook {
    return {
      rates: bookRates({ totals: this.totals, typicalValue: this.input.typicalValue, teamHourlyValue: null }),
      reach: { book: { ...this.reach.book }, groups: new Map(this.reach.groups) },
    };
  }

  /** Intelligence heard from a gatekeeper, recorded as facts the queue reads. */
  recordHours(prospectId: number, heard: HeardHours): void {
    this.version++;
    const intel = this.entry(prospectId).candidate.intel;
    intel.dmHours.push(...heard.dm);
    if (heard.gatekeeper) intel.gatekeeper.push(heard.gatekeeper);
  }

  /** A number a gatekeeper gave: the private line goes in the CRM. */
  addNumber(prospectId: number, number: { id: number; e164: string; kind: string }): void {
    this.version++;
    const phones = this.entry(prospectId).candidate.phones;
    if (this.phoneIds.has(number.id)) return;
    phones.push({ ...number, id: this.assign(number.id), valid: true, onDnc: false, source: 'gatekeeper' });
  }

  /**
   * The book's id for a simulated number, given as the database gives them: in the order the
   * numbers come in (the list's, prospect by prospect, then each line a gatekeeper gives), so
   * that everything keyed by a number (its learned counts, its seeded draw) is as Reach's.
   */
  private assign(simId: number): number {
    const id = this.phoneIds.size + 1;
    this.phoneIds.set(simId, id);
    this.simIds.set(id, simId);
    return id;
  }

  /** The book's id of a simulated number in the book. */
  phoneId(simId: number): number {
    const id = this.phoneIds.get(simId);
    if (id === undefined) throw new Error(`number ${simId} is not in the simulated book`);
    return id;
  }

  /** The simulated number behind a book id. */
  simNumberId(phoneId: number): number {
    const id = this.simIds.get(phoneId);
    if (id === undefined) throw new Error(`no number ${phoneId} in the simulated book`);
    return id;
  }

  stageOf(prospectId: number): Stage {
    return this.entry(prospectId).candidate.prospect.stage as Stage;
  }
}

/**
 * The `size` best of `scored`, best first (ties by id), as a full sort would give them, in
 * about the time of a numeric sort: only the entries at or above the size-th score are
 * sorted by the comparator.
 */
function topOf(scored: { id: number; score: number }[], size: number): { id: number; score: number }[] {
  const byScore = (x: { id: number; score: number }, y: { id: number; score: number }) =>
    y.score - x.score || x.id - y.id;
  if (scored.length <= size) return [...scored].sort(byScore);
  const scores = Float64Array.from(scored, (s) => -s.score).sort();
  const threshold = -scores[size - 1]!;
  return scored
    .filter((s) => s.score >= threshold)
    .sort(byScore)
    .slice(0, size);
}

/** A simulated number rings in its prospect's zone, under the rules of that zone's country. */
export function simZone(zone: string): PhoneZone {
  const country = countryOfZone(zone);
  return {
    timezone: zone,
    timezoneCandidates: [zone],
    note: null,
    places: country ? [{ country, region: null }] : [],
  };
}

/**
 * Whether recorded hours say the decision maker is reachable at this local clock, as the
 * database shortlist reads them: inside a dm-hours window or a private line's hours, or
 * with the gatekeeper not yet in, gone, or at lunch.
 */
function reachableNow(clock: string, intel: HoursIntel): boolean {
  return (
    intel.dmHours.some((w) => clock >= w.from && clock < w.to) ||
    (intel.lines ?? []).some((l) => clock >= l.from && clock < l.to) ||
    intel.gatekeeper.some(
      (g) =>
        (g.arrives !== null && clock < g.arrives) ||
        (g.leaves !== null && clock >= g.leaves) ||
        (g.lunchFrom !== null && g.lunchTo !== null && clock >= g.lunchFrom && clock < g.lunchTo),
    )
  );
}

/** A simulated event: a point with its place. */
export type SimEvent = Point & { place: EventPlace };

/**
 * The talking points of a simulated territory, the same for the in-memory book and for a real
 * book the simulator loads through the API: two events in the country of the territory's
 * busiest zone and a webinar; for each researched prospect, two news items about their
 * company, two contacts and a reference client of their industry.
 */
export function territoryPoints(
  prospects: SimProspect[],
  start: Date,
): {
  events: SimEvent[];
  of(p: SimProspect): { news: Point[]; events: SimEvent[]; contacts: Point[]; references: Reference[] };
} {
  let pointId = 0;
  const industries = [...new Set(prospects.map((p) => p.visible.industry))];
  const zoneCounts = new Map<string, number>();
  for (const p of prospects)
    zoneCounts.set(p.visible.timezone, (zoneCounts.get(p.visible.timezone) ?? 0) + 1);
  const busiest = [...zoneCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  const held: EventPlace = {
    online: false,
    city: null,
    region: null,
    country: busiest && countryOfZone(busiest),
  };
  const events: SimEvent[] = ['the Operations Summit', 'a customer round table', 'our spring webinar'].map(
    (title, i) => ({
      id: ++pointId,
      title,
      detail: null,
      on: new Date(start.getTime() + (21 + 14 * i) * DAY),
      industry: null,
      place: i === 2 ? { online: true, city: null, region: null, country: null } : held,
    }),
  );
  const contacts = new Map<string, Point[]>();
  const references = new Map<string, Reference[]>();
  for (const [i, industry] of industries.entries()) {
    contacts.set(industry, [
      {
        id: ++pointId,
        title: `Dana Lee at ${industry} Partners`,
        detail: 'runs the buyers group',
        on: null,
        industry,
      },
      {
        id: ++pointId,
        title: `Chris Park of ${industry} Works`,
        detail: 'solved the same problem last year',
        on: null,
        industry,
      },
    ]);
    references.set(industry, [
      { key: `i${i}`, name: `${industry} Leaders Inc`, result: 'cut their reporting time in half', industry },
    ]);
  }
  const news = new Map<number, Point[]>();
  for (const p of prospects) {
    const v = p.visible;
    if (!v.research) continue;
    news.set(p.id, [
      {
        id: ++pointId,
        title: `${v.company} opened a new site`,
        detail: null,
        on: null,
        industry: v.industry,
      },
      {
        id: ++pointId,
        title: `${v.company} announced a new product line`,
        detail: null,
        on: null,
        industry: v.industry,
      },
    ]);
  }
  return {
    events,
    of: (p) => {
      const v = p.visible;
      const where = { city: null, region: null, country: countryOfZone(v.timezone) };
      return {
        news: news.get(p.id) ?? [],
        events: events.filter((e) => nearEnough(e.place, where, 'US').near),
        contacts: v.research ? (contacts.get(v.industry) ?? []) : [],
        references: v.research ? (references.get(v.industry) ?? []) : [],
      };
    },
  };
}
