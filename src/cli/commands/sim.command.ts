import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { SimStrategy, StrategyName, StrategySetup } from '../../modules/sim/index.ts';
import { invalid } from '../../shared/errors.ts';
import { type Opened, openClient } from '../context.ts';
import { out, printJson, reportError } from '../output.ts';

const collect = (value: string, previous: string[]): string[] => [...previous, value];
const whole = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw invalid(name, `"${value}" is not a whole number`);
  return Number(value);
};

export function simCommand(): Command {
  return new Command('sim')
    .description(
      'play calling strategies against a simulated territory and its oracles; exits 1 if any strategy broke a calling law',
    )
    .option('--world <file>', 'world file (JSON); the default world when left out')
    .option(
      '--strategy <name>',
      'a strategy to play (repeat for more); all of them when left out',
      collect,
      [],
    )
    .option('--seed <n>', "the territory's seed (default: the world's)")
    .option('--days <n>', "working days to play (default: the world's)")
    .option('--chart <file.svg>', 'also write an SVG chart comparing the strategies')
    .option(
      '--on-book',
      "play one of Reach's strategies on a real, empty Reach book through its API (the one --data opens: in process, or over HTTP while `reach serve` holds it)",
    )
    .option('--data <dir>', 'with --on-book: the data directory of the book to play on')
    .option('--json', 'print machine-readable JSON')
    .action(async (o) => {
      let opened: Opened | undefined;
      try {
        // Loaded on use: the simulator is not needed by any other command.
        const { runChartSvg, simRunLines } = await import('../../modules/sim/index.ts');
        const { parseStrategies, runSim } = await import('../../modules/sim/index.ts');
        const { loadWorld, parseWorld } = await import('../../modules/sim/index.ts');
        const seed = whole('seed', o.seed);
        const days = whole('days', o.days);
        if (o.chart !== undefined && !String(o.chart).toLowerCase().endsWith('.svg'))
          throw invalid('chart', `"${o.chart}": the chart is written as SVG; name a .svg file`);
        const loaded = loadWorld(o.world);
        const world = days === undefined ? loaded : parseWorld({ ...loaded, days });
        const strategies = parseStrategies(o.strategy);
        let factory: ((name: StrategyName) => (setup: StrategySetup) => SimStrategy) | undefined;
        if (o.onBook) {
          const { bookStrategies, onReachBook } = await import('../../modules/sim/index.ts');
          if (strategies.length !== 1 || !bookStrategies.includes(strategies[0]!))
            throw invalid(
              'strategy',
              `--on-book plays one of Reach's strategies on one book: --strategy ${bookStrategies.join('|')}`,
            );
          opened = await openClient({ data: o.data });
          const client = opened.client;
          const { total } = await client.listProspects({ query: { limit: 1 } });
          if (total > 0)
            throw invalid(
              'data',
              `${client.where} holds ${total} prospects: --on-book plays on an empty book (a new --data directory)`,
            );
          factory = (name) => onReachBook(client, name);
        } else if (o.data !== undefined) throw invalid('data', '--data goes with --on-book');
        const bar =
          process.stderr.isTTY && !o.json
            ? new (await import('cli-progress')).SingleBar({
                format: 'simulating [{bar}] {percentage}% | {strategy}',
                stream: process.stderr,
              })
            : null;
        bar?.start(1, 0, { strategy: strategies[0] });
        const run = await runSim(world, {
          strategies,
          ...(seed === undefined ? {} : { seed }),
          ...(factory ? { factory } : {}),
          onProgress: (done, total, strategy) => {
            bar?.setTotal(total);
            bar?.update(done, { strategy });
          },
        }).finally(() => bar?.stop());
        if (o.chart) writeFileSync(o.chart, runChartSvg(run));
        const violations = run.results.reduce((sum, r) => sum + r.violations, 0);
        if (o.json) printJson({ world: run.world, seed: run.seed, results: run.results });
        else
          for (const line of simRunLines(run, { playedOn: opened?.client.where, chart: o.chart })) out(line);
        process.exitCode = violations > 0 ? 1 : 0;
      } catch (error) {
        process.exitCode = reportError(error, o.json ?? false);
      } finally {
        await opened?.close().catch(() => undefined);
      }
    });
}
