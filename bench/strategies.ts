import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StrategyResult, Tally } from '../src/modules/sim/engine.ts';
import { type Bar, barChartSvg } from '../src/modules/sim/report.ts';
import { fixedStrategies, type StrategyName, strategyNames } from '../src/modules/sim/strategy.ts';

/**
 * The strategy benchmark: every strategy on the default world and on each world in
 * bench/worlds/, over several seeds, jobs spread over the machine's cores. Prints per world
 * each strategy's conversations per 100 dials, meetings per rep-hour, callbacks per 100
 * messages and opt-outs (mean and range over seeds), `adaptive` as a share of the oracles,
 * the default world's calibration figures beside their published targets, and the speed.
 * Writes an SVG chart. Exits 1 if any strategy broke a calling law.
 *
 *   npm run bench:strategies [-- --seeds 5] [--chart FILE] [--large]
 *
 * `--large` also times one run of 10,000 prospects over 60 working days.
 */
type Job = {
  world: string;
  seed: number;
  prospects: number;
  days: number;
  seconds: number;
  peakRssMb: number;
  results: StrategyResult[];
  tallies: Partial<Record<StrategyName, Tally>>;
  curve: { hour: number; rate: number }[];
  badNumberShare: number;
};

const here = dirname(fileURLToPath(import.meta.url));
/** The targets: adaptive at 1.25x the best fixed strategy and 90% of persona-oracle, with no more opt-outs than uniform. */
const TARGET_RATIO = 1.25;
const TARGET_PERSONA = 0.9;
const args = process.argv.slice(2);
const option = (name: string): string | undefined =>
  args.includes(name) ? args[args.indexOf(name) + 1] : undefined;
const seeds = Number(option('--seeds') ?? 5);
const chart = option('--chart') ?? join(here, 'results', 'strategies.svg');
const worldFiles = [
  'default',
  ...readdirSync(join(here, 'worlds'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(here, 'worlds', f)),
];

function runJob(jobArgs: string[]): Promise<Job> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'strategy-job.ts'), ...jobArgs], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(text) as Job)
        : reject(new Error(`job ${jobArgs.join(' ')} exited ${code}`)),
    );
  });
}

/** Runs the jobs, as many at once as there are cores. */
async function runAll(list: string[][]): Promise<Job[]> {
  const out: Job[] = new Array(list.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < list.length) {
      const i = next++;
      out[i] = await runJob(list[i]!);
      done++;
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${list.length} runs`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), list.length) }, worker));
  if (process.stderr.isTTY) process.stderr.write('\n');
  return out;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const range = (xs: number[], digits: number): string =>
  `${mean(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)})`;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const table = (rows: string[][]): void => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
};

const jobs = await runAll(
  worldFiles.flatMap((w) => Array.from({ length: seeds }, (_, s) => [w, String(s + 1)])),
);
const worlds = [...new Set(jobs.map((j) => j.world))];
const panels: { title: string; bars: Bar[]; digits: number }[] = [];
let violations = 0;
const verdicts: string[] = [];

for (const world of worlds) {
  const runs = jobs.filter((j) => j.world === world);
  const of = (name: StrategyName) => runs.map((j) => j.results.find((r) => r.strategy === name)!);
  console.log(
    `\nWorld "${world}": ${runs[0]!.prospects} prospects, ${runs[0]!.days} working days, ${runs.length} seeds`,
  );
  const rows = [
    [
      'strategy',
      'conv/100 dials',
      'meetings/rep-h',
      'meetings',
      'callbacks/100 msgs',
      'opt-outs',
      'violations',
    ],
  ];
  for (const name of strategyNames) {
    const rs = of(name);
    violations += rs.reduce((sum, r) => sum + r.violations, 0);
    rows.push([
      name,
      range(
        rs.map((r) => r.conversationsPer100Dials),
        1,
      ),
      range(
        rs.map((r) => r.meetingsPerRepHour),
        3,
      ),
      range(
        rs.map((r) => r.meetings),
        1,
      ),
      range(
        rs.map((r) => r.callbackRate * 100),
        1,
      ),
      range(
        rs.map((r) => r.optOuts),
        1,
      ),
      String(rs.reduce((sum, r) => sum + r.violations, 0)),
    ]);
  }
  table(rows);
  const share = (ceiling: StrategyName) =>
    runs.map(
      (j) =>
        j.results.find((r) => r.strategy === 'adaptive')!.meetingsPerRepHour /
        Math.max(1e-9, j.results.find((r) => r.strategy === ceiling)!.meetingsPerRepHour),
    );
  console.log(
    `adaptive reaches ${range(
      share('oracle').map((x) => x * 100),
      0,
    )}% of oracle and ${range(
      share('persona-oracle').map((x) => x * 100),
      0,
    )}% of persona-oracle (meetings per rep-hour)`,
  );
  const adaptive = mean(of('adaptive').map((r) => r.meetingsPerRepHour));
  const bestFixed = fixedStrategies
    .map((name) => ({ name, value: mean(of(name).map((r) => r.meetingsPerRepHour)) }))
    .sort((a, b) => b.value - a.value)[0]!;
  const optOuts = mean(of('adaptive').map((r) => r.optOuts));
  const uniformOptOuts = mean(of('uniform').map((r) => r.optOuts));
  const ratio = adaptive / bestFixed.value;
  const ofPersona = mean(share('persona-oracle'));
  const line = `${world}: adaptive ${adaptive.toFixed(3)} vs best fixed ${bestFixed.name} ${bestFixed.value.toFixed(3)} meetings/rep-h (${ratio.toFixed(2)}x); ${(ofPersona * 100).toFixed(0)}% of persona-oracle; opt-outs ${optOuts.toFixed(1)} vs uniform ${uniformOptOuts.toFixed(1)}`;
  console.log(line);
  const met = [
    ratio >= TARGET_RATIO ? null : `below ${TARGET_RATIO}x`,
    ofPersona >= TARGET_PERSONA ? null : `below ${TARGET_PERSONA * 100}% of persona-oracle`,
    optOuts <= uniformOptOuts ? null : 'more opt-outs than uniform',
  ].filter(Boolean);
  verdicts.push(
    `${met.length === 0 ? 'yes' : 'NO '}  ${line}${met.length > 0 ? ` — ${met.join(', ')}` : ''}`,
  );
  panels.push({
    title: `${world}: meetings per rep-hour`,
    digits: 3,
    bars: strategyNames.map((name) => {
      const xs = of(name).map((r) => r.meetingsPerRepHour);
      return { label: name, mean: mean(xs), low: Math.min(...xs), high: Math.max(...xs) };
    }),
  });
}

const base = jobs.filter((j) => j.world === 'default');
if (base.length > 0) {
  const tally = (name: StrategyName) => base.map((j) => j.tallies[name]!);
  const uniform = base.map((j) => j.results.find((r) => r.strategy === 'uniform')!);
  const connect = uniform.map((r, i) => tally('uniform')[i]!.connects / r.dials);
  const direct = tally('uniform').map((t) => t.directConnects / Math.max(1, t.directDials));
  const generic = tally('uniform').map((t) => t.genericCallbacks / Math.max(1, t.genericMessages));
  const firstGeneric = tally('uniform').map(
    (t) => t.firstGenericCallbacks / Math.max(1, t.firstGenericMessages),
  );
  const curveRatio = base.map((j) => {
    const rates = j.curve.map((c) => c.rate);
    return Math.max(...rates) / Math.min(...rates);
  });
  console.log('\nCalibration, default world (mean and range over seeds)');
  table([
    ['figure', 'measured', 'published target'],
    [
      'uniform: dials reaching the decision maker',
      `${range(
        connect.map((x) => x * 100),
        1,
      )}%`,
      '4-7% (Gong 5.4%; 1 in 20-22)',
    ],
    [
      'uniform: direct-line dials reaching them',
      `${range(
        direct.map((x) => x * 100),
        1,
      )}%`,
      '10-14% (Gong top quartile 13.3%)',
    ],
    [
      'uniform: first generic message to a prospect called back',
      `${range(
        firstGeneric.map((x) => x * 100),
        1,
      )}%`,
      '2-5% (commonly 4.8%)',
    ],
    [
      'uniform: every generic message called back (repeats and later ones included)',
      `${range(
        generic.map((x) => x * 100),
        1,
      )}%`,
      'reported beside it',
    ],
    ['connect rate by local hour 8-18, peak/trough', `${range(curveRatio, 2)}x`, 'at most about 1.4x'],
    [
      'numbers that are bad',
      `${range(
        base.map((j) => j.badNumberShare * 100),
        1,
      )}%`,
      'about 10%',
    ],
  ]);
  console.log(
    `connect rate by local hour (seed 1): ${base[0]!.curve.map((c) => `${c.hour}h ${pct(c.rate)}`).join(', ')}`,
  );
  const times = base.map((j) => j.seconds);
  console.log(
    `\nSpeed: all ${strategyNames.length} strategies, ${base[0]!.prospects} prospects, ${base[0]!.days} working days: ${range(times, 1)} s per run, peak ${Math.max(...base.map((j) => j.peakRssMb)).toFixed(0)} MB (${seeds > 1 ? `${Math.min(availableParallelism(), seeds)} runs at a time` : 'one run'})`,
  );
}

if (args.includes('--large')) {
  const [large] = await runAll([['default', '1', '10000', '60']]);
  console.log(
    `Large: all strategies, ${large!.prospects} prospects, ${large!.days} working days: ${large!.seconds.toFixed(0)} s, peak ${large!.peakRssMb.toFixed(0)} MB`,
  );
}

console.log(
  `\nDoes adaptive reach ${TARGET_RATIO}x the best fixed strategy and ${TARGET_PERSONA * 100}% of persona-oracle on meetings per rep-hour, with no more opt-outs than uniform?`,
);
for (const v of verdicts) console.log(v);

mkdirSync(dirname(chart), { recursive: true });
writeFileSync(
  chart,
  barChartSvg({
    title: `Calling strategies on ${worlds.length} worlds, ${seeds} seeds each`,
    measure: 'meetings per rep-hour: bar the mean, whiskers the range over seeds; grey the oracles',
    panels,
  }),
);
console.log(`\nChart written to ${chart}`);
if (violations > 0) {
  console.error(`${violations} dials broke a calling law`);
  process.exitCode = 1;
}
