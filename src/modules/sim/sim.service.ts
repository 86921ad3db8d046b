import { invalid } from '../../shared/errors.ts';
import { Simulation, type StrategyResult, type Tally, territoryOf, workingDays } from './engine.ts';
import { type SimStrategy, type StrategyName, type StrategySetup, strategyNames } from './strategy.ts';
import { freshHidden, reachChance, wallOf } from './telephone.ts';
import type { Territory } from './territory.ts';
import type { World } from './world.ts';

export type SimRun = {
  world: string;
  seed: number;
  days: number;
  prospects: number;
  results: StrategyResult[];
  /** Counts behind the calibration figures, per strategy. */
  tallies: Partial<Record<StrategyName, Tally>>;
};

/** Strategy names as given, checked: unknown names are refused with the list of known ones. */
export function parseStrategies(names: string[]): StrategyName[] {
  if (names.length === 0) return [...strategyNames];
  const known = new Set<string>(strategyNames);
  for (const name of names)
    if (!known.has(name))
      throw invalid('strategy', `unknown strategy "${name}": one of ${strategyNames.join(', ')}`);
  return [...new Set(names)] as StrategyName[];
}

/**
 * Plays each strategy on the same territory drawn from the world and seed. `onProgress`
 * hears each simulated day of each strategy, for a progress bar.
 */
export async function runSim(
  world: World,
  options: {
    strategies: StrategyName[];
    seed?: number;
    onProgress?: (done: number, total: number, strategy: StrategyName) => void;
    /** Plays a strategy with this instead of its own code: a Reach rep on a real book (`onReachBook`). */
    factory?: (name: StrategyName) => (setup: StrategySetup) => SimStrategy;
  },
): Promise<SimRun> {
  const seed = options.seed ?? world.seed;
  const territory = territoryOf(world, seed);
  const days = workingDays(world).length;
  const total = days * options.strategies.length;
  const results: StrategyResult[] = [];
  const tallies: SimRun['tallies'] = {};
  for (const [i, name] of options.strategies.entries()) {
    const sim = new Simulation(world, {
      territory,
      seed,
      name,
      ...(options.factory ? { factory: options.factory(name) } : {}),
    });
    for (let day = 0; day < days; day++) {
      await sim.runDay(day);
      options.onProgress?.(i * days + day + 1, total, name);
      // Let a progress bar draw between days.
      if (options.onProgress) await new Promise((resolve) => setImmediate(resolve));
    }
    results.push(sim.finish());
    tallies[name] = sim.tally;
  }
  return { world: world.name, seed, days, prospects: territory.prospects.length, results, tallies };
}

/**
 * The aggregate chance that a dial reaches the decision maker, by the prospect's local hour
 * 8-17, over every prospect and listed number and every weekday minute of the first week:
 * the world's own curve, before any strategy chooses.
 */
export function connectCurve(world: World, territory: Territory): { hour: number; rate: number }[] {
  const fresh = freshHidden();
  const monday = Date.parse(`${world.start}T00:00:00Z`);
  const out: { hour: number; rate: number }[] = [];
  for (let hour = 8; hour < 18; hour++) {
    let sum = 0;
    let n = 0;
    for (const p of territory.prospects) {
      for (const number of p.numbers) {
        if (!number.given) continue;
        for (let day = 0; day < 5; day++)
          for (let minute = 0; minute < 60; minute += 15) {
            // Find the instant at this local clock: start from UTC midnight and step by the zone's offset.
            const guess = monday + day * 86_400_000 + (hour * 60 + minute) * 60_000;
            const wall = wallOf(guess, p.zone);
            const at = guess - (wall.minute - (hour * 60 + minute)) * 60_000;
            sum += reachChance({
              prospect: p,
              hidden: fresh,
              number,
              at,
              wall: wallOf(at, p.zone),
              behaviour: world.behaviour,
            });
            n++;
          }
      }
    }
    out.push({ hour, rate: n === 0 ? 0 : sum / n });
  }
  return out;
}
