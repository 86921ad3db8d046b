import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDb } from '../src/db/create-db.ts';
import { loadTeam } from '../src/modules/team/team.service.ts';
import { readyBook } from './queue-book.ts';

export type LoadResult = {
  servers: number;
  reps: number;
  prospects: number;
  seconds: number;
  requests: number;
  errors: number;
  /** Requests per second over the run. */
  rate: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** p95 by request: queue, card (prospect, timeline, voicemail decision), log. */
  byKind: Record<string, { count: number; p50Ms: number; p95Ms: number }>;
  /** Calls logged, and how many of them went to a prospect another rep had just logged. */
  logged: number;
  firstErrors: string[];
};

const BIN = fileURLToPath(new URL('../bin/reach.js', import.meta.url));
/** The working day the simulated reps dial in: the book's instants are read from here on, at real speed. */
const DAY_START = Date.parse('2026-03-03T15:00:00Z');
const OUTCOMES = ['no-answer', 'no-answer', 'voicemail', 'gatekeeper', 'reached'] as const;

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/**
 * `reps` simulated reps working one PostgreSQL book through `servers` separate `reach serve`
 * processes (taken in turn, as a load balancer would): each asks for their own queue, opens the
 * first prospect's card (the prospect, the timeline and the voicemail decision, as the desk
 * does), talks for `talkMs`, logs the call, and starts again. Every request's latency and
 * every error is counted.
 */
export async function loadRun(input: {
  url: string;
  servers: number;
  reps: number;
  prospects: number;
  seconds: number;
  talkMs: number;
}): Promise<LoadResult> {
  const database = await createDb({ kind: 'postgres', url: input.url });
  const team = await loadTeam(database.db);
  await readyBook(database.db, {
    teamId: team.id,
    prospects: input.prospects,
    attemptsPerProspect: 4,
    before: new Date(DAY_START),
    reps: input.reps,
  });
  await database.close();

  const processes: ChildProcess[] = [];
  const bases: string[] = [];
  try {
    for (let i = 0; i < input.servers; i++) {
      const port = 4310 + i;
      const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--no-worker'], {
        env: { ...process.env, DATABASE_URL: input.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      processes.push(child);
      await listening(child, port);
      bases.push(`http://127.0.0.1:${port}/api/v1`);
    }
    const latencies = new Map<string, number[]>();
    const firstErrors: string[] = [];
    let errors = 0;
    let turn = 0;
    const started = Date.now();
    const until = started + input.seconds * 1000;
    const request = async (kind: string, path: string, init?: RequestInit): Promise<unknown> => {
      const base = bases[turn++ % bases.length]!;
      const t = performance.now();
      try {
        const response = await fetch(`${base}${path}`, init);
        const body = await response.json().catch(() => null);
        const list = latencies.get(kind) ?? [];
        list.push(performance.now() - t);
        latencies.set(kind, list);
        if (!response.ok) {
          errors++;
          if (firstErrors.length < 5)
            firstErrors.push(`${kind} ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
          return null;
        }
        return body;
      } catch (error) {
        errors++;
        if (firstErrors.length < 5) firstErrors.push(`${kind} ${String(error)}`);
        return null;
      }
    };
    let logged = 0;
    const rep = async (n: number): Promise<void> => {
      // Reps come in over the first call's length, as a team's morning starts, not all in one millisecond.
      await sleep((n * input.talkMs) / input.reps);
      while (Date.now() < until) {
        const at = new Date(DAY_START + (Date.now() - started)).toISOString();
        const queue = (await request(
          'queue',
          `/queue?limit=10&rep=${encodeURIComponent(`Rep ${n + 1}`)}&at=${at}`,
        )) as {
          entries?: { prospect: { id: number } }[];
        } | null;
        const first = queue?.entries?.[0];
        if (!first) {
          await sleep(input.talkMs);
          continue;
        }
        const id = first.prospect.id;
        await Promise.all([
          request('card', `/prospects/${id}`),
          request('card', `/prospects/${id}/timeline`),
          request('card', `/prospects/${id}/voicemail?at=${at}`),
        ]);
        await sleep(input.talkMs * (0.5 + Math.random()));
        const outcome = OUTCOMES[Math.floor(Math.random() * OUTCOMES.length)]!;
        const body = await request('log', '/calls', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            prospect: String(id),
            outcome,
            at: new Date(DAY_START + (Date.now() - started)).toISOString(),
          }),
        });
        if (body) logged++;
      }
    };
    await Promise.all(Array.from({ length: input.reps }, (_, n) => rep(n)));
    const seconds = (Date.now() - started) / 1000;
    const all = [...latencies.values()].flat().sort((a, b) => a - b);
    const byKind: LoadResult['byKind'] = {};
    for (const [kind, list] of latencies) {
      list.sort((a, b) => a - b);
      byKind[kind] = { count: list.length, p50Ms: quantile(list, 0.5), p95Ms: quantile(list, 0.95) };
    }
    return {
      servers: input.servers,
      reps: input.reps,
      prospects: input.prospects,
      seconds,
      requests: all.length,
      errors,
      rate: all.length / seconds,
      p50Ms: quantile(all, 0.5),
      p95Ms: quantile(all, 0.95),
      p99Ms: quantile(all, 0.99),
      byKind,
      logged,
      firstErrors,
    };
  } finally {
    for (const child of processes) child.kill('SIGTERM');
    await Promise.all(processes.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the server answers on `port`, or fails with what it printed. */
async function listening(child: ChildProcess, port: number): Promise<void> {
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`reach serve stopped: ${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (response.status < 500) return;
    } catch {
      // not yet listening
    }
    await sleep(100);
  }
  throw new Error(`reach serve did not answer on ${port}: ${output}`);
}
