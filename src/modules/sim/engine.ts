import { DateTime } from 'luxon';
import { localClock } from '../../shared/local-clock.ts';
import { createRandom } from '../../shared/random.ts';
import type { Result } from '../outcomes/index.ts';
import type { DialLimits } from '../queue/index.ts';
import { bestHours, uniform } from './manual-strategies.ts';
import { oracle, personaOracle } from './oracle-strategies.ts';
import { adaptive, curiosity, neverVoicemail, persistent, rules } from './product-strategies.ts';
import type {
  DialChoice,
  GatekeeperSaid,
  LeftMessage,
  SimStrategy,
  StrategyName,
  StrategySetup,
} from './strategy.ts';
import {
  annoyanceOf,
  callbackAt,
  callbackChance,
  dmDay,
  dmFree,
  freshHidden,
  type Heard,
  type Hidden,
  hashUnit,
  messageAnnoyance,
  repeats,
  routeOf,
  wallOf,
  wordsOf,
} from './telephone.ts';
import { drawTerritory, type SimProspect, type Territory } from './territory.ts';
import type { World } from './world.ts';

export const factories: Record<StrategyName, (setup: StrategySetup) => SimStrategy> = {
  uniform,
  'best-hours': bestHours,
  'never-voicemail': neverVoicemail,
  rules,
  persistent,
  curiosity,
  adaptive,
  oracle,
  'persona-oracle': personaOracle,
};

/** One strategy's score on one territory. */
export type StrategyResult = {
  strategy: StrategyName;
  dials: number;
  conversations: number;
  conversationsPer100Dials: number;
  meetings: number;
  meetingsPerRepHour: number;
  repHours: number;
  voicemailsLeft: number;
  callbacks: number;
  callbackRate: number;
  optOuts: number;
  violations: number;
};

/** Counts behind the calibration figures. */
export type Tally = {
  connects: number;
  directDials: number;
  directConnects: number;
  genericMessages: number;
  genericCallbacks: number;
  /** A prospect's first message, when generic: the calibration band is measured on these. */
  firstGenericMessages: number;
  firstGenericCallbacks: number;
  badDials: number;
  /** Messages the prospect heard as a repeat of an earlier one. */
  repeatMessages: number;
  /** The summed chance of a callback over every message left. */
  expectedCallbacks: number;
  /** Dials by persona, kind of number and where they landed: `desk main→auto-attendant`. */
  routes: Record<string, number>;
};

/**
 * What each chance is drawn for. Draws are common random numbers: the same prospect's n-th
 * dial (or message) meets the same luck under every strategy, so strategies differ by what
 * they do, not by the dice.
 */
const Luck = {
  transfer: 1,
  privateLine: 2,
  hours: 3,
  pickup: 4,
  greeting: 5,
  callback: 6,
  delay: 7,
  meeting: 8,
} as const;

type Pending = { at: number; prospectId: number; generic: boolean; firstGeneric: boolean };

const BLOCK_MS = 15 * 60_000;
/** A Do-Not-Call request is a short call. */
const STOP_SECONDS = 45;
/** Calling again someone who booked, or who said no lately, annoys them: half the way to most thresholds. */
const AGAIN_ANNOYANCE = 0.5;
/** A "no" is heard again after two months, at a third of the prospect's first interest. */
const REOPEN_AFTER_MS = 60 * 86_400_000;
const REOPENED_INTEREST = 1 / 3;

const clockOf = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const quarter = (minute: number): string => clockOf(Math.round(minute / 15) * 15);

/** The team's limits in the simulated world: US legal hours, the default courtesy limits. */
export const simLimits = (world: World): DialLimits => ({
  callingHoursStart: '08:00',
  callingHoursEnd: '21:00',
  maxDialsPerDay: 2,
  maxDialsPerWeek: 5,
  territoryZones: Object.keys(world.prospects.timezones),
  // The simulated lists are taken as screened against the national registers.
  screenedAgainst: ['TPS', 'CTPS'],
});

/** The rep's working days: `days` weekdays (or days, when the rep works weekends) from the start. */
export function workingDays(world: World): string[] {
  const out: string[] = [];
  let day = DateTime.fromISO(world.start, { zone: world.rep.timezone });
  while (out.length < world.days) {
    if (world.rep.weekends || day.weekday <= 5) out.push(day.toISODate()!);
    day = day.plus({ days: 1 });
  }
  return out;
}

/** The day's minutes shared among blocks: the heaviest first, or evenly over every block with weight. */
export function allot(input: {
  weights: number[];
  spread: 'best' | 'even';
  budget: number;
  perBlock: number;
}): number[] {
  const { weights, budget, perBlock } = input;
  const out = weights.map(() => 0);
  const live = weights.map((w, i) => ({ w, i })).filter((x) => x.w > 0);
  if (live.length === 0) return out;
  if (input.spread === 'even') {
    const each = Math.min(perBlock, budget / live.length);
    for (const x of live) out[x.i] = each;
    return out;
  }
  let left = budget;
  for (const x of live.sort((a, b) => b.w - a.w || a.i - b.i)) {
    if (left <= 0) break;
    out[x.i] = Math.min(perBlock, left);
    left -= out[x.i]!;
  }
  return out;
}

/**
 * Plays one strategy on a drawn territory, day by day: the strategy plans its minutes and
 * picks each dial; the simulated telephone answers from the prospects' hidden behaviour;
 * the strategy hears only what a rep would. Every dial is checked against the law here,
 * apart from the code that chose it.
 */
export class Simulation {
  private readonly hidden = new Map<number, Hidden>();
  private readonly strategy: SimStrategy;
  private readonly pending: Pending[] = [];
  private readonly s: World['rep']['seconds'];
  readonly result: StrategyResult;
  readonly tally: Tally = {
    connects: 0,
    directDials: 0,
    directConnects: 0,
    genericMessages: 0,
    genericCallbacks: 0,
    firstGenericMessages: 0,
    firstGenericCallbacks: 0,
    badDials: 0,
    repeatMessages: 0,
    expectedCallbacks: 0,
    routes: {},
  };
  private repSeconds = 0;
  private t = 0;

  constructor(
    private readonly world: World,
    private readonly input: {
      territory: Territory;
      seed: number;
      name: StrategyName;
      /** Plays this instead of the named strategy's own code: for testing the simulator itself. */
      factory?: (setup: StrategySetup) => SimStrategy;
    },
  ) {
    for (const p of input.territory.prospects) this.hidden.set(p.id, freshHidden());
    this.days = workingDays(world);
    this.s = world.rep.seconds;
    this.strategy = (input.factory ?? factories[input.name])({
      world,
      territory: input.territory,
      limits: simLimits(world),
      seed: input.seed,
      hidden: this.hidden,
    });
    this.result = {
      strategy: input.name,
      dials: 0,
      conversations: 0,
      conversationsPer100Dials: 0,
      meetings: 0,
      meetingsPerRepHour: 0,
      repHours: 0,
      voicemailsLeft: 0,
      callbacks: 0,
      callbackRate: 0,
      optOuts: 0,
      violations: 0,
    };
  }

  private readonly days: string[];

  private prepared = false;

  /** Plays the `index`th working day (0-based). */
  async runDay(index: number): Promise<void> {
    if (!this.prepared) {
      this.prepared = true;
      await this.strategy.prepare?.();
    }
    const day = this.days[index];
    if (day !== undefined) await this.playDay(day);
  }

  /** The scores, once every day has been played. */
  finish(): StrategyResult {
    const r = this.result;
    r.repHours = round(this.repSeconds / 3600, 2);
    r.conversationsPer100Dials = r.dials === 0 ? 0 : round((100 * r.conversations) / r.dials, 2);
    r.meetingsPerRepHour = r.repHours === 0 ? 0 : round(r.meetings / r.repHours, 4);
    r.callbackRate = r.voicemailsLeft === 0 ? 0 : round(r.callbacks / r.voicemailsLeft, 4);
    return r;
  }

  private async playDay(day: string): Promise<void> {
    const { rep } = this.world;
    const start = DateTime.fromISO(`${day}T${rep.workday[0]}`, { zone: rep.timezone }).toMillis();
    const end = DateTime.fromISO(`${day}T${rep.workday[1]}`, { zone: rep.timezone }).toMillis();
    const blocks: Date[] = [];
    for (let b = start; b < end; b += BLOCK_MS) blocks.push(new Date(b));
    const plan = await this.strategy.planDay(blocks);
    const allotted = allot({
      weights: plan.weights,
      spread: plan.spread,
      budget: rep.dialingMinutesPerDay * 60,
      perBlock: BLOCK_MS / 1000,
    });
    this.t = Math.max(this.t, start);
    let carry = 0;
    for (const [i, block] of blocks.entries()) {
      const from = block.getTime();
      const to = Math.min(end, from + BLOCK_MS);
      await this.takeCallbacks(from);
      this.t = Math.max(this.t, from);
      const budget = (allotted[i] ?? 0) + carry;
      // A call that ran past its block's minutes is paid back from the next blocks'.
      carry = Math.min(0, budget);
      if (budget <= 0) continue;
      let used = 0;
      while (this.t < to && used < budget) {
        await this.takeCallbacks(this.t);
        const choice = await this.strategy.next(new Date(this.t));
        if (!choice) break;
        const seconds = await this.dial(choice);
        this.t += seconds * 1000;
        used += seconds;
      }
      const left = budget - used;
      // Minutes a block could not use move on to the next when the plan chose the blocks.
      carry = left < 0 || plan.spread === 'best' ? left : 0;
    }
    await this.takeCallbacks(end);
  }

  private luck(purpose: number, prospectId: number, index: number): number {
    return hashUnit(this.input.seed * 16 + purpose, prospectId, index);
  }

  private prospect = (id: number): SimProspect => this.input.territory.prospects[id - 1]!;

  /** The law, checked here and not by the strategy: legal hours in the prospect's real zone, and no one who asked to stop. */
  private violates(p: SimProspect, h: Hidden, at: number): boolean {
    const local = DateTime.fromMillis(at, { zone: p.zone });
    const minute = local.hour * 60 + local.minute;
    return minute < 8 * 60 || minute >= 21 * 60 || h.optedOut;
  }

  private async dial(choice: DialChoice): Promise<number> {
    const p = this.prospect(choice.prospectId);
    const h = this.hidden.get(p.id)!;
    const number = p.numbers.find((n) => n.id === choice.numberId);
    if (!number)
      throw new Error(`${this.input.name} dialled number ${choice.numberId}, not prospect ${p.id}'s`);
    const omniscient = this.input.name === 'oracle';
    if (!number.given && !h.privateRevealed && !omniscient)
      throw new Error(`${this.input.name} dialled a private line nobody gave it (prospect ${p.id})`);
    const at = this.t;
    const r = this.result;
    r.dials++;
    if (this.violates(p, h, at)) r.violations++;
    if (number.kind === 'direct') this.tally.directDials++;
    const b = this.world.behaviour;
    const wall = wallOf(at, p.zone);
    const annoyance = annoyanceOf(h, at, false);
    const annoyed = h.annoyance > p.threshold;
    const route = routeOf({ prospect: p, hidden: h, number, at, wall, behaviour: b });
    const routed = `${p.persona} ${number.kind}→${route.to}`;
    this.tally.routes[routed] = (this.tally.routes[routed] ?? 0) + 1;
    let seconds = this.s.ring + this.s.wrapUp;
    let heard: Heard;
    let result: Result | null = null;
    let said: GatekeeperSaid | null = null;
    let privateLine: { id: number; e164: string; kind: string } | null = null;
    let message: LeftMessage | null = null;
    let reached = false;
    switch (route.to) {
      case 'dead':
        heard = 'bad-number';
        this.tally.badDials++;
        break;
      case 'auto-attendant':
        heard = 'no-answer';
        break;
      case 'gatekeeper':
        seconds += this.s.gatekeeper;
        heard = 'gatekeeper';
        if (annoyed) result = 'do-not-call';
        else if (dmFree(p, wall, b) && this.luck(Luck.transfer, p.id, h.dials.length) < b.transfer)
          reached = true;
        else {
          const line = p.numbers.find((n) => n.kind === 'private');
          if (
            line &&
            !h.privateRevealed &&
            this.luck(Luck.privateLine, p.id, h.dials.length) < b.revealPrivateLine
          ) {
            h.privateRevealed = true;
            privateLine = { id: line.id, e164: line.e164, kind: line.kind };
          }
          if (p.gatekeeper && this.luck(Luck.hours, p.id, h.dials.length) < b.revealHours)
            said = {
              dm: { arrives: quarter(p.dm.from), leaves: quarter(p.dm.to) },
              gatekeeper: {
                arrives: quarter(p.gatekeeper.day.from),
                leaves: quarter(p.gatekeeper.day.to),
                lunchFrom: quarter(p.gatekeeper.lunch.from),
                lunchTo: quarter(p.gatekeeper.lunch.to),
              },
            };
        }
        break;
      case 'own-line':
      case 'mobile':
        if (this.luck(Luck.pickup, p.id, h.dials.length) < route.pickup) {
          reached = true;
          heard = 'reached';
          break;
        }
        heard = 'voicemail';
        h.unanswered.push(at);
        seconds += 8 + Math.floor(this.luck(Luck.greeting, p.id, h.dials.length) * 13);
        message = await this.leaveMessage(p, h, { choice, at });
        if (message) seconds += this.s.leaveMessage;
        break;
    }
    if (reached) {
      heard = 'reached';
      r.conversations++;
      this.tally.connects++;
      if (number.kind === 'direct') this.tally.directConnects++;
      if (annoyed) {
        result = 'do-not-call';
        seconds += STOP_SECONDS;
      } else if (h.closed !== null && !this.mayReopen(h, at)) {
        // Called again after booking or after a "no": a short, irritated word, and nothing more.
        seconds += STOP_SECONDS;
        h.annoyance += AGAIN_ANNOYANCE;
        result = h.closed === 'not-interested' ? 'not-interested' : null;
      } else {
        seconds += this.s.conversation;
        result = this.meeting(p, h, at) ? 'meeting' : 'not-interested';
      }
    }
    if (result === 'do-not-call') {
      h.optedOut = true;
      r.optOuts++;
    }
    h.annoyance += annoyance;
    h.dials.push(at);
    this.repSeconds += seconds;
    await this.strategy.observe({
      type: 'dial',
      dial: choice,
      at: new Date(at),
      heard,
      message,
      result,
      hours: said,
      privateLine,
    });
    return seconds;
  }

  /** At the beep: the strategy decides; a message left may earn a callback, and annoys a little. */
  private async leaveMessage(
    p: SimProspect,
    h: Hidden,
    input: { choice: DialChoice; at: number },
  ): Promise<LeftMessage | null> {
    const vm = await this.strategy.voicemail(new Date(input.at), input.choice);
    if (!vm.leave) return null;
    const words = wordsOf(vm.text);
    const chance = callbackChance({
      prospect: p,
      hidden: h,
      message: { kind: vm.kind, words, at: input.at },
      stage: p.visible.stage,
      spokenBefore: false,
      offer: this.world.offer.category,
      behaviour: this.world.behaviour,
    });
    if (repeats(words, h.messages)) this.tally.repeatMessages++;
    const firstGeneric = vm.kind === 'generic' && h.messages.length === 0;
    if (firstGeneric) this.tally.firstGenericMessages++;
    this.tally.expectedCallbacks += chance;
    h.annoyance += messageAnnoyance(h, input.at);
    h.messages.push({ at: input.at, kind: vm.kind, words, tailored: this.strategy.tailors(p.id) });
    this.result.voicemailsLeft++;
    if (vm.kind === 'generic') this.tally.genericMessages++;
    if (this.luck(Luck.callback, p.id, h.messages.length) < chance) {
      const due = callbackAt({
        prospect: p,
        from: input.at,
        rng: createRandom(Math.floor(this.luck(Luck.delay, p.id, h.messages.length) * 2 ** 32)),
        medianHours: this.world.behaviour.callbackDelayMedianHours,
      });
      const when = this.whenRepAnswers(p, due);
      if (when !== null) {
        this.pending.push({ at: when, prospectId: p.id, generic: vm.kind === 'generic', firstGeneric });
        this.pending.sort((a, b) => a.at - b.at);
      }
    }
    return { kind: vm.kind, text: vm.text, template: vm.template };
  }

  /** A callback lands when both the decision maker is at work and the rep is; within a week. */
  private whenRepAnswers(p: SimProspect, due: number): number | null {
    const { rep } = this.world;
    const [from, to] = rep.workday.map((c) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3, 5))) as [
      number,
      number,
    ];
    for (let t = due; t < due + 7 * 86_400_000; t += BLOCK_MS) {
      const local = localClock(new Date(t), rep.timezone)!;
      const minute = local.hour * 60 + local.minute;
      const working = (rep.weekends || local.weekday <= 5) && minute >= from && minute < to;
      if (working && dmDay(p, wallOf(t, p.zone))) return t;
    }
    return null;
  }

  /**
   * A conversation that may book a meeting: the first one at the prospect's interest; after a
   * "no" that has rested long enough, again at a fraction of it (a no can become a yes).
   */
  private meeting(p: SimProspect, h: Hidden, at: number): boolean {
    const again = h.closed === 'not-interested';
    const chance = p.interest * (this.strategy.tailors(p.id) ? 1.4 : 1) * (again ? REOPENED_INTEREST : 1);
    const booked = this.luck(Luck.meeting, p.id, again ? h.dials.length + 1 : 0) < chance;
    h.closed = booked ? 'meeting' : 'not-interested';
    h.closedAt = at;
    if (booked) this.result.meetings++;
    return booked;
  }

  /** Whether a prospect who said no long ago listens again; one who booked never books twice. */
  private mayReopen(h: Hidden, at: number): boolean {
    return h.closed === 'not-interested' && h.closedAt !== null && at - h.closedAt >= REOPEN_AFTER_MS;
  }

  /** Inbound calls due by `until`, answered in turn as the rep comes free. */
  private async takeCallbacks(until: number): Promise<void> {
    while (this.pending.length > 0 && this.pending[0]!.at <= until) {
      const due = this.pending.shift()!;
      const p = this.prospect(due.prospectId);
      const h = this.hidden.get(p.id)!;
      if (h.optedOut || h.closed || h.annoyance > p.threshold) continue;
      this.t = Math.max(this.t, due.at);
      const r = this.result;
      r.callbacks++;
      r.conversations++;
      if (due.generic) this.tally.genericCallbacks++;
      if (due.firstGeneric) this.tally.firstGenericCallbacks++;
      h.knowsNumber = true;
      const result: Result = this.meeting(p, h, this.t) ? 'meeting' : 'not-interested';
      const seconds = this.s.conversation + this.s.wrapUp;
      this.repSeconds += seconds;
      await this.strategy.observe({ type: 'callback', prospectId: p.id, at: new Date(this.t), result });
      this.t += seconds * 1000;
    }
  }
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The world's territory for a seed: drawn once, played by every strategy. */
export const territoryOf = (world: World, seed: number): Territory => drawTerritory(world, seed);
