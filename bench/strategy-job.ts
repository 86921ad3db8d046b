import { territoryOf } from '../src/modules/sim/engine.ts';
import { connectCurve, runSim } from '../src/modules/sim/sim.service.ts';
import { strategyNames } from '../src/modules/sim/strategy.ts';
import { loadWorld, parseWorld } from '../src/modules/sim/world.ts';

/**
 * One benchmark job, in its own process: every strategy on one world and seed. Prints one
 * JSON line: the results, the tallies behind calibration, the world's connect curve by
 * local hour, the seconds it took and the peak memory.
 * Usage: strategy-job.ts WORLD_FILE|default SEED [PROSPECTS DAYS]
 */
const [file = 'default', seedText = '1', count, days] = process.argv.slice(2);
const loaded = loadWorld(file === 'default' ? undefined : file);
const world = parseWorld({
  ...loaded,
  ...(count ? { prospects: { ...loaded.prospects, count: Number(count) } } : {}),
  ...(days ? { days: Number(days) } : {}),
});
const seed = Number(seedText);
const started = performance.now();
const run = await runSim(world, { strategies: [...strategyNames], seed });
const seconds = (performance.now() - started) / 1000;
const curve = count ? [] : connectCurve(world, territoryOf(world, seed));
const territory = count ? null : territoryOf(world, seed);
const numbers = territory?.prospects.flatMap((p) => p.numbers.filter((n) => n.given)) ?? [];
process.stdout.write(
  `${JSON.stringify({
    world: world.name,
    seed,
    prospects: world.prospects.count,
    days: world.days,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    results: run.results,
    tallies: run.tallies,
    curve,
    badNumberShare: numbers.length === 0 ? 0 : numbers.filter((n) => n.bad).length / numbers.length,
  })}\n`,
);
