import type { Result } from '../outcomes/index.ts';
import type { DialLimits } from '../queue/index.ts';
import type { Heard, Hidden, MessageKind } from './telephone.ts';
import type { Territory } from './territory.ts';
import type { World } from './world.ts';

export const strategyNames = [
  'uniform',
  'best-hours',
  'never-voicemail',
  'rules',
  'persistent',
  'curiosity',
  'adaptive',
  'oracle',
  'persona-oracle',
] as const;
export type StrategyName = (typeof strategyNames)[number];
/** The strategies that follow one fixed rule: what `adaptive` must beat. */
export const fixedStrategies: StrategyName[] = strategyNames.filter(
  (n) => n !== 'adaptive' && n !== 'oracle' && n !== 'persona-oracle',
);

/** A dial the rep is about to make. */
export type DialChoice = { prospectId: number; numberId: number };

/** A message as left: its kind, its words, and the template and facts it used. */
export type LeftMessage = { kind: MessageKind; text: string; template: string | null };

export type VoicemailChoice = { leave: false } | ({ leave: true } & LeftMessage);

/** What a rep observes, and nothing more: who answered, what was said, who called back. */
export type Observation =
  | {
      type: 'dial';
      dial: DialChoice;
      at: Date;
      heard: Heard;
      message: LeftMessage | null;
      result: Result | null;
      hours: GatekeeperSaid | null;
      privateLine: { id: number; e164: string; kind: string } | null;
    }
  | { type: 'callback'; prospectId: number; at: Date; result: Result };

/** What a gatekeeper says of the day: "he's in from 7:30 to 6:30; I'm here 8:30 to 5, lunch 12:30-1:30". */
export type GatekeeperSaid = {
  dm: { arrives: string; leaves: string };
  gatekeeper: { arrives: string; leaves: string; lunchFrom: string; lunchTo: string };
};

/** How the rep spreads the day's dialing minutes over the quarter hours of the workday. */
export type DayPlan = {
  /** One weight per block; a block of weight 0 gets no minutes. */
  weights: number[];
  /** `best` fills the heaviest blocks first; `even` shares the minutes among every block that has weight. */
  spread: 'best' | 'even';
};

/**
 * A rep: the engine asks and tells, the strategy answers. A strategy that works a real Reach
 * book through its API answers asynchronously; the others answer at once.
 */
export interface SimStrategy {
  readonly name: StrategyName;
  /** Called once before the first day: a strategy on a real book loads the territory into it. */
  prepare?(): Promise<void>;
  /** The day's plan, given the start instant of each quarter-hour block of the workday. */
  planDay(blocks: Date[]): DayPlan | Promise<DayPlan>;
  next(at: Date): DialChoice | null | Promise<DialChoice | null>;
  voicemail(at: Date, dial: DialChoice): VoicemailChoice | Promise<VoicemailChoice>;
  /** Whether the rep comes to this prospect's calls with research: a tailored conversation. */
  tailors(prospectId: number): boolean;
  observe(observation: Observation): void | Promise<void>;
}

/** What every strategy is built from. `hidden` is for the oracles alone. */
export type StrategySetup = {
  world: World;
  territory: Territory;
  limits: DialLimits;
  seed: number;
  hidden: ReadonlyMap<number, Hidden>;
};
