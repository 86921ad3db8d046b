import { sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Database } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { AppError } from '../../shared/errors.ts';
import { autoSendable, deliverEmailStep } from '../email/index.ts';
import { type Ctx, everyTeam, loadTeam, teamWithId } from '../team/index.ts';

/** Every minute: find the email steps that are due and queue one job for each. */
export const SWEEP_QUEUE = 'reach-cadence-sweep';
/** One email step to send: `{ taskId }`. */
export const EMAIL_QUEUE = 'reach-email-step';
/** A send that has said nothing for this long stopped midway: its process died. */
export const STALLED_MINUTES = 15;

export type Worker = {
  /**
   * Queues every automatic email step due at `at` (now when left out) and returns their task
   * ids. What the minute's schedule does, on demand.
   */
  sweep: (at?: Date) => Promise<number[]>;
  /** Waits until no job is waiting or running, for `--once` and tests. */
  drain: (timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
};

export type WorkerOptions = {
  database: Database;
  /** Runs the minute's sweep on the schedule; off for a one-off sweep. */
  schedule?: boolean;
  /** How often an idle worker asks for new jobs, in seconds (pg-boss's minimum is 0.5). */
  pollSeconds?: number;
  /** Hears each step sent or left to the rep. */
  log?: (line: string) => void;
};

/**
 * Starts the worker that does a cadence's automatic steps through pg-boss, on the book's own
 * database: PGlite in this process, or a PostgreSQL server that several workers share. Jobs
 * live in the database (schema `pgboss`), so a step queued before a restart is sent after it;
 * a step is claimed in the row before it is sent, so two workers never send one step twice.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { database } = options;
  const log = options.log ?? (() => {});
  const boss = await startBoss(options, log);
  // Each team's steps go out with its own settings (its SMTP server, its sender), read as stored.
  const ctxOf = async (teamId?: number): Promise<Ctx | null> => {
    // A step queued before teams (no team named) is the first team's; a team that is gone sends nothing.
    const team = teamId === undefined ? await loadTeam(database.db) : await teamWithId(database.db, teamId);
    return team ? { db: database.db, team } : null;
  };

  const sweep = async (given?: Date): Promise<number[]> => {
    const at = given ?? new Date();
    const all: number[] = [];
    const teams = await everyTeam(database.db);
    for (const team of teams.length > 0 ? teams : [await loadTeam(database.db)]) {
      const c = { db: database.db, team };
      // A claim is as old as the real clock says: a sweep for another instant (`--at`) must not
      // take a send another worker is making now for a stalled one.
      await recoverStalled(c, new Date());
      const ids = await dueAutoEmails(c, at);
      for (const taskId of ids)
        await boss.send(
          EMAIL_QUEUE,
          { taskId, teamId: team.id, ...(given ? { at: given.toISOString() } : {}) },
          { singletonKey: `task-${taskId}` },
        );
      all.push(...ids);
    }
    return all;
  };

  const poll = { pollingIntervalSeconds: options.pollSeconds ?? 2 };
  await boss.work(SWEEP_QUEUE, poll, async () => {
    await sweep();
  });
  await boss.work<{ taskId: number; teamId?: number; at?: string }>(
    EMAIL_QUEUE,
    { ...poll, batchSize: 10 },
    async (jobs) => {
      for (const job of jobs) {
        const { taskId } = job.data;
        // A job queued before jobs named their team is the first team's.
        const c = await ctxOf(job.data.teamId);
        if (!c) {
          log(`worker: email step ${taskId} not sent: its team ${job.data.teamId} is not on this server`);
          continue;
        }
        // Now, or the instant a one-off sweep was given.
        const at = job.data.at ? new Date(job.data.at) : new Date();
        try {
          const sent = await deliverEmailStep(c, { id: taskId, at, auto: true });
          log(`worker: sent email step ${taskId} to ${sent.to}`);
        } catch (error) {
          // The step is open again with the reason (or a time to retry); the job itself is done.
          log(`worker: email step ${taskId} not sent: ${(error as Error).message}`);
        }
      }
    },
  );
  if (options.schedule ?? true) await boss.schedule(SWEEP_QUEUE, '* * * * *');

  return {
    sweep,
    drain: async (timeoutMs = 60_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const waiting = await boss.getQueueSize(EMAIL_QUEUE, { before: 'completed' });
        if (waiting === 0) return;
        if (Date.now() > until) throw new AppError('unavailable', `${waiting} email steps still queued`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}

/** How many times a worker tries to set pg-boss up while another process is doing the same. */
const SETUP_TRIES = 6;

/**
 * pg-boss, started with the worker's queues. Workers that start together on a new
 * PostgreSQL database race to create pg-boss's schema and queues; the loser of a race
 * (a duplicate or a deadlock) waits a moment and starts again, and then finds them made.
 */
async function startBoss(options: WorkerOptions, log: (line: string) => void): Promise<PgBoss> {
  const { database } = options;
  for (let attempt = 1; ; attempt++) {
    const boss = new PgBoss({
      db: { executeSql: async (text, values) => database.executeSql(text, values ?? []) },
      schedule: options.schedule ?? true,
      // Jobs are small and the record of sent steps lives in the tasks table: keep a week of jobs.
      deleteAfterDays: 7,
    });
    boss.on('error', (error) => log(`worker: ${error.message}`));
    try {
      await boss.start();
      await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'singleton' });
      // At most one waiting and one running job per step.
      await boss.createQueue(EMAIL_QUEUE, { name: EMAIL_QUEUE, policy: 'stately', retryLimit: 0 });
      return boss;
    } catch (error) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      if (attempt >= SETUP_TRIES || !RACES.has((error as { code?: string }).code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
    }
  }
}

/** PostgreSQL's codes for losing a race to create something: unique violation, deadlock, duplicate schema or table. */
const RACES = new Set(['23505', '40P01', '42P06', '42P07', '42710']);

/** Ids of the automatic email steps due at `at`, earliest first. Only with an SMTP server: without one they stay drafts. */
export async function dueAutoEmails(ctx: Ctx, at: Date): Promise<number[]> {
  if (!ctx.team.smtpUrl || !ctx.team.emailFrom) return [];
  const rows = rowsOf<{ id: number }>(
    await ctx.db.execute(sql`
      select t.id from tasks t
      where t.team_id = ${ctx.team.id} and t.kind = 'email' and t.status = 'open' and ${autoSendable(at)}
      order by t.due_at, t.id`),
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Opens again the steps a worker claimed and never finished (its process died mid-send), for
 * the rep: the email may or may not have left, so it is not sent again by itself. `now` is the
 * real clock, which claims are stamped with.
 */
export async function recoverStalled(ctx: Ctx, now: Date): Promise<number> {
  const since = new Date(now.getTime() - STALLED_MINUTES * 60_000).toISOString();
  const note = JSON.stringify({
    autoError: 'the sender stopped midway: look in the sent mail before sending it by hand',
  });
  const rows = rowsOf<{ id: number }>(
    await ctx.db.execute(sql`
      update tasks set status = 'open', payload = (payload - 'claimedAt') || ${note}::jsonb
      where team_id = ${ctx.team.id} and status = 'sending' and (payload->>'claimedAt')::timestamptz < ${since}::timestamptz
      returning id`),
  );
  return rows.length;
}
