import { mayDial } from '../queue/index.ts';
import { simZone } from './book.ts';
import type {
  DayPlan,
  DialChoice,
  Observation,
  SimStrategy,
  StrategyName,
  StrategySetup,
  VoicemailChoice,
} from './strategy.ts';
import {
  callbackChance,
  type DialAt,
  fatigue,
  type Hidden,
  ownLinePickup,
  reachChance,
  routeOf,
  type Wall,
  wallOf,
} from './telephone.ts';
import type { SimNumber, SimProspect } from './territory.ts';
import type { Behaviour } from './world.ts';

const clockMinutes = new Map<string, number>();
/** Minutes of an `HH:MM` clock; read once each, as the persona oracle reads them for every dial it weighs. */
const minutesOf = (clock: string): number => {
  let m = clockMinutes.get(clock);
  if (m === undefined) {
    m = Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
    clockMinutes.set(clock, m);
  }
  return m;
};
/** P(X ≤ x) for X uniform over a clock range. */
const below = (x: number, range: readonly [string, string]): number => {
  const a = minutesOf(range[0]);
  const b = minutesOf(range[1]);
  if (b <= a) return x >= a ? 1 : 0;
  return Math.min(1, Math.max(0, (x - a) / (b - a)));
};
/** P(a span of `minutes` starting uniformly in `start` covers minute m). */
const covered = (m: number, start: readonly [string, string], minutes: number): number => {
  const a = minutesOf(start[0]);
  const b = minutesOf(start[1]);
  const overlap = Math.max(0, Math.min(m, b) - Math.max(m - minutes, a));
  return b > a ? Math.min(1, overlap / (b - a)) : m >= a && m < a + minutes ? 1 : 0;
};
const QUARTER = 15 * 60_000;
/** How many leaders of a quarter hour's scoring are scored again for each dial. */
const LEADERS = 64;
/** Prospects scored to plan a day: a sample of a larger book. */
const PLAN_SAMPLE = 2_000;
/** The average greeting before the beep, in seconds. */
const GREETING = 14;
/** A message must leave this much room under the lowest possible annoyance threshold. */
const ANNOYANCE_ROOM = 0.3;
const MIN_THRESHOLD = 0.8;

type Estimate = { reach: number; gatekeeper: number; voicemail: number };

/**
 * The ceilings. `oracle` knows every hidden parameter (each schedule, meeting, bad number and
 * private line, each prospect's interest and patience); `persona-oracle` knows each
 * prospect's persona and the world's rules but not the drawn schedule, and learns numbers as
 * a rep does. Both dial, at every moment, the dial with the most expected meetings per
 * rep-second, inside the same legal and courtesy limits as every rep, and plan the day's
 * minutes into the quarter hours where those dials are best.
 */
class OracleRep implements SimStrategy {
  private readonly b: Behaviour;
  private readonly known = new Map<number, { numbers: SimNumber[]; bad: Set<number> }>();
  private goingRate = 0;
  private leaders: { block: number; ids: number[] } = { block: -1, ids: [] };

  constructor(
    readonly name: StrategyName,
    private readonly setup: StrategySetup,
    private readonly omniscient: boolean,
  ) {
    this.b = setup.world.behaviour;
    for (const p of setup.territory.prospects)
      this.known.set(p.id, {
        numbers: p.numbers.filter((n) => (omniscient ? !n.bad : n.given)),
        bad: new Set(),
      });
  }

  private prospect = (id: number): SimProspect => this.setup.territory.prospects[id - 1]!;
  private hidden = (id: number): Hidden => this.setup.hidden.get(id)!;

  private interest(p: SimProspect): number {
    if (this.omniscient) return p.interest;
    const stage = p.visible.stage;
    return stage === 'interested' ? 0.25 : stage === 'engaged' ? 0.18 : this.b.interestMean;
  }

  private meetingIfReached(p: SimProspect): number {
    return this.interest(p) * (p.visible.research ? 1.4 : 1);
  }

  /** The persona's chances at this local minute, averaged over the schedules it could have drawn. */
  private personaEstimate(d: DialAt): Estimate {
    const { prospect: p, hidden: h, number, wall: w } = d;
    const none = { reach: 0, gatekeeper: 0, voicemail: number.kind === 'main' ? 0 : 1 };
    if (w.weekday > 5) return number.kind === 'main' ? none : { ...none, voicemail: 1 };
    const b = this.b;
    const m = w.minute;
    const leave = p.persona === 'edge-hours' ? b.edgeDmLeave : b.dmLeave;
    const pIn = below(m, b.dmArrive) * (1 - below(m, leave));
    const pFree =
      pIn * (1 - b.meetingShare) * (1 - b.awayDayShare) * (1 - covered(m, b.dmLunchStart, b.dmLunchMinutes));
    const fronted = p.persona === 'gatekeeper-fronted' || p.persona === 'edge-hours';
    const pDesk = fronted
      ? below(m, b.gatekeeperArrive) *
        (1 - below(m, b.gatekeeperLeave)) *
        (1 - covered(m, b.gatekeeperLunchStart, b.gatekeeperLunchMinutes))
      : 0;
    const pickup = ownLinePickup(d);
    const viaGatekeeper = pDesk * pFree * b.transfer;
    switch (number.kind) {
      case 'main':
        return { reach: viaGatekeeper, gatekeeper: pDesk, voicemail: 0 };
      case 'direct':
        if (p.persona === 'gatekeeper-fronted') {
          const own = (1 - pDesk) * pFree * pickup;
          return { reach: viaGatekeeper + own, gatekeeper: pDesk, voicemail: 1 - pDesk - own };
        }
        return { reach: pFree * pickup, gatekeeper: 0, voicemail: 1 - pFree * pickup };
      case 'private':
        return { reach: pFree * pickup, gatekeeper: 0, voicemail: 1 - pFree * pickup };
      case 'mobile': {
        const near = below(m + 120, b.dmArrive) * (1 - below(m - 120, leave));
        const reach = h.optedOut ? 0 : (pIn * 0.25 + Math.max(0, near - pIn) * 0.1) * fatigue(h, d.at);
        return { reach, gatekeeper: 0, voicemail: 1 - reach };
      }
    }
  }

  private exactEstimate(input: DialAt): Estimate {
    const route = routeOf(input);
    const reach = reachChance(input);
    if (route.to === 'gatekeeper') return { reach, gatekeeper: 1, voicemail: 0 };
    if (route.to === 'own-line' || route.to === 'mobile')
      return { reach, gatekeeper: 0, voicemail: 1 - reach };
    return { reach: 0, gatekeeper: 0, voicemail: 0 };
  }

  /** Whether one more message keeps the prospect safely patient. */
  private mayLeave(p: SimProspect, h: Hidden, at: number): boolean {
    const last = h.messages.at(-1);
    if (last && at - last.at < 86_400_000) return false;
    const threshold = this.omniscient ? p.threshold : MIN_THRESHOLD;
    return h.annoyance + 0.25 + 0.1 <= threshold - ANNOYANCE_ROOM;
  }

  private messageValue(p: SimProspect, h: Hidden, at: number): number {
    if (!this.mayLeave(p, h, at)) return 0;
    const kind = p.visible.research ? 'information' : 'curiosity';
    const chance = callbackChance({
      prospect: p,
      hidden: h,
      message: { kind, words: new Set([`unique${h.messages.length}`]), at },
      stage: p.visible.stage,
      spokenBefore: false,
      offer: this.setup.world.offer.category,
      behaviour: this.b,
    });
    return chance * this.meetingIfReached(p);
  }

  /** Expected meetings per rep-second of dialling this number now. */
  private ratio(p: SimProspect, number: SimNumber, when: { at: number; wall: Wall }): number {
    const { at, wall } = when;
    const h = this.hidden(p.id);
    if (h.optedOut || h.closed) return 0;
    const dial = { prospect: p, hidden: h, number, at, wall, behaviour: this.b };
    const e = this.omniscient ? this.exactEstimate(dial) : this.personaEstimate(dial);
    const s = this.setup.world.rep.seconds;
    // Annoyed past their threshold, a conversation is a Do-Not-Call request: the oracle knows.
    const annoyed = this.omniscient && h.annoyance > p.threshold;
    const message = this.messageValue(p, h, at);
    const meetings = annoyed ? 0 : e.reach * this.meetingIfReached(p) + e.voicemail * message;
    const seconds =
      s.ring +
      s.wrapUp +
      e.reach * s.conversation +
      e.gatekeeper * s.gatekeeper +
      e.voicemail * (GREETING + (message > 0 ? s.leaveMessage : 0));
    return meetings / seconds;
  }

  private allowed(p: SimProspect, at: Date): boolean {
    const h = this.hidden(p.id);
    const last = h.messages.at(-1);
    return mayDial(at, {
      target: {
        timezone: p.visible.timezone,
        timezoneCandidates: [],
        optedOut: h.optedOut,
        stage: p.visible.stage,
        numberOnDnc: h.optedOut,
        numberValid: true,
        outOfOfficeUntil: null,
        dials: h.dials.map((t) => new Date(t)),
        messages: last ? [new Date(last.at)] : [],
        callbackAt: null,
        places: simZone(p.visible.timezone).places,
      },
      limits: this.setup.limits,
    }).ok;
  }

  /** The best dial to each prospect among `ids` at `at`, best first. */
  private best(
    at: Date,
    input: { ids: Iterable<number>; count: number },
  ): { choice: DialChoice; ratio: number }[] {
    const found: { choice: DialChoice; ratio: number }[] = [];
    // Zones are few: each one's wall clock is read once.
    const walls = new Map<string, Wall>();
    const wallIn = (zone: string): Wall => {
      let wall = walls.get(zone);
      if (!wall) {
        wall = wallOf(at.getTime(), zone);
        walls.set(zone, wall);
      }
      return wall;
    };
    for (const id of input.ids) {
      const p = this.prospect(id);
      const h = this.hidden(p.id);
      if (h.closed || h.optedOut) continue;
      const k = this.known.get(p.id)!;
      let top: { choice: DialChoice; ratio: number } | null = null;
      for (const number of k.numbers) {
        if (k.bad.has(number.id)) continue;
        if (number.kind === 'private' && !this.omniscient && !h.privateRevealed) continue;
        const r = this.ratio(p, number, { at: at.getTime(), wall: wallIn(p.zone) });
        if (r > 0 && (!top || r > top.ratio))
          top = { choice: { prospectId: p.id, numberId: number.id }, ratio: r };
      }
      if (top && this.allowed(p, at)) found.push(top);
    }
    return found.sort((a, b) => b.ratio - a.ratio).slice(0, input.count);
  }

  /** Every prospect, or an even sample of a large book: planning needs the shape of the day, not every dial. */
  private sample(): number[] {
    const all = this.setup.territory.prospects;
    const step = Math.max(1, Math.ceil(all.length / PLAN_SAMPLE));
    return all.filter((_, i) => i % step === 0).map((p) => p.id);
  }

  planDay(blocks: Date[]): DayPlan {
    const ids = this.sample();
    const count = Math.max(1, Math.round((10 * ids.length) / this.setup.territory.prospects.length));
    const weights: number[] = [];
    for (let i = 0; i < blocks.length; i++) {
      if (i % 2 === 1) {
        weights.push(weights[i - 1]!);
        continue;
      }
      weights.push(this.best(blocks[i]!, { ids, count }).reduce((sum, x) => sum + x.ratio, 0));
    }
    return { weights, spread: 'best' };
  }

  /**
   * The best dial now. The whole book is scored once a quarter hour; between, only the
   * leaders of that scoring are scored again, as chances move little within a quarter hour.
   */
  next(at: Date): DialChoice | null {
    const block = Math.floor(at.getTime() / QUARTER);
    if (block !== this.leaders.block) {
      const ids = this.setup.territory.prospects.map((p) => p.id);
      this.leaders = { block, ids: this.best(at, { ids, count: LEADERS }).map((x) => x.choice.prospectId) };
    }
    const [top] = this.best(at, { ids: this.leaders.ids, count: 1 });
    this.goingRate = top?.ratio ?? 0;
    return top?.choice ?? null;
  }

  voicemail(at: Date, dial: DialChoice): VoicemailChoice {
    const p = this.prospect(dial.prospectId);
    const h = this.hidden(p.id);
    const value = this.messageValue(p, h, at.getTime());
    if (value <= 0 || value / this.setup.world.rep.seconds.leaveMessage < this.goingRate * 0.5)
      return { leave: false };
    const kind = p.visible.research ? 'information' : 'curiosity';
    const n = h.messages.length + 1;
    return {
      leave: true,
      kind,
      // Every message new: words never said to this prospect before.
      text: Array.from({ length: 12 }, (_, i) => `w${p.id}x${n}x${i}`).join(' '),
      template: null,
    };
  }

  tailors(prospectId: number): boolean {
    return this.prospect(prospectId).visible.research !== null;
  }

  observe(o: Observation): void {
    if (o.type !== 'dial') return;
    const k = this.known.get(o.dial.prospectId)!;
    if (o.heard === 'bad-number') k.bad.add(o.dial.numberId);
    if (o.privateLine && !k.numbers.some((n) => n.id === o.privateLine!.id)) {
      const line = this.prospect(o.dial.prospectId).numbers.find((n) => n.id === o.privateLine!.id);
      if (line) k.numbers.push(line);
    }
  }
}

export const oracle = (setup: StrategySetup): SimStrategy => new OracleRep('oracle', setup, true);
export const personaOracle = (setup: StrategySetup): SimStrategy =>
  new OracleRep('persona-oracle', setup, false);
