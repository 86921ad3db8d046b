import type { OperationClient } from '../../contracts/client.ts';
import type { HeardFact } from '../../contracts/intel.contract.ts';
import type { Queue } from '../../contracts/queue.contract.ts';
import { type CallbackResult, callbackResults } from '../../contracts/vocabulary.ts';
import type { Result } from '../outcomes/index.ts';
import type { Strategy } from '../voicemail/index.ts';
import { territoryPoints, VOICE } from './book.ts';
import { asIntel } from './product-strategies.ts';
import type {
  DayPlan,
  DialChoice,
  Observation,
  SimStrategy,
  StrategyName,
  StrategySetup,
  VoicemailChoice,
} from './strategy.ts';
import type { MessageKind } from './telephone.ts';

/**
 * What a simulated rep asks of Reach: the calls the desk makes. The command line's client
 * has every one of them, in process over the book's database or over the HTTP API, so the
 * same rep plays either way.
 */
export interface ReachDesk
  extends Pick<
    OperationClient,
    'addPoint' | 'voicemail' | 'addProspect' | 'logCall' | 'queue' | 'recordCallback' | 'updateConfig'
  > {}

/** The Reach strategies a real book can play, with the queue options and voicemail strategy of each. */
const onBook: Partial<
  Record<StrategyName, { voicemail: Strategy; plan: boolean; hours: 'any' | 'after-hours' }>
> = {
  'never-voicemail': { voicemail: 'never', plan: false, hours: 'any' },
  rules: { voicemail: 'rules', plan: false, hours: 'any' },
  persistent: { voicemail: 'persistent', plan: false, hours: 'any' },
  curiosity: { voicemail: 'curiosity', plan: false, hours: 'after-hours' },
  adaptive: { voicemail: 'adaptive', plan: true, hours: 'any' },
};

/** The strategies a real book can play: Reach's own. */
export const bookStrategies = Object.keys(onBook) as StrategyName[];

/** A meeting booked on a call is set for a week later, as the in-memory book takes it. */
const MEETING_LEAD_MS = 7 * 86_400_000;
/** How many entries the rep's queue shows. */
const WORKLIST = '10';

/**
 * A rep on a real Reach book, through the desk's calls: the territory is loaded as a team
 * would load it (settings, prospects with their research, talking points), and then every
 * dial is the queue's first entry, every beep asks the voicemail decision, every call and
 * callback is logged and every gatekeeper's word recorded as intelligence. Nothing is read
 * from the simulator's own book: what the rep knows is what Reach answers.
 */
export class ReachRep implements SimStrategy {
  private readonly options: { voicemail: Strategy; plan: boolean; hours: 'any' | 'after-hours' };
  /** The book's prospect id for each simulated prospect, and the simulator's number id for each dialled number. */
  private readonly keys = new Map<number, number>();
  private readonly simIds = new Map<number, number>();
  private readonly numberIds = new Map<string, number>();

  constructor(
    readonly name: StrategyName,
    private readonly setup: StrategySetup,
    private readonly desk: ReachDesk,
  ) {
    const options = onBook[name];
    if (!options) throw new Error(`${name} is not one of Reach's strategies: ${bookStrategies.join(', ')}`);
    this.options = options;
  }

  async prepare(): Promise<void> {
    const { world, territory, limits } = this.setup;
    const start = new Date(`${world.start}T00:00:00Z`);
    await this.desk.updateConfig({
      body: {
        offerCategory: world.offer.category,
        defaultStrategy: this.options.voicemail,
        callingHoursStart: limits.callingHoursStart,
        callingHoursEnd: limits.callingHoursEnd,
        maxDialsPerDay: limits.maxDialsPerDay,
        maxDialsPerWeek: limits.maxDialsPerWeek,
        territoryZones: limits.territoryZones,
        repName: VOICE.name,
        repPhone: VOICE.phone,
        sellerName: VOICE.seller,
      },
    });
    const points = territoryPoints(territory.prospects, start);
    const at = start.toISOString();
    for (const e of points.events)
      await this.desk.addPoint({
        body: {
          kind: 'event',
          title: e.title,
          on: e.on!.toISOString(),
          ...(e.place.online ? { online: true } : { country: e.place.country ?? undefined }),
          at,
        },
      });
    for (const p of territory.prospects) {
      const v = p.visible;
      const added = await this.desk.addProspect({
        body: {
          firstName: v.firstName,
          lastName: v.lastName,
          title: v.title,
          company: v.company,
          industry: v.industry,
          timezone: v.timezone,
          value: v.value,
          stage: v.stage,
          phones: p.numbers.filter((n) => n.given).map((n) => ({ number: n.e164, kind: n.kind })),
          ...(v.research
            ? {
                alreadyHasProduct: v.research.hasProduct,
                competitorRelationship: v.research.competitor,
                research: { priorityObjective: v.research.objective, benefits: v.research.benefits },
              }
            : {}),
        },
      });
      this.keys.set(p.id, added.id);
      this.simIds.set(added.id, p.id);
      for (const n of p.numbers) this.numberIds.set(n.e164, n.id);
      const mine = points.of(p);
      for (const n of mine.news)
        await this.desk.addPoint({ body: { kind: 'news', title: n.title, prospect: added.id, at } });
      for (const c of mine.contacts)
        await this.desk.addPoint({
          body: { kind: 'contact', title: c.title, detail: c.detail ?? undefined, prospect: added.id, at },
        });
      for (const r of mine.references)
        await this.desk.addPoint({
          body: { kind: 'reference', title: r.name, detail: r.result, prospect: added.id, at },
        });
    }
  }

  private key(prospectId: number): string {
    return String(this.keys.get(prospectId) ?? prospectId);
  }

  /** The queue as the rep's session asks it; a plan reads the best bets alone (`explore=false`). */
  private queue(at: Date, input: { explore: boolean } = { explore: true }): Promise<Queue> {
    return this.desk.queue({
      query: {
        at: at.toISOString(),
        limit: WORKLIST,
        worth: this.options.plan ? 'true' : 'false',
        hours: this.options.hours,
        explore: input.explore ? 'true' : 'false',
      },
    });
  }

  /** With a plan, each half hour weighs what its best bets are worth; without, whether anyone is callable. */
  async planDay(blocks: Date[]): Promise<DayPlan> {
    const weights: number[] = [];
    for (let i = 0; i < blocks.length; i++) {
      if (i % 2 === 1) {
        weights.push(weights[i - 1]!);
        continue;
      }
      const { entries } = await this.queue(blocks[i]!, { explore: false });
      weights.push(
        this.options.plan ? entries.reduce((sum, e) => sum + e.probability, 0) : Math.min(1, entries.length),
      );
    }
    return { weights, spread: this.options.plan ? 'best' : 'even' };
  }

  async next(at: Date): Promise<DialChoice | null> {
    const [first] = (await this.queue(at)).entries;
    if (!first) return null;
    const prospectId = this.simIds.get(first.prospect.id);
    const numberId = this.numberIds.get(first.number.e164);
    if (prospectId === undefined || numberId === undefined)
      throw new Error(
        `the queue proposed ${first.number.e164} of #${first.prospect.id}, not in the territory`,
      );
    return { prospectId, numberId };
  }

  private e164(dial: DialChoice): string {
    const p = this.setup.territory.prospects[dial.prospectId - 1]!;
    return p.numbers.find((n) => n.id === dial.numberId)!.e164;
  }

  async voicemail(at: Date, dial: DialChoice): Promise<VoicemailChoice> {
    const advice = await this.desk.voicemail({
      params: { key: this.key(dial.prospectId) },
      query: { at: at.toISOString(), strategy: this.options.voicemail, number: this.e164(dial) },
    });
    if (advice.decision === 'skip' || !advice.script) return { leave: false };
    const kind =
      advice.script.kind === 'referral'
        ? 'introduction'
        : advice.script.kind === 'follow-up'
          ? 'information'
          : advice.script.kind;
    return {
      leave: true,
      kind: kind as MessageKind,
      text: advice.script.text,
      template: advice.script.template,
    };
  }

  tailors(prospectId: number): boolean {
    return this.setup.territory.prospects[prospectId - 1]!.visible.research !== null;
  }

  async observe(o: Observation): Promise<void> {
    if (o.type === 'callback') {
      const p = this.setup.territory.prospects[o.prospectId - 1]!;
      const from = p.numbers.find((n) => n.given && n.kind !== 'main') ?? p.numbers.find((n) => n.given)!;
      const result = o.result;
      if (!isCallbackResult(result))
        throw new Error(`A callback cannot come to ${result}: that is a call's result`);
      await this.desk.recordCallback({
        body: {
          from: from.e164,
          prospect: this.key(o.prospectId),
          at: o.at.toISOString(),
          ...resultOf(result, o.at),
        },
      });
      return;
    }
    const prospect = this.key(o.dial.prospectId);
    const at = o.at.toISOString();
    const intel: HeardFact[] = [];
    if (o.privateLine) intel.push({ type: 'private-line', value: o.privateLine.e164 });
    if (o.hours) {
      const heard = asIntel(o.hours);
      for (const w of heard.dm) intel.push({ type: 'dm-hours', from: w.from, to: w.to });
      const g = heard.gatekeeper!;
      intel.push({
        type: 'gatekeeper-hours',
        arrives: g.arrives ?? undefined,
        leaves: g.leaves ?? undefined,
        from: g.lunchFrom ?? undefined,
        to: g.lunchTo ?? undefined,
      });
    }
    await this.desk.logCall({
      body: {
        prospect,
        number: this.e164(o.dial),
        at,
        outcome: o.heard === 'voicemail' && o.message ? 'voicemail-left' : o.heard,
        ...(o.message
          ? {
              message: {
                kind: o.message.kind,
                text: o.message.text,
                template: o.message.template ?? undefined,
              },
            }
          : {}),
        ...(o.result ? resultOf(o.result, o.at) : {}),
        ...(o.heard === 'bad-number' ? { carrierFailure: true } : {}),
        ...(intel.length > 0 ? { intel } : {}),
      },
    });
  }
}

/** A result as the call log takes it: a meeting with its time. */
const resultOf = <R extends Result>(result: R, at: Date): { result: R; resultAt?: string } =>
  result === 'meeting'
    ? { result, resultAt: new Date(at.getTime() + MEETING_LEAD_MS).toISOString() }
    : { result };

const isCallbackResult = (result: Result): result is CallbackResult =>
  (callbackResults as readonly Result[]).includes(result);

/** The simulator's factory for a Reach strategy on a real book. */
export const onReachBook =
  (desk: ReachDesk, name: StrategyName) =>
  (setup: StrategySetup): SimStrategy =>
    new ReachRep(name, setup, desk);
