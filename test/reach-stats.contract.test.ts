import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/rows.ts';
import { addProspect, type ProspectView } from '../src/modules/prospects/prospects.service.ts';
import { ensureReachStats, rebuildReachStats } from '../src/modules/queue/reach-stats.repository.ts';
import { logCall } from './support/checked.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

const outcomes = ['reached', 'gatekeeper', 'voicemail', 'voicemail-left', 'no-answer', 'busy', 'bad-number'];

async function snapshot(t: TestDb) {
  const counts = rowsOf<Record<string, unknown>>(
    await t.db.execute(
      sql`select scope, scope_id, kind, slot, dials, reached, gatekeeper from reach_counts order by 1, 2, 3, 4`,
    ),
  );
  const summaries = rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`
      select id, dials, reached_count, messages, rep_seconds, meetings, last_dial_at, last_message_at,
        recent_dials::text as recent, hour_dials, hour_reached
      from prospects order by id`),
  );
  const attempts = rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`select id, rep_seconds from call_attempts order by id`),
  );
  const companies = rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`select id, hour_dials, hour_reached from companies order by id`),
  );
  return JSON.parse(JSON.stringify({ counts, summaries, companies, attempts }));
}

describe.each(drivers)('reach summaries on %s', (driver) => {
  let t: TestDb;
  let people: ProspectView[];
  beforeAll(async () => {
    t = await freshDb(driver);
    people = [
      await addProspect(t.ctx, {
        firstName: 'Ann',
        title: 'Chief Financial Officer',
        company: 'Acme',
        timezone: 'America/New_York',
        phones: [
          { number: '212-555-0142', kind: 'direct' },
          { number: '212-555-0100', kind: 'main' },
        ],
      }),
      await addProspect(t.ctx, {
        firstName: 'Bo',
        title: 'Director of Operations',
        company: 'Acme',
        timezone: 'America/New_York',
        phones: [{ number: '212-555-0177', kind: 'mobile' }],
      }),
      await addProspect(t.ctx, {
        firstName: 'Cy',
        title: 'Buyer',
        // A toll-free number tells no zone: its dials count, but teach no hours.
        phones: [{ number: '800-555-0123', kind: 'direct' }],
      }),
    ];
  });
  afterAll(async () => {
    await t.drop();
  });

  it('reads seniority from the title in the database', async () => {
    await addProspect(t.ctx, { firstName: 'Di', title: 'VP Sales', company: 'Zed' });
    await addProspect(t.ctx, { firstName: 'Ed', title: 'Managing Director', company: 'Zed' });
    await addProspect(t.ctx, { firstName: 'Fa', title: 'Office Manager', company: 'Zed' });
    await addProspect(t.ctx, { firstName: 'Gu', company: 'Zed' });
    const rows = rowsOf<{ first_name: string; seniority: number }>(
      await t.db.execute(sql`select first_name, seniority from prospects order by id`),
    );
    expect(Object.fromEntries(rows.map((r) => [r.first_name, Number(r.seniority)]))).toEqual({
      Ann: 1,
      Bo: 3,
      Cy: 5,
      Di: 2,
      Ed: 1,
      Fa: 4,
      Gu: 0,
    });
  });

  it('builds the summaries of a book logged before they existed, once', async () => {
    await logCall(t.ctx, {
      body: {
        prospect: people[0]!.id,
        outcome: 'reached',
        at: '2026-03-03T13:10:00Z',
        idempotencyKey: 'old-1',
      },
      now: new Date('2030-01-01T00:00:00Z'),
    });
    const logged = await snapshot(t);
    await t.db.execute(sql`delete from reach_counts`);
    await t.db.execute(
      sql`update prospects set dials = 0, reached_count = 0, last_dial_at = null, recent_dials = '{}', hour_dials = array_fill(0, array[24]), hour_reached = array_fill(0, array[24])`,
    );
    await t.db.execute(
      sql`update companies set hour_dials = array_fill(0, array[24]), hour_reached = array_fill(0, array[24])`,
    );
    await ensureReachStats(t.db);
    expect(await snapshot(t)).toEqual(logged);
  });

  it('keeps the same summaries dial by dial as a rebuild from the whole call log', async () => {
    const dial = fc.record({
      who: fc.nat({ max: 2 }),
      outcome: fc.constantFrom(...outcomes),
      minutes: fc.integer({ min: 0, max: 60 * 24 * 21 }),
      mainLine: fc.boolean(),
      talked: fc.option(fc.integer({ min: 1, max: 900 })),
      meeting: fc.boolean(),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(dial, { minLength: 1, maxLength: 12 }), async (dials) => {
        run++;
        for (const [i, d] of dials.entries()) {
          const person = people[d.who]!;
          await logCall(t.ctx, {
            body: {
              prospect: person.id,
              outcome: d.outcome,
              at: new Date(Date.UTC(2026, 2, 2) + d.minutes * 60_000).toISOString(),
              ...(d.who === 0 ? { kind: d.mainLine ? 'main' : 'direct' } : {}),
              ...(d.outcome === 'voicemail-left' ? { message: { kind: 'curiosity' } } : {}),
              ...(d.talked === null ? {} : { durationSeconds: d.talked }),
              ...(d.outcome === 'reached' && d.meeting
                ? { result: 'meeting', resultAt: '2026-04-01T15:00:00Z' }
                : {}),
              idempotencyKey: `run-${run}-${i}`,
            },
            now: new Date('2030-01-01T00:00:00Z'),
          });
        }
        const incremental = await snapshot(t);
        await rebuildReachStats(t.db, t.ctx.team.id);
        expect(await snapshot(t)).toEqual(incremental);
        // One company and one prospect per statement: the counts add up across ranges.
        await rebuildReachStats(t.db, t.ctx.team.id, { batch: 1 });
        expect(await snapshot(t)).toEqual(incremental);
      }),
      { numRuns: 8 },
    );
    const [acme] = rowsOf<{ dials: number }>(
      await t.db.execute(sql`select dials from reach_counts where scope = 0 and slot >= 200 limit 1`),
    );
    expect(Number(acme?.dials ?? 0)).toBeGreaterThan(0);
  });

  it('gives a book summarised before numbers kept their all-hours record that record, as dial by dial', async () => {
    const logged = await snapshot(t);
    expect(logged.counts.some((c: { scope: number; slot: number }) => c.scope === 3 && c.slot === 255)).toBe(
      true,
    );
    await t.db.execute(sql`delete from reach_counts where scope = 3 and slot = 255`);
    const migration = readFileSync(
      new URL('../src/db/migrations/0006_number_totals.sql', import.meta.url),
      'utf8',
    );
    await t.db.execute(sql.raw(migration));
    expect(await snapshot(t)).toEqual(logged);
  });

  it("gives a book logged before effort was kept each attempt's rep time and each prospect's totals, as dial by dial", async () => {
    await logCall(t.ctx, {
      body: {
        prospect: people[1]!.id,
        outcome: 'reached',
        result: 'meeting',
        resultAt: '2026-04-02T15:00:00Z',
        durationSeconds: 410,
        at: '2026-03-20T15:00:00Z',
        idempotencyKey: 'effort-meeting',
      },
      now: new Date('2030-01-01T00:00:00Z'),
    });
    const logged = await snapshot(t);
    expect(logged.summaries.some((p: { meetings: number }) => Number(p.meetings) > 0)).toBe(true);
    await t.db.execute(sql`update call_attempts set rep_seconds = 0`);
    await t.db.execute(sql`update prospects set messages = 0, rep_seconds = 0, meetings = 0`);
    const migration = readFileSync(new URL('../src/db/migrations/0007_pursuit.sql', import.meta.url), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint'))
      if (/^\s*(--.*\n\s*)*UPDATE/i.test(statement)) await t.db.execute(sql.raw(statement));
    expect(await snapshot(t)).toEqual(logged);
  });
});
