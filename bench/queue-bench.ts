import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { queueQuerySchema } from '../src/contracts/queue.contract.ts';
import { createDb, type DbOptions } from '../src/db/create-db.ts';
import { buildQueue } from '../src/modules/queue/queue.service.ts';
import { rebuildReachStats } from '../src/modules/queue/reach-stats.repository.ts';
import { freshenScores } from '../src/modules/queue/slot-scores.ts';
import { loadTeam } from '../src/modules/team/team.service.ts';
import { writeBook } from './queue-book.ts';

export type QueueResult = {
  engine: string;
  prospects: number;
  attempts: number;
  seedSeconds: number;
  rebuildSeconds: number;
  /** Writing the queue's kept scores of the whole book (`queue_slots`). */
  scoreSeconds: number;
  medianMs: number;
  p95Ms: number;
  /** A rep's own queue ("Rep 1", a twentieth of the book) at the same times. */
  repMedianMs: number;
  repP95Ms: number;
  runs: number;
};

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** The decision times: every half hour of a US working week, so zones open and close across them. */
function decisionTimes(runs: number): string[] {
  const times: string[] = [];
  for (let i = 0; i < runs; i++) {
    const day = 2 + (i % 5);
    const hour = 13 + ((i * 7) % 11);
    times.push(`2026-03-0${day}T${String(hour).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00Z`);
  }
  return times;
}

/**
 * Queue latency on a synthetic book: `attemptsPerProspect` dials per prospect, summaries
 * rebuilt from them and the queue's scores written, then `runs` queues of 20 at different
 * times for the team and for one rep, timed in-process.
 */
export async function queueRun(input: {
  engine: 'pglite' | 'postgres';
  prospects: number;
  attemptsPerProspect: number;
  runs: number;
  work: string;
  url?: string;
}): Promise<QueueResult> {
  const options: DbOptions =
    input.engine === 'pglite'
      ? { kind: 'pglite', dataDir: join(input.work, `queue-${input.prospects}`) }
      : { kind: 'postgres', url: input.url! };
  const database = await createDb(options);
  try {
    const team = await loadTeam(database.db);
    const seedStart = performance.now();
    await writeBook(database.db, {
      teamId: team.id,
      prospects: input.prospects,
      attemptsPerProspect: input.attemptsPerProspect,
      before: new Date('2026-03-02T00:00:00Z'),
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const rebuildStart = performance.now();
    await rebuildReachStats(database.db, team.id);
    const rebuildSeconds = (performance.now() - rebuildStart) / 1000;
    const scoreStart = performance.now();
    await freshenScores(database.db, team.id);
    await database.db.execute(sql`analyze`);
    const scoreSeconds = (performance.now() - scoreStart) / 1000;
    const ctx = { db: database.db, team };
    await buildQueue(ctx, queueQuerySchema.parse({ at: '2026-03-02T15:00:00Z' }));
    const times: number[] = [];
    const repTimes: number[] = [];
    for (const at of decisionTimes(input.runs)) {
      for (const [rep, into] of [[undefined, times] as const, ['Rep 1', repTimes] as const]) {
        const started = performance.now();
        const queue = await buildQueue(ctx, queueQuerySchema.parse({ at, limit: 20, rep }));
        into.push(performance.now() - started);
        if (queue.entries.length === 0)
          throw new Error(`${input.engine}: empty queue at ${at} (${rep ?? 'team'})`);
      }
    }
    times.sort((a, b) => a - b);
    repTimes.sort((a, b) => a - b);
    return {
      engine: input.engine,
      prospects: input.prospects,
      attempts: input.prospects * input.attemptsPerProspect,
      seedSeconds,
      rebuildSeconds,
      scoreSeconds,
      medianMs: quantile(times, 0.5),
      p95Ms: quantile(times, 0.95),
      repMedianMs: quantile(repTimes, 0.5),
      repP95Ms: quantile(repTimes, 0.95),
      runs: input.runs,
    };
  } finally {
    await database.close();
  }
}
