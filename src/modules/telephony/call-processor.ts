import { type Ctx, nowOf } from '../../context/context.ts';
import { forServer } from '../../db/team-scope.ts';
import { correctCall, logCall } from '../calls/index.ts';
import { recordGreeting } from '../intel/index.ts';
import { resolveProspect } from '../prospects/index.ts';
import { everyTeam } from '../team/index.ts';
import { AMD_WAIT_SECONDS, foldCall, selfLog } from './call-state.ts';
import { dropOf } from './drops.repository.ts';
import {
  callOfTeam,
  callsAwaitingWord,
  callsToRemeasure,
  callsWaiting,
  eventsOfCall,
  factsPatch,
  lockCall,
  markFolded,
  staleCalls,
  updateCall,
} from './telephony.repository.ts';
import { askAfter, dropMessage, type HeardCall, heardOf, STALE_MINUTES } from './telephony.service.ts';

/** How many calls one pass folds before it looks again. */
const BATCH = 200;
/**
 * A webhook heard this recently means more are coming: the processor then takes at most a
 * BUSY_SHARE of the server's time, each call waiting (at least YIELD_MS) for what the last one
 * took times the rest, so the provider is answered first.
 */
const BUSY_MS = 50;
const YIELD_MS = 100;
const BUSY_SHARE = 0.1;
/** How often one call whose end was lost is asked after at the provider. */
const ASK_AGAIN_MS = 5 * 60_000;

/**
 * Folds one call's webhooks into its state and marks them folded; then, once the call can say
 * what it came to, logs it, once: the call's row is locked while it is logged, and the log is
 * recorded on it in the same transaction. A call the rep logged first gets the provider's
 * measured duration instead. A log that fails leaves the call folded and unlogged, for the sweep.
 */
export async function processCall(ctx: Ctx, input: { id: number; now: Date }): Promise<HeardCall | null> {
  const folded = await ctx.db.transaction(async (tx) => {
    const call = await lockCall(tx, { id: input.id });
    if (!call) return null;
    const events = await eventsOfCall(tx, { callId: call.id });
    const facts = foldCall(events, call.direction === 'inbound' ? 'inbound' : 'outbound');
    await updateCall(tx, { id: call.id, patch: factsPatch(facts) });
    // A transcription of the greeting, new: what it says is recorded as intelligence, once.
    if (facts.greeting && facts.greeting !== call.greeting && call.prospectId !== null)
      await recordGreeting(
        { ...ctx, db: tx },
        {
          prospect: await resolveProspect({ ...ctx, db: tx }, call.prospectId),
          text: facts.greeting,
          at: input.now,
          number: call.e164,
          source: 'transcription',
          attemptId: call.attemptId,
        },
      );
    await markFolded(tx, { ids: events.filter((e) => !e.processed).map((e) => e.id), at: input.now });
    return { call, facts };
  });
  if (!folded) return null;
  const { call, facts } = folded;
  // Unlogged, or its log undone (the attempt gone, whoever wrote it): the call logs itself, for it happened.
  const log = call.attemptId === null ? selfLog(facts, input.now) : null;
  const remeasure = call.attemptId !== null && call.loggedBy === 'rep' && facts.durationSeconds !== null;
  if (call.direction === 'outbound' && call.prospectId !== null && (log || remeasure))
    await ctx.db.transaction(async (tx) => {
      const inTx = { ...ctx, db: tx };
      // Locked again: the rep's word may have come in between.
      const now = await lockCall(tx, { id: input.id });
      if (!now || now.prospectId === null) return;
      if (log && now.attemptId === null) {
        // A machine that heard a recording played: a message left, with the recording's kind and words.
        const drop =
          log.outcome === 'voicemail' && now.dropId !== null && now.droppedAt !== null
            ? await dropOf(tx, { teamId: ctx.team.id, id: now.dropId })
            : undefined;
        const logged = await logCall(inTx, {
          body: {
            prospect: now.prospectId,
            outcome: drop ? 'voicemail-left' : log.outcome,
            ...(drop ? { message: dropMessage(drop) } : {}),
            number: now.e164,
            at: now.at.toISOString(),
            ...(facts.durationSeconds !== null ? { durationSeconds: facts.durationSeconds } : {}),
            ...(log.carrierFailure ? { carrierFailure: true } : {}),
            note: drop ? `${log.note} The recorded message "${drop.name}" was played at the beep.` : log.note,
            idempotencyKey: `call:${now.id}`,
          },
          now: input.now,
          by: now.userId,
        });
        await updateCall(tx, { id: now.id, patch: { attemptId: logged.attempt.id, loggedBy: 'call' } });
      } else if (now.attemptId !== null && now.loggedBy === 'rep' && now.durationSeconds !== null) {
        const view = await callOfTeam(tx, { teamId: ctx.team.id, id: now.id });
        if (view?.attempt && view.attempt.durationSeconds === null)
          await correctCall(inTx, {
            id: now.attemptId,
            body: {
              durationSeconds: now.durationSeconds,
              reason: 'the talk time as the provider measured it',
              by: 'Twilio',
            },
            now: input.now,
          });
      }
    });
  const view = await callOfTeam(ctx.db, { teamId: ctx.team.id, id: input.id });
  return view ? heardOf(view, new Date()) : null;
}

export type CallProcessor = {
  /** Something arrived: fold it soon. */
  wake: () => void;
  /** Folds everything waiting now, and logs the answered calls whose machine detection never spoke. */
  drain: (now?: Date) => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * Runs in each server: folds the webhooks as they arrive (one pass at a time, again when more
 * came meanwhile) and every `sweepSeconds` looks for calls that can be logged by the clock alone.
 * Several servers on one database may fold the same call: the row lock takes them in turn.
 */
export function callProcessor(options: {
  ctx: () => Ctx;
  /** Tells a call's move to its team's desks. */
  publish: (call: HeardCall, teamId: number) => void;
  log: (line: string) => void;
  sweepSeconds?: number;
}): CallProcessor {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let heard = 0;
  // How long the last call took to fold and log, in milliseconds.
  let took = 0;
  // A call whose log failed (its prospect gone, say) is tried again by the sweep, less and less often.
  const backoff = new Map<number, { until: number; tries: number }>();
  // When each call whose end was lost may be asked after again.
  const asked = new Map<number, number>();
  const attempt = async (ctx: Ctx, id: number, now: Date): Promise<boolean> => {
    // Webhooks first. An embedded database answers in microtasks, so a run of calls would never
    // let the server read a request: each call first gives the event loop a turn, and while
    // webhooks keep coming, waits its turn, so the provider is answered at once and the folding
    // and logging catch up in the gaps.
    await new Promise((resolve) => setImmediate(resolve));
    if (Date.now() - heard < BUSY_MS)
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(YIELD_MS, (took * (1 - BUSY_SHARE)) / BUSY_SHARE)),
      );
    const started = Date.now();
    try {
      const call = await processCall(ctx, { id, now });
      took = Date.now() - started;
      backoff.delete(id);
      if (call) options.publish(call, ctx.team.id);
      return true;
    } catch (error) {
      const tries = (backoff.get(id)?.tries ?? 0) + 1;
      backoff.set(id, { tries, until: Date.now() + Math.min(3_600_000, 10_000 * 2 ** tries) });
      options.log(`Call ${id} was not logged: ${(error as Error).message}`);
      return false;
    }
  };

  const pass = async (given: Date | undefined): Promise<void> => {
    const base = options.ctx();
    // The server's clock (a test's, a rehearsal's), read once a pass.
    const now = given ?? nowOf(base);
    // Every team's calls: the server's own team as it holds it (settings just changed), the others as stored.
    for (const team of await everyTeam(base.db))
      try {
        await passOf({ ...base, team: team.id === base.team.id ? base.team : team }, now);
      } catch (error) {
        options.log(`Calls of team ${team.id} were not folded this pass: ${(error as Error).message}`);
      }
  };

  const passOf = async (ctx: Ctx, now: Date): Promise<void> => {
    for (;;) {
      const ids = await callsWaiting(ctx.db, { teamId: ctx.team.id, limit: BATCH });
      let failed = 0;
      for (const id of ids) if (!(await attempt(ctx, id, now))) failed++;
      // Calls that could not even be folded wait for the next pass rather than spin this one.
      if (ids.length < BATCH || failed > 0) break;
    }
    const late = await callsAwaitingWord(ctx.db, {
      teamId: ctx.team.id,
      before: new Date(now.getTime() - AMD_WAIT_SECONDS * 1000),
    });
    // And calls the rep logged whose duration correction failed or has not been made.
    const remeasure = await callsToRemeasure(ctx.db, {
      teamId: ctx.team.id,
      since: new Date(now.getTime() - 86_400_000),
    });
    for (const id of [...late, ...remeasure])
      if ((backoff.get(id)?.until ?? 0) <= Date.now()) await attempt(ctx, id, now);
    // Calls whose end was never heard are asked after at the provider, at most every few minutes each.
    if (ctx.team.telephony === 'twilio' && ctx.team.twilioAuthToken) {
      const stale = await staleCalls(ctx.db, {
        teamId: ctx.team.id,
        before: new Date(now.getTime() - STALE_MINUTES * 60_000),
      });
      for (const call of stale) {
        if ((asked.get(call.id) ?? 0) > Date.now()) continue;
        asked.set(call.id, Date.now() + ASK_AGAIN_MS);
        try {
          if (await askAfter(ctx, call)) await attempt(ctx, call.id, now);
        } catch (error) {
          options.log(`Call ${call.id} was not asked after: ${(error as Error).message}`);
        }
      }
    }
  };

  const run = (now?: Date): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    // Every team's calls, whichever request woke the processor: it works for the whole server.
    running = forServer(async () => {
      do {
        again = false;
        try {
          await pass(now);
        } catch (error) {
          options.log(`Calls were not folded this pass: ${(error as Error).message}`);
        }
      } while (again && !stopped);
    }).finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void run(), (options.sweepSeconds ?? 10) * 1000);
  timer.unref();
  return {
    wake: () => {
      heard = Date.now();
      if (!stopped) void run();
    },
    drain: async (now) => {
      while (running) await running;
      await run(now);
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
