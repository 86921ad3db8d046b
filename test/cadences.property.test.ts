import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/rows.ts';
import { startCadence } from '../src/modules/cadences/enrollments.service.ts';
import { listTasks } from '../src/modules/cadences/tasks.service.ts';
import { addProspect } from '../src/modules/prospects/prospects.service.ts';
import { addDnc, buildQueue, logCall } from './support/checked.ts';
import { freshDb, type TestDb } from './support/databases.ts';

const HOUR = 3_600_000;
const START = Date.parse('2026-03-02T11:00:00Z');

/** What happens to one prospect over a cadence's first days, hours after the start. */
const event = fc.oneof(
  fc.record({ type: fc.constant('dnc' as const), hours: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ type: fc.constant('stop-word' as const), hours: fc.integer({ min: 2, max: 200 }) }),
  fc.record({
    type: fc.constant('dial' as const),
    hours: fc.integer({ min: 2, max: 200 }),
    outcome: fc.constantFrom('no-answer', 'voicemail', 'gatekeeper', 'reached'),
  }),
);

describe('a cadence never runs a step for someone who asked to stop', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb('pglite');
  });
  afterAll(async () => {
    await t.drop();
  });

  it('holds over random cadences, dials and do-not-call requests, in the task list and the queue', async () => {
    let run = 0;
    let listed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('cold-3-weeks', 'persistent-value', 'warm-follow-up'),
        fc.array(fc.array(event, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 400 }),
        async (cadence, histories, askHours) => {
          run++;
          const ids: number[] = [];
          for (const [i] of histories.entries()) {
            const p = await addProspect(t.ctx, {
              firstName: `R${run}`,
              lastName: `P${i}`,
              email: `r${run}p${i}@example.com`,
              timezone: ['America/New_York', 'America/Los_Angeles', 'Europe/London'][i % 3],
              phones: [{ number: `+1212555${String(run % 100).padStart(2, '0')}${i}${i}`, kind: 'direct' }],
            });
            ids.push(p.id);
          }
          await startCadence(t.ctx, { cadence, prospects: ids, at: new Date(START).toISOString() });
          const stopped = new Map<number, number>();
          for (const [i, history] of histories.entries()) {
            for (const e of [...history].sort((a, b) => a.hours - b.hours)) {
              const at = new Date(START + e.hours * HOUR + i * 60_000).toISOString();
              if (stopped.has(ids[i]!)) break;
              if (e.type === 'dnc') await addDnc(t.ctx, { prospect: ids[i], at });
              else
                await logCall(t.ctx, {
                  body: {
                    prospect: ids[i],
                    outcome: e.type === 'stop-word' ? 'reached' : e.outcome,
                    ...(e.type === 'stop-word' ? { result: 'do-not-call' } : {}),
                    at,
                  },
                  now: new Date('2030-01-01T00:00:00Z'),
                });
              if (e.type !== 'dial') stopped.set(ids[i]!, e.hours);
            }
          }
          const ask = new Date(START + askHours * HOUR).toISOString();
          const tasks = await listTasks(t.ctx, { at: ask, dueBefore: '2026-12-31T00:00:00Z', limit: 1000 });
          listed += tasks.items.length;
          for (const task of tasks.items) expect(stopped.has(task.prospect.id)).toBe(false);
          const queue = await buildQueue(t.ctx, { at: ask, limit: 200 });
          for (const entry of queue.entries) expect(stopped.has(entry.prospect.id)).toBe(false);
          // Not hidden only: every open step of theirs was cancelled at once.
          if (stopped.size > 0) {
            const open = rowsOf<{ n: number }>(
              await t.db.execute(
                sql`select count(*)::int as n from tasks where status = 'open' and prospect_id = any(${sql.param([...stopped.keys()])}::int[])`,
              ),
            );
            expect(Number(open[0]!.n)).toBe(0);
          }
        },
      ),
      { numRuns: 25 },
    );
    // The property means something only if steps were listed along the way.
    expect(listed).toBeGreaterThan(10);
  });
});
