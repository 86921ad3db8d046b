import { localClock } from '../../shared/local-clock.ts';
import type {
  DayPlan,
  DialChoice,
  Observation,
  SimStrategy,
  StrategyName,
  StrategySetup,
  VoicemailChoice,
} from './strategy.ts';
import type { SimNumber } from './territory.ts';

const GAP = 2 * 3_600_000;
const MAX_ATTEMPTS = 6;

type Known = { numbers: SimNumber[]; attempts: number; lastDial: number; done: boolean };

/**
 * A rep working the list by hand: round-robin through the prospects inside the strategy's
 * hours, the numbers on the list in turn, the same generic message every time, and no more
 * than six attempts. No research, no learning.
 */
class ListRep implements SimStrategy {
  private readonly known = new Map<number, Known>();
  private readonly order: number[];
  private cursor = 0;

  constructor(
    readonly name: StrategyName,
    private readonly setup: StrategySetup,
    private readonly hours: (local: { hour: number; weekday: number }) => boolean,
  ) {
    this.order = setup.territory.prospects.map((p) => p.id);
    for (const p of setup.territory.prospects)
      this.known.set(p.id, {
        numbers: p.numbers.filter((n) => n.given).map((n) => ({ ...n, bad: false })),
        attempts: 0,
        lastDial: -Infinity,
        done: false,
      });
  }

  private zoneOf = (id: number): string => this.setup.territory.prospects[id - 1]!.visible.timezone;

  private callable(id: number, at: Date): boolean {
    const k = this.known.get(id)!;
    if (k.done || k.attempts >= MAX_ATTEMPTS || at.getTime() - k.lastDial < GAP) return false;
    if (!k.numbers.some((n) => !n.bad)) return false;
    return this.hours(localClock(at, this.zoneOf(id))!);
  }

  planDay(blocks: Date[]): DayPlan {
    const weights = blocks.map((at) => (this.order.some((id) => this.callable(id, at)) ? 1 : 0));
    return { weights, spread: 'even' };
  }

  next(at: Date): DialChoice | null {
    for (let i = 0; i < this.order.length; i++) {
      const id = this.order[(this.cursor + i) % this.order.length]!;
      if (!this.callable(id, at)) continue;
      this.cursor = (this.cursor + i + 1) % this.order.length;
      const k = this.known.get(id)!;
      const good = k.numbers.filter((n) => !n.bad);
      return { prospectId: id, numberId: good[k.attempts % good.length]!.id };
    }
    return null;
  }

  voicemail(_at: Date, dial: DialChoice): VoicemailChoice {
    const first = this.setup.territory.prospects[dial.prospectId - 1]!.visible.firstName;
    return {
      leave: true,
      kind: 'generic',
      text: `Hi ${first}, this is Sam Rivera with Northwind Analytics. Please give me a call back at 312 555 0147. Thanks.`,
      template: null,
    };
  }

  tailors(): boolean {
    return false;
  }

  observe(o: Observation): void {
    const id = o.type === 'dial' ? o.dial.prospectId : o.prospectId;
    const k = this.known.get(id)!;
    if (o.type === 'dial') {
      k.attempts++;
      k.lastDial = o.at.getTime();
      if (o.heard === 'bad-number') {
        const n = k.numbers.find((x) => x.id === o.dial.numberId);
        if (n) n.bad = true;
      }
    }
    if (o.result === 'meeting' || o.result === 'not-interested' || o.result === 'do-not-call') k.done = true;
  }
}

/** Business hours 9-17 in the prospect's clock, round-robin, a generic message every time, six attempts. */
export const uniform = (setup: StrategySetup): SimStrategy =>
  new ListRep('uniform', setup, (l) => l.weekday <= 5 && l.hour >= 9 && l.hour < 17);

/** The published "best time": Tuesday to Thursday, 8-9 and 16-17 in the prospect's clock. */
export const bestHours = (setup: StrategySetup): SimStrategy =>
  new ListRep(
    'best-hours',
    setup,
    (l) => l.weekday >= 2 && l.weekday <= 4 && ((l.hour >= 8 && l.hour < 9) || (l.hour >= 16 && l.hour < 17)),
  );
