import type { Ctx } from '../../context/context.ts';
import type { LiveCall } from '../../contracts/telephony.contract.ts';
import { correctCall, logCall } from '../calls/index.ts';
import { AMD_WAIT_SECONDS, foldCall, selfLog } from './call-state.ts';
import {
  callOfTeam,
  callsAwaitingWord,
  callsWaiting,
  eventsOfCall,
  factsPatch,
  lockCall,
  markFolded,
  updateCall,
} from './telephony.repository.ts';
import { liveView } from './telephony.service.ts';

/** How many calls one pass folds before it looks again. */
const BATCH = 200;

/**
 * Folds one call's webhooks into its state and, once the call can say what it came to, logs it,
 * once: the call's row is locked while it is folded, and a log made is recorded on it in the
 * same transaction. A call the rep logged first gets the provider's measured duration instead.
 */
export async function processCall(ctx: Ctx, input: { id: number; now: Date }): Promise<LiveCall | null> {
  const changed = await ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const call = await lockCall(tx, { id: input.id });
    if (!call) return false;
    const events = await eventsOfCall(tx, { callId: call.id });
    const facts = foldCall(events, call.direction === 'inbound' ? 'inbound' : 'outbound');
    await updateCall(tx, { id: call.id, patch: factsPatch(facts) });
    if (call.direction === 'outbound' && call.prospectId !== null) {
      if (call.attemptId === null && call.loggedBy === null) {
        const log = selfLog(facts, input.now);
        if (log) {
          const logged = await logCall(inTx, {
            body: {
              prospect: call.prospectId,
              outcome: log.outcome,
              number: call.e164,
              at: call.at.toISOString(),
              ...(facts.durationSeconds !== null ? { durationSeconds: facts.durationSeconds } : {}),
              ...(log.carrierFailure ? { carrierFailure: true } : {}),
              note: log.note,
              idempotencyKey: `call:${call.id}`,
            },
            now: input.now,
          });
          await updateCall(tx, { id: call.id, patch: { attemptId: logged.attempt.id, loggedBy: 'call' } });
        }
      } else if (call.attemptId !== null && call.loggedBy === 'rep' && facts.durationSeconds !== null) {
        const view = await callOfTeam(tx, { teamId: ctx.team.id, id: call.id });
        if (view?.attempt && view.attempt.durationSeconds !== facts.durationSeconds)
          await correctCall(inTx, {
            id: call.attemptId,
            body: {
              durationSeconds: facts.durationSeconds,
              reason: 'the talk time as the provider measured it',
              by: 'Twilio',
            },
            now: input.now,
          });
      }
    }
    await markFolded(tx, { ids: events.filter((e) => !e.processed).map((e) => e.id), at: input.now });
    return true;
  });
  if (!changed) return null;
  const view = await callOfTeam(ctx.db, { teamId: ctx.team.id, id: input.id });
  return view ? liveView(view, input.now) : null;
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
  publish: (call: LiveCall) => void;
  log: (line: string) => void;
  sweepSeconds?: number;
}): CallProcessor {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const pass = async (now: Date): Promise<void> => {
    const ctx = options.ctx();
    for (;;) {
      const ids = await callsWaiting(ctx.db, { limit: BATCH });
      let failed = 0;
      for (const id of ids) {
        // One call that cannot be folded (its prospect gone, say) waits for the next pass; the others go on.
        try {
          const call = await processCall(ctx, { id, now: new Date(Math.max(now.getTime(), Date.now())) });
          if (call) options.publish(call);
        } catch (error) {
          failed++;
          options.log(`Call ${id} was not folded: ${(error as Error).message}`);
        }
      }
      if (ids.length < BATCH || failed > 0) break;
    }
    const late = await callsAwaitingWord(ctx.db, {
      teamId: ctx.team.id,
      before: new Date(now.getTime() - AMD_WAIT_SECONDS * 1000),
    });
    for (const id of late) {
      const call = await processCall(ctx, { id, now });
      if (call) options.publish(call);
    }
  };

  const run = (now?: Date): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass(now ?? new Date());
        } catch (error) {
          options.log(`Calls were not folded this pass: ${(error as Error).message}`);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void run(), (options.sweepSeconds ?? 10) * 1000);
  timer.unref();
  return {
    wake: () => {
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
