import { execFileSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openAsBlob,
  openSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createDb, type Database, type DbOptions, rawClientOf } from '../src/db/create-db.ts';
import { importCsv } from '../src/modules/imports/import.service.ts';
import { loadTeam } from '../src/modules/team/team.service.ts';
import { cliStartRun } from './cli-start.ts';
import { deskRun } from './desk-bench.ts';
import { writeMessyCsv, writeProspectCsv } from './generate-csv.ts';
import { honestyBench } from './honesty-bench.ts';
import { loadRun } from './load-bench.ts';
import { type QueueResult, queueRun } from './queue-bench.ts';
import { webhookRun } from './webhook-bench.ts';

/**
 * Benchmarks, each on a new PGlite book and, when TEST_DATABASE_URL or DATABASE_URL is set, a
 * PostgreSQL one:
 * - import: generated CSV files of each size (--sizes 100000,1000000), beside a plain COPY of each
 *   file into a table of text columns in the same database;
 * - queue: queue latency on synthetic books of each size (--queue-sizes 10000,100000,1000000);
 * - desk: the web app's first load in Chromium on a 10,000-prospect book (--desk-size), PGlite only.
 * - honesty: the message check's precision and recall on its labelled corpus.
 * - cli: how fast the command line starts, from its bundle (--cli-runs 21 of each, taking turns).
 * - load: simulated reps (--load-reps 50) working one PostgreSQL book (--load-prospects 50000)
 *   through several `reach serve` processes (--load-servers 2) for --load-seconds 60; PostgreSQL only.
 * - webhooks: signed Twilio status callbacks posted to the webhook routes (--webhook-calls 2000 calls,
 *   each status sent twice, shuffled), beside a bare Node server that keeps nothing.
 * `--only import`, `--only queue`, `--only desk`, `--only honesty`, `--only cli`, `--only load` or `--only webhooks` runs one of them.
 */
const args = process.argv.slice(2);
const option = (name: string): string | undefined =>
  args.includes(name) ? args[args.indexOf(name) + 1] : undefined;
const sizes = option('--sizes')?.split(',').map(Number) ?? [100_000, 1_000_000];
const queueSizes = option('--queue-sizes')?.split(',').map(Number) ?? [10_000, 100_000, 1_000_000];
const deskSize = Number(option('--desk-size') ?? 10_000);
const cliRuns = Number(option('--cli-runs') ?? 21);
const only = option('--only');
const pgUrl = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'];
const work = mkdtempSync(join(tmpdir(), 'reach-bench-'));

/** A new, empty database on the server for each run, so figures never depend on earlier data. */
async function scratchDatabase(base: string): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('drop database if exists reach_bench with (force)');
  await admin.query('create database reach_bench');
  await admin.end();
  const url = new URL(base);
  url.pathname = '/reach_bench';
  return url.toString();
}

type Result = {
  engine: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMb: number;
  /** The same file through a plain COPY into a table of text columns: no validation, no index, no matching. */
  copyRowsPerSecond: number;
};

async function run(engine: 'pglite' | 'postgres', rows: number, file: string): Promise<Result> {
  const options: DbOptions =
    engine === 'pglite'
      ? { kind: 'pglite', dataDir: join(work, `pglite-${rows}`) }
      : { kind: 'postgres', url: await scratchDatabase(pgUrl!) };
  const database = await createDb(options);
  const copySeconds = await plainCopy(database, file);
  const team = await loadTeam(database.db);
  let peak = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const report = await importCsv(
    { db: database.db, team },
    { input: createReadStream(file), onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)) },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await database.close();
  if (report.imported !== rows) throw new Error(`${engine}: imported ${report.imported} of ${rows}`);
  return {
    engine,
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    peakRssMb: peak / 2 ** 20,
    copyRowsPerSecond: rows / copySeconds,
  };
}

/** Seconds to load the file as it is with COPY into a new table of text columns, dropped after. */
async function plainCopy(database: Database, file: string): Promise<number> {
  const head = Buffer.alloc(4096);
  const fd = openSync(file, 'r');
  const read = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const columns = head.subarray(0, read).toString('utf8').split('\n')[0]!.split(',');
  await database.executeSql(`create table plain_copy (${columns.map((_, i) => `c${i} text`).join(', ')})`);
  const options = 'with (format csv, header true)';
  const started = process.hrtime.bigint();
  await database.db.transaction(async (tx) => {
    const raw = rawClientOf(tx);
    if (raw.kind === 'pglite')
      await raw.client.query(`copy plain_copy from '/dev/blob' ${options}`, [], {
        blob: await openAsBlob(file),
      });
    else
      await pipeline(
        createReadStream(file),
        raw.client.query(copyFrom(`copy plain_copy from stdin ${options}`)),
      );
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await database.executeSql('drop table plain_copy');
  return seconds;
}

console.log(`machine: ${process.platform} ${process.arch}, node ${process.version}`);
try {
  if (only === undefined || only === 'import') await importBench();
  if (only === undefined || only === 'queue') await queueBench();
  if (only === undefined || only === 'desk') await deskBench();
  if (only === undefined || only === 'honesty') {
    console.log('Honesty check (claims against the record) on its labelled corpus');
    for (const line of honestyBench()) console.log(line);
  }
  if (only === undefined || only === 'cli') await cliBench();
  if (only === undefined || only === 'load') await loadBench();
  if (only === undefined || only === 'webhooks') await webhookBench();
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function importBench(): Promise<void> {
  console.log(
    'Import throughput (generic preset, new book, batches of 5,000 rows in one transaction each), beside a plain COPY of the same file into a table of text columns',
  );
  const results: Result[] = [];
  for (const rows of sizes) {
    const file = join(work, `prospects-${rows}.csv`);
    await writeProspectCsv(file, rows);
    const mb = statSync(file).size / 2 ** 20;
    for (const engine of pgUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const)) {
      const r = await run(engine, rows, file);
      results.push(r);
      console.log(
        `${engine.padEnd(8)} ${String(rows).padStart(9)} rows (${mb.toFixed(1)} MB): ${r.seconds.toFixed(1)} s, ${Math.round(r.rowsPerSecond)} rows/s, peak RSS ${r.peakRssMb.toFixed(0)} MB; plain COPY ${Math.round(r.copyRowsPerSecond)} rows/s: the import runs at ${((100 * r.rowsPerSecond) / r.copyRowsPerSecond).toFixed(1)}% of COPY`,
      );
    }
  }
  for (const rows of sizes) {
    const lite = results.find((r) => r.engine === 'pglite' && r.rows === rows);
    const server = results.find((r) => r.engine === 'postgres' && r.rows === rows);
    if (lite && server)
      console.log(
        `${rows} rows: PostgreSQL imports ${(server.rowsPerSecond / lite.rowsPerSecond).toFixed(2)}x as fast as PGlite`,
      );
  }
  const [small, large] = [
    results.find((r) => r.rows === sizes[0]),
    results.find((r) => r.rows === sizes[sizes.length - 1]),
  ];
  if (small && large && small !== large) {
    console.log(
      `memory: ${large.rows / small.rows}x the rows used ${(large.peakRssMb / small.peakRssMb).toFixed(2)}x the peak RSS (PGlite)`,
    );
  }
  await messyImportBench();
}

/**
 * A file of the largest size with every tenth row bad in one of five ways, each engine in a
 * process of its own: every good row imported, every bad one counted and streamed out, and the
 * process's peak RSS beside its RSS with the empty book open.
 */
async function messyImportBench(): Promise<void> {
  const rows = sizes[sizes.length - 1]!;
  const file = join(work, `messy-${rows}.csv`);
  const bad = await writeMessyCsv(file, rows);
  console.log(
    `Import of a messy file: ${rows} rows, ${bad} bad (NUL, not UTF-8, bad email, surplus field, stray quote)`,
  );
  for (const engine of pgUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const)) {
    const where = engine === 'pglite' ? join(work, 'pglite-messy') : await scratchDatabase(pgUrl!);
    const child = (args: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', 'bench/messy-import.ts', ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
    child(['-', engine, where]);
    const out = child([file, engine, where]);
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
      imported: number;
      rejectedRows: number;
      streamed: number;
      seconds: number;
      openRssMb: number;
      peakRssMb: number;
    };
    if (r.imported !== rows - bad || r.rejectedRows !== bad || r.streamed < bad)
      throw new Error(`${engine}: imported ${r.imported}, rejected ${r.rejectedRows} of ${bad} bad`);
    console.log(
      `${engine.padEnd(8)} ${r.imported} imported, ${r.rejectedRows} rejected by line: ${r.seconds.toFixed(1)} s, ${Math.round(rows / r.seconds)} rows/s, peak RSS ${r.peakRssMb.toFixed(0)} MB (${r.openRssMb.toFixed(0)} MB with the empty book open)`,
    );
  }
}

async function queueBench(): Promise<void> {
  // Ten logged dials per prospect (--queue-dials to change it: a 1,000,000-prospect book takes half an hour to write and rebuild).
  const dials = Number(option('--queue-dials') ?? 10);
  console.log(
    'Queue latency (20 entries, 40 decision times across a working week, for the team and for one of 20 reps; summaries rebuilt and scores written first)',
  );
  const results: QueueResult[] = [];
  for (const prospects of queueSizes) {
    for (const engine of pgUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const)) {
      const r = await queueRun({
        engine,
        prospects,
        attemptsPerProspect: dials,
        runs: 40,
        work,
        ...(engine === 'postgres' ? { url: await scratchDatabase(pgUrl!) } : {}),
      });
      results.push(r);
      console.log(
        `${engine.padEnd(8)} ${String(prospects).padStart(9)} prospects, ${String(r.attempts).padStart(9)} dials: median ${r.medianMs.toFixed(0)} ms, p95 ${r.p95Ms.toFixed(0)} ms; a rep's queue median ${r.repMedianMs.toFixed(0)} ms, p95 ${r.repP95Ms.toFixed(0)} ms (book written in ${r.seedSeconds.toFixed(0)} s, summaries rebuilt in ${r.rebuildSeconds.toFixed(0)} s, scores written in ${r.scoreSeconds.toFixed(0)} s)`,
      );
    }
  }
  for (const prospects of queueSizes) {
    const lite = results.find((r) => r.engine === 'pglite' && r.prospects === prospects);
    const server = results.find((r) => r.engine === 'postgres' && r.prospects === prospects);
    if (lite && server)
      console.log(
        `${prospects} prospects: PostgreSQL answers ${(lite.medianMs / server.medianMs).toFixed(2)}x as fast as PGlite`,
      );
  }
  const [small, large] = [results[0], results.filter((r) => r.engine === 'pglite').at(-1)];
  if (small && large && small !== large)
    console.log(
      `scaling (PGlite): ${large.prospects / small.prospects}x the prospects took ${(large.medianMs / small.medianMs).toFixed(2)}x the median time`,
    );
}

async function deskBench(): Promise<void> {
  console.log('Desk first load (Chromium, a new page per load, 1280x800, PGlite book served by reach serve)');
  const r = await deskRun({ prospects: deskSize, loads: 10, work });
  console.log(
    `${r.prospects} prospects, ${r.loads} loads: queue shown after ${r.queueMedianMs.toFixed(0)} ms (median), call card complete after ${r.cardMedianMs.toFixed(0)} ms (median), ${r.cardP95Ms.toFixed(0)} ms (p95)`,
  );
  console.log(
    `the queue API alone answers in ${r.apiMedianMs.toFixed(0)} ms: the page costs ${(r.queueMedianMs / r.apiMedianMs).toFixed(1)}x the API call to show the queue; first script ${r.scriptKb.toFixed(0)} KB gzipped`,
  );
}

async function cliBench(): Promise<void> {
  console.log(
    `CLI start (the bundle npm install builds; median of ${cliRuns} runs of each, taking turns; wall time to exit)`,
  );
  const r = await cliStartRun({ runs: cliRuns, work });
  // Absolute times follow what else the machine runs; the ratios, measured in turns, much less.
  console.log(`load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores at the end`);
  const ms = (x: number): string => `${x.toFixed(0)} ms`;
  console.log(
    `reach --version: ${ms(r.versionMs)}, node -e 0: ${ms(r.nodeMs)}: ${(r.versionMs / r.nodeMs).toFixed(2)}x node's own start`,
  );
  console.log(
    `reach prospects list (${r.prospects} prospects, first page) while reach serve holds the book, over HTTP: ${ms(r.servedMs)} (${(r.servedMs / r.nodeBesideServedMs).toFixed(2)}x node -e 0 at ${ms(r.nodeBesideServedMs)})`,
  );
  console.log(
    `reach prospects list (${r.prospects} prospects, first page) opening the embedded book itself: ${ms(r.localMs)}; PGlite alone opening it: ${ms(r.pgliteOpenMs)}: ${ms(r.localMs - r.pgliteOpenMs)} more (${(r.localMs / r.pgliteOpenMs).toFixed(2)}x)`,
  );
}

async function webhookBench(): Promise<void> {
  const calls = Number(option('--webhook-calls') ?? 2_000);
  const copies = Number(option('--webhook-copies') ?? 2);
  const parallel = Number(option('--webhook-parallel') ?? 16);
  console.log(
    `Webhook ingest: ${calls} calls' status callbacks (initiated, ringing, in-progress, completed, each sent ${copies} times) and machine detection, signed, shuffled, ${parallel} connections from a sender on the other core; the call processor folds and logs as they arrive`,
  );
  const engines: ('pglite' | 'postgres')[] = pgUrl ? ['pglite', 'postgres'] : ['pglite'];
  for (const engine of engines) {
    const r = await webhookRun({
      engine,
      ...(engine === 'postgres' ? { url: await scratchDatabase(pgUrl!) } : {}),
      work,
      calls,
      copies,
      parallel,
    });
    console.log(
      `${engine.padEnd(8)} ${r.requests} requests in ${r.seconds.toFixed(1)} s: ${r.rate.toFixed(0)} requests/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(0)} ms, ${r.errors} errors${r.firstErrors.length > 0 ? ` (${r.firstErrors.join('; ')})` : ''}; ${r.logged} of ${r.calls} calls logged ${r.loggedSeconds.toFixed(1)} s after the first request`,
    );
    console.log(
      `         a bare Node server answering 204 to the same requests: ${r.bareRate.toFixed(0)} requests/s, p99 ${r.bareP99Ms.toFixed(1)} ms: Reach takes ${(r.bareRate / r.rate).toFixed(1)}x its time`,
    );
  }
}

async function loadBench(): Promise<void> {
  if (!pgUrl) {
    console.log('Load test skipped: it needs a PostgreSQL server (TEST_DATABASE_URL or DATABASE_URL)');
    return;
  }
  const reps = Number(option('--load-reps') ?? 50);
  const servers = Number(option('--load-servers') ?? 2);
  const prospects = Number(option('--load-prospects') ?? 50_000);
  const seconds = Number(option('--load-seconds') ?? 60);
  // A power-dialling rep places about 80 dials an hour: one every 45 seconds, the card read and the call made between.
  const talkMs = Number(option('--load-talk-ms') ?? 30_000);
  console.log(
    `Load: ${reps} simulated reps, each their own queue, the first prospect's card (prospect, timeline, voicemail decision), ${talkMs / 1000} s or so on the call, the log; ${servers} reach serve processes on one PostgreSQL, ${prospects} prospects, ${seconds} s`,
  );
  const r = await loadRun({ url: await scratchDatabase(pgUrl), servers, reps, prospects, seconds, talkMs });
  console.log(
    `${r.requests} requests in ${r.seconds.toFixed(0)} s (${r.rate.toFixed(1)} requests/s), ${r.errors} errors, ${r.logged} calls logged: p50 ${r.p50Ms.toFixed(0)} ms, p95 ${r.p95Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms`,
  );
  for (const [kind, k] of Object.entries(r.byKind))
    console.log(
      `  ${kind.padEnd(6)} ${String(k.count).padStart(6)} requests: p50 ${k.p50Ms.toFixed(0)} ms, p95 ${k.p95Ms.toFixed(0)} ms`,
    );
  for (const e of r.firstErrors) console.log(`  error: ${e}`);
  console.log(
    `  load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
  );
}
