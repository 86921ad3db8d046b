import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, territoryOf } from '../src/modules/sim/engine.ts';
import { runSim } from '../src/modules/sim/sim.service.ts';
import { type SimStrategy, strategyNames } from '../src/modules/sim/strategy.ts';
import { parseWorld } from '../src/modules/sim/world.ts';

const zones = [
  'America/New_York',
  'America/Chicago',
  'America/Phoenix',
  'America/Los_Angeles',
  'Pacific/Honolulu',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
];
// Weeks in which the United States or Europe change their clocks.
const starts = ['2026-03-05', '2026-03-26', '2026-10-22', '2026-10-29'];

describe('the territory simulator', () => {
  it('scores every strategy, oracles included, at zero violations over random territories, zones and clock changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          zones: fc.uniqueArray(fc.constantFrom(...zones), { minLength: 1, maxLength: 4 }),
          start: fc.constantFrom(...starts),
          weekends: fc.boolean(),
          seed: fc.integer({ min: 1, max: 10_000 }),
          workday: fc.constantFrom(['07:30', '19:30'], ['06:00', '22:00'], ['00:00', '23:45']),
        }),
        async (w) => {
          const world = parseWorld({
            start: w.start,
            days: 3,
            rep: { weekends: w.weekends, workday: w.workday },
            prospects: { count: 40, timezones: Object.fromEntries(w.zones.map((z) => [z, 1])) },
          });
          const run = await runSim(world, { strategies: [...strategyNames], seed: w.seed });
          for (const r of run.results)
            expect({ strategy: r.strategy, violations: r.violations }).toEqual({
              strategy: r.strategy,
              violations: 0,
            });
          expect(run.results.reduce((sum, r) => sum + r.dials, 0)).toBeGreaterThan(0);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('counts a violation for a strategy that dials at any hour, so the check can catch one', async () => {
    const world = parseWorld({ days: 2, prospects: { count: 5, timezones: { 'Asia/Kolkata': 1 } } });
    const territory = territoryOf(world, 1);
    const reckless: SimStrategy = {
      name: 'uniform',
      planDay: (blocks) => ({ weights: blocks.map(() => 1), spread: 'even' }),
      next: () => ({ prospectId: 1, numberId: territory.prospects[0]!.numbers[0]!.id }),
      voicemail: () => ({ leave: false }),
      tailors: () => false,
      observe: () => undefined,
    };
    const sim = new Simulation(world, { territory, seed: 1, name: 'uniform', factory: () => reckless });
    await sim.runDay(0);
    const result = sim.finish();
    expect(result.dials).toBeGreaterThan(0);
    // New York's working day is the middle of the night in India.
    expect(result.violations).toBeGreaterThan(0);
  });

  it('gives the same numbers for the same world and seed, and other numbers for another seed', async () => {
    const world = parseWorld({ days: 3, prospects: { count: 60 } });
    const strategies = ['uniform', 'adaptive', 'persona-oracle'] as const;
    const once = await runSim(world, { strategies: [...strategies], seed: 5 });
    const again = await runSim(world, { strategies: [...strategies], seed: 5 });
    const other = await runSim(world, { strategies: [...strategies], seed: 6 });
    expect(again.results).toEqual(once.results);
    expect(other.results).not.toEqual(once.results);
  });
});
