import { localClock } from '../../shared/local-clock.ts';
import { type QueueEntry, queueSeed, rankAt, worthFloor } from '../queue/index.ts';
import { decideVoicemail, type Strategy } from '../voicemail/index.ts';
import { type HeardHours, SimBook } from './book.ts';
import type {
  DayPlan,
  DialChoice,
  GatekeeperSaid,
  Observation,
  SimStrategy,
  StrategyName,
  StrategySetup,
  VoicemailChoice,
} from './strategy.ts';
import type { MessageKind } from './telephone.ts';

/** How many entries the rep's queue shows. */
const WORKLIST = 10;
/** The database queue's shortlist size for a worklist of ten. */
const SHORTLIST = 100;
/** How many times the shortlist doubles when too few of it may be called, as in the database queue. */
const SHORTLIST_ROUNDS = 4;

type Options = {
  /** The voicemail strategy asked at every beep. */
  voicemail: Strategy;
  /**
   * Plan the day's minutes into the quarter hours the queue rates best, as `reach plan`
   * does; otherwise the rep works the queue evenly through the day.
   */
  plan: boolean;
  /** The queue's `hours` option: curiosity calls are an after-hours session. */
  hours: 'any' | 'after-hours';
};

/**
 * A rep on Reach: dials the queue's first entry (the same `rankAt` the desk shows, over the
 * same kind of shortlist, asked afresh after every log as the desk reloads it), asks the
 * voicemail decision at every beep (`decideVoicemail`, with the composer and the checker),
 * logs every dial as the call log does and records what gatekeepers say. Nothing here filters
 * the queue's choice: the options a rep sets on the queue (`worth`, `hours`) are the queue's.
 * With a plan, the day's dialing goes into the quarter hours the queue rates best and the
 * queue proposes only dials worth the minute; without one, the minutes are spread evenly.
 */
class ProductRep implements SimStrategy {
  readonly book: SimBook;

  constructor(
    readonly name: StrategyName,
    private readonly setup: StrategySetup,
    private readonly options: Options,
  ) {
    this.book = new SimBook({
      prospects: setup.territory.prospects,
      limits: setup.limits,
      typicalValue: setup.territory.typicalValue,
      offerCategory: setup.world.offer.category,
      start: new Date(`${setup.world.start}T00:00:00Z`),
    });
  }

  /**
   * The queue's top entries at `at`, from a shortlist that doubles, as the database queue's
   * does, while keep-or-drop, the courtesy limits and the rep's queue options leave too few.
   */
  private rank(at: Date, input: { size: number; limit: number; mode: 'sample' | 'mean' }): QueueEntry[] {
    for (let size = input.size, round = 1; ; size *= 2, round++) {
      const ids = this.book.shortlist(at, size);
      const entries = rankAt(at, {
        ...this.yardsticks(),
        candidates: this.book.candidates(ids, at),
        limit: input.limit,
        mode: input.mode,
        seed: this.seed(at),
        hours: this.options.hours,
        ...(this.options.plan ? { minChance: worthFloor(this.book.hourPrior()) } : {}),
      });
      if (entries.length >= input.limit || ids.length < size || round === SHORTLIST_ROUNDS) return entries;
    }
  }

  /**
   * The live queue's seed as Reach draws it for a fresh book: team 1, no rep of its own, the
   * day on the clock of the territory's first zone (`repClockZone`).
   */
  private seed(at: Date): string {
    const zone = this.setup.limits.territoryZones[0] ?? 'UTC';
    return queueSeed({ scope: '1|team', day: localClock(at, zone)?.date ?? at.toISOString().slice(0, 10) });
  }

  private yardsticks() {
    return {
      counts: this.book.counts,
      limits: this.setup.limits,
      typicalValue: this.setup.territory.typicalValue,
      pursuit: this.book.pursuitBook(),
    };
  }

  planDay(blocks: Date[]): DayPlan {
    const weights: number[] = [];
    for (let i = 0; i < blocks.length; i++) {
      if (i % 2 === 1) {
        weights.push(weights[i - 1]!);
        continue;
      }
      // The best bets by their means, as the queue answers `explore=false`.
      const top = this.rank(blocks[i]!, { size: SHORTLIST, limit: WORKLIST, mode: 'mean' });
      // Without a plan the rep dials whenever anyone is callable: only whether, not how well, counts.
      weights.push(
        this.options.plan ? top.reduce((sum, e) => sum + e.probability, 0) : Math.min(1, top.length),
      );
    }
    return { weights, spread: this.options.plan ? 'best' : 'even' };
  }

  next(at: Date): DialChoice | null {
    const [first] = this.rank(at, { size: SHORTLIST, limit: WORKLIST, mode: 'sample' });
    return first ? { prospectId: first.prospect.id, numberId: this.book.simNumberId(first.number.id) } : null;
  }

  voicemail(at: Date, dial: DialChoice): VoicemailChoice {
    const decision = decideVoicemail(
      this.book.voicemailState({ prospectId: dial.prospectId, at, strategy: this.options.voicemail }),
    );
    if (decision.decision === 'skip' || !decision.script) return { leave: false };
    // The world knows five kinds: a referral is an introduction, a follow-up is information.
    const kind =
      decision.script.kind === 'referral'
        ? 'introduction'
        : decision.script.kind === 'follow-up'
          ? 'information'
          : decision.script.kind;
    return {
      leave: true,
      kind: kind as MessageKind,
      text: decision.script.text,
      template: decision.script.template,
    };
  }

  tailors(prospectId: number): boolean {
    return this.setup.territory.prospects[prospectId - 1]!.visible.research !== null;
  }

  observe(o: Observation): void {
    if (o.type === 'callback') {
      this.book.callback({ prospectId: o.prospectId, result: o.result, at: o.at });
      return;
    }
    if (o.privateLine) this.book.addNumber(o.dial.prospectId, o.privateLine);
    if (o.hours) this.book.recordHours(o.dial.prospectId, asIntel(o.hours));
    this.book.log({
      prospectId: o.dial.prospectId,
      phoneId: this.book.phoneId(o.dial.numberId),
      at: o.at,
      outcome: o.heard === 'voicemail' && o.message ? 'voicemail-left' : o.heard,
      ...(o.result ? { result: o.result } : {}),
      ...(o.message ? { message: o.message } : {}),
      // A number that never connects is one the carrier says does not exist.
      carrierFailure: o.heard === 'bad-number',
    });
  }
}

/**
 * What a rep writes down from a gatekeeper's words: the gatekeeper's day, and the decision
 * maker's own windows around it (before she arrives, at her lunch, after she leaves).
 */
export function asIntel(said: GatekeeperSaid): HeardHours {
  const g = said.gatekeeper;
  const windows = [
    { from: said.dm.arrives, to: g.arrives },
    { from: g.lunchFrom, to: g.lunchTo },
    { from: g.leaves, to: said.dm.leaves },
  ].filter((w) => w.from < w.to);
  return {
    dm: windows,
    gatekeeper: { arrives: g.arrives, leaves: g.leaves, lunchFrom: g.lunchFrom, lunchTo: g.lunchTo },
  };
}

/** The fixed strategies: one voicemail rule each, the queue worked evenly through the day. */
export const neverVoicemail = (setup: StrategySetup): SimStrategy =>
  new ProductRep('never-voicemail', setup, { voicemail: 'never', plan: false, hours: 'any' });
export const rules = (setup: StrategySetup): SimStrategy =>
  new ProductRep('rules', setup, { voicemail: 'rules', plan: false, hours: 'any' });
export const persistent = (setup: StrategySetup): SimStrategy =>
  new ProductRep('persistent', setup, { voicemail: 'persistent', plan: false, hours: 'any' });
export const curiosity = (setup: StrategySetup): SimStrategy =>
  new ProductRep('curiosity', setup, { voicemail: 'curiosity', plan: false, hours: 'after-hours' });

/**
 * Reach's own: the day planned into the quarter hours the learned queue rates best, the
 * queue's top entries dialled in them, and the adaptive voicemail strategy (messages only
 * where they earn a reply, a week apart, two at most without one).
 */
export const adaptive = (setup: StrategySetup): SimStrategy =>
  new ProductRep('adaptive', setup, { voicemail: 'adaptive', plan: true, hours: 'any' });
