import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGLITE_SHARED_BUFFERS } from '../src/db/create-db.ts';

export type CliStartResult = {
  runs: number;
  prospects: number;
  nodeMs: number;
  versionMs: number;
  /** `node -e 0` again, taking turns with the command sent to the server. */
  nodeBesideServedMs: number;
  servedMs: number;
  pgliteOpenMs: number;
  localMs: number;
};

const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, REACH_DATA: '', DATABASE_URL: '', REACH_TOKEN: '' };
const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Wall time of one process, start to exit, in milliseconds; a failure stops the benchmark. */
function timed(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 16 << 20 });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

/** Runs each of several commands `runs` times, taking turns, so that a busy moment falls on all of them. */
function alternately(runs: number, commands: string[][]): number[] {
  const times = commands.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) for (const [c, args] of commands.entries()) times[c]!.push(timed(args));
  return times.map(median);
}

/**
 * The command line as `npm install` builds it, from a copy of the sources taken now: an edit made
 * in the checkout while the benchmark runs would otherwise send reach to the sources, through tsx.
 */
function installedCopy(work: string): string {
  const copy = join(work, 'reach');
  for (const dir of ['bin', 'scripts', 'src']) cpSync(join(root, dir), join(copy, dir), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(copy, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  execFileSync(process.execPath, [join(copy, 'scripts/build-cli.mjs')]);
  return join(copy, 'bin/reach.js');
}

/** PGlite opening the directory and closing it, as the product opens it, in a bare process. */
const pgliteOpen = (dataDir: string): string[] => [
  '--input-type=module',
  '-e',
  [
    "import { PGlite } from '@electric-sql/pglite';",
    `const db = new PGlite({ dataDir: ${JSON.stringify(dataDir)}, postgresqlconf: ['shared_buffers = ${PGLITE_SHARED_BUFFERS}'] });`,
    "await db.waitReady; await db.query('select 1'); await db.close();",
  ].join('\n'),
];

/** Starts `reach serve` on the directory and resolves when it listens. */
function serve(bin: string, dataDir: string): Promise<{ stop: () => Promise<void> }> {
  const server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--no-worker', '--data', dataDir], {
    env,
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    server.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (/the API at http:\/\/[^ ]+\/api\/v1/.test(seen))
        resolve({
          stop: () =>
            new Promise((done) => {
              server.once('exit', () => done());
              server.kill('SIGTERM');
            }),
        });
    });
    server.once('exit', (code) => reject(new Error(`reach serve exited ${code}: ${seen}`)));
  });
}

/**
 * How fast the command line starts, from the bundle `npm install` builds: `reach --version` against
 * `node -e 0`; a command while `reach serve` holds the book (it goes over HTTP); and a command that
 * opens the embedded book itself against PGlite opening the same directory in a bare process.
 */
export async function cliStartRun(input: { runs: number; work: string }): Promise<CliStartResult> {
  const bin = installedCopy(input.work);
  const book = join(input.work, 'cli-book');
  execFileSync(process.execPath, [bin, 'demo', '--data', book], { env });
  const listed = JSON.parse(
    execFileSync(process.execPath, [bin, 'prospects', 'list', '--json', '--data', book], {
      env,
      encoding: 'utf8',
    }),
  ) as { total: number };
  const version = [bin, '--version'];
  const list = [bin, 'prospects', 'list', '--data', book];
  const [nodeMs, versionMs, pgliteOpenMs, localMs] = alternately(input.runs, [
    ['-e', '0'],
    version,
    pgliteOpen(book),
    list,
  ]);
  const server = await serve(bin, book);
  let served: number[];
  try {
    served = alternately(input.runs, [['-e', '0'], list]);
  } finally {
    await server.stop();
  }
  return {
    runs: input.runs,
    prospects: listed.total,
    nodeMs: nodeMs!,
    versionMs: versionMs!,
    nodeBesideServedMs: served[0]!,
    servedMs: served[1]!,
    pgliteOpenMs: pgliteOpenMs!,
    localMs: localMs!,
  };
}
