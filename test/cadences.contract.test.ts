import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { performNamed } from '../src/app/operations.ts';
import type { Cadence } from '../src/contracts/cadences.contract.ts';
import { rowsOf } from '../src/db/rows.ts';
import { listCadences, removeCadence, saveCadence } from '../src/modules/cadences/cadences.service.ts';
import { resumeCadence, startCadence } from '../src/modules/cadences/enrollments.service.ts';
import { completeTask } from '../src/modules/cadences/tasks.service.ts';
import { recordCallback } from '../src/modules/calls/callbacks.service.ts';
import { undoCall } from '../src/modules/calls/undo.service.ts';
import { addProspect } from '../src/modules/prospects/prospects.service.ts';
import { addDnc, buildQueue, logCall } from './support/checked.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
// Monday 2 March 2026, 06:00 in New York: before every zone's first step.
const START = '2026-03-02T11:00:00Z';
const LATER = new Date('2030-01-01T00:00:00Z');

describe.each(drivers)('cadences on %s', (driver) => {
  let t: TestDb;
  let ids: number[];
  beforeEach(async () => {
    t = await freshDb(driver);
    ids = [];
    for (let i = 0; i < 50; i++) {
      const p = await addProspect(t.ctx, {
        firstName: `P${i}`,
        company: `Co ${i}`,
        timezone: ZONES[i % ZONES.length],
        value: 20_000,
        phones: [{ number: `212-555-${String(1000 + i)}`, kind: 'direct' }],
      });
      ids.push(p.id);
    }
  });
  afterEach(async () => {
    await t.drop();
  });

  it("puts 50 prospects on a cadence and lists each day's tasks in order, in each prospect's clock", async () => {
    const report = await startCadence(t.ctx, { cadence: 'cold-3-weeks', prospects: ids, at: START });
    expect(report.started).toHaveLength(50);
    expect(report.rejected).toEqual([]);
    const monday = await performNamed(t.ctx, 'listTasks', {
      query: { at: START, dueBefore: '2026-03-03T11:00:00Z' },
    });
    expect(monday.items).toHaveLength(50);
    expect(monday.items.every((task) => task.kind === 'call' && task.local === 'Mon 02 Mar 08:00')).toBe(
      true,
    );
    const due = monday.items.map((task) => task.dueAt);
    expect(due).toEqual([...due].sort());
    // 08:00 in New York first, Los Angeles three hours later.
    expect(monday.items[0]!.dueAt).toBe('2026-03-02T13:00:00.000Z');
    expect(monday.items.at(-1)!.dueAt).toBe('2026-03-02T16:00:00.000Z');
    expect(monday.items[0]).toMatchObject({ cadence: 'cold-3-weeks', step: 1, of: 12 });
    const [{ count }] = rowsOf<{ count: number }>(
      await t.db.execute(sql`select count(*)::int as count from tasks where status = 'open'`),
    ) as [{ count: number }];
    expect(count).toBe(50 * 12);
  });

  it('reports who could not start, and why, and starts the rest', async () => {
    await addDnc(t.ctx, { prospect: ids[1], at: START });
    await startCadence(t.ctx, { cadence: 'warm-follow-up', prospects: [ids[2]!], at: START });
    const report = await startCadence(t.ctx, {
      cadence: 'cold-3-weeks',
      prospects: [ids[0]!, ids[1]!, ids[2]!, ids[0]!, 'nobody@example.com'],
      at: START,
    });
    expect(report.started.map((s) => s.prospectId)).toEqual([ids[0]]);
    expect(report.rejected).toEqual([
      { prospect: String(ids[1]), reason: 'asked not to be contacted' },
      { prospect: String(ids[2]), reason: 'already on warm-follow-up (active): stop it first' },
      { prospect: String(ids[0]), reason: `prospect ${ids[0]} is listed twice` },
      { prospect: 'nobody@example.com', reason: 'no such prospect' },
    ]);
    await expect(startCadence(t.ctx, { cadence: 'cold-9-weeks', prospects: [ids[3]!] })).rejects.toThrow(
      /Cadence not found: cold-9-weeks/,
    );
    await expect(
      performNamed(t.ctx, 'startCadence', { body: { cadence: 'cold-3-weeks', prospects: [] } }),
    ).rejects.toMatchObject({
      issues: [{ field: 'prospects' }],
    });
  });

  it('stops at once on do-not-call, by the list or by their own word, and never lists them again', async () => {
    await startCadence(t.ctx, { cadence: 'cold-3-weeks', prospects: ids.slice(0, 3), at: START });
    await addDnc(t.ctx, { prospect: ids[0], at: '2026-03-02T12:00:00Z' });
    await logCall(t.ctx, {
      body: {
        prospect: ids[1],
        outcome: 'reached',
        result: 'do-not-call',
        at: '2026-03-02T15:10:00Z',
      },
      now: LATER,
    });
    const tasks = await performNamed(t.ctx, 'listTasks', {
      query: { at: START, dueBefore: '2026-04-01T00:00:00Z' },
    });
    expect(new Set(tasks.items.map((task) => task.prospect.id))).toEqual(new Set([ids[2]]));
    const states = rowsOf<{ prospect_id: number; status: string; status_reason: string }>(
      await t.db.execute(
        sql`select prospect_id, status, status_reason from enrollments order by prospect_id`,
      ),
    );
    expect(states.slice(0, 2)).toEqual([
      { prospect_id: ids[0], status: 'stopped', status_reason: 'asked not to be called' },
      { prospect_id: ids[1], status: 'stopped', status_reason: 'asked not to be called' },
    ]);
    const open = rowsOf<{ count: number }>(
      await t.db.execute(
        sql`select count(*)::int as count from tasks where status = 'open' and prospect_id in (${ids[0]}, ${ids[1]})`,
      ),
    );
    expect(Number(open[0]!.count)).toBe(0);
  });

  it('pauses when they answer or call back, and resumes with the steps left at their spacing', async () => {
    await startCadence(t.ctx, { cadence: 'cold-3-weeks', prospects: ids.slice(0, 2), at: START });
    await logCall(t.ctx, {
      body: { prospect: ids[0], outcome: 'reached', result: 'interested', at: '2026-03-02T13:05:00Z' },
      now: LATER,
    });
    await recordCallback(t.ctx, { from: '212-555-1001', at: '2026-03-02T20:00:00Z' });
    const tasks = await performNamed(t.ctx, 'listTasks', {
      query: { at: '2026-03-03T12:00:00Z', dueBefore: '2026-04-01T00:00:00Z' },
    });
    expect(tasks.items).toEqual([]);
    const resumed = await resumeCadence(t.ctx, { prospect: ids[0]!, body: { at: '2026-03-09T12:00:00Z' } });
    // Step 1 was done by the call; 11 steps left, the first (an email, a day after) on the next working morning.
    expect(resumed).toMatchObject({
      cadence: 'cold-3-weeks',
      steps: 11,
      firstDue: '2026-03-09T13:00:00.000Z',
    });
    const after = await performNamed(t.ctx, 'listTasks', {
      query: { at: '2026-03-09T12:00:00Z', dueBefore: '2026-03-11T23:00:00Z' },
    });
    expect(after.items.map((task) => [task.kind, task.local])).toEqual([
      ['email', 'Mon 09 Mar 09:00'],
      ['call', 'Tue 10 Mar 17:30'],
    ]);
    await expect(performNamed(t.ctx, 'stopCadence', { params: { key: ids[5]! }, body: {} })).rejects.toThrow(
      /not on a cadence/,
    );
  });

  it("lists what is due until the end of the rep's day when no dueBefore is given: the first user's zone, else the territory's", async () => {
    await startCadence(t.ctx, { cadence: 'cold-3-weeks', prospects: [ids[0]!, ids[3]!], at: START });
    await t.db.execute(sql`update users set timezone = 'America/Los_Angeles'`);
    const at = '2026-03-02T12:00:00Z';
    const today = await performNamed(t.ctx, 'listTasks', { query: { at } });
    expect(today).toMatchObject({
      dueBefore: '2026-03-03T08:00:00.000Z',
      zone: 'America/Los_Angeles',
      endOfDay: true,
    });
    expect(today.items.length).toBeGreaterThan(0);
    expect(today.items.every((task) => !task.overdue && task.dueAt < today.dueBefore)).toBe(true);
    expect(today.items[0]).toMatchObject({ local: 'Mon 02 Mar 08:00', zone: 'America/New_York' });
    const given = await performNamed(t.ctx, 'listTasks', {
      query: { at, dueBefore: '2026-03-02T14:00:00Z' },
    });
    expect(given).toMatchObject({ endOfDay: false, zone: 'America/Los_Angeles' });
    await t.db.execute(sql`update users set timezone = null`);
    t.ctx.team.territoryZones = ['America/Chicago'];
    expect(await performNamed(t.ctx, 'listTasks', { query: { at } })).toMatchObject({
      dueBefore: '2026-03-03T06:00:00.000Z',
      zone: 'America/Chicago',
    });
  });

  it('puts a call step in its window at the top of the queue, marks it done with the dial, and opens it again on undo', async () => {
    await startCadence(t.ctx, { cadence: 'cold-3-weeks', prospects: [ids[9]!], at: START });
    const chicago = ids[9]!;
    // 08:10 in Chicago: step 1's window.
    const queue = await buildQueue(t.ctx, { at: '2026-03-02T14:10:00Z', limit: 5 });
    expect(queue.entries[0]).toMatchObject({ prospect: { id: chicago }, cadenceDue: true });
    expect(queue.entries[0]!.reasons[0]).toBe(
      'cold-3-weeks step 1 of 12 due now: direct line before the gatekeeper arrives',
    );
    // Two hours on, the window has passed: the step still says so, but no longer jumps the queue.
    const later = await buildQueue(t.ctx, { at: '2026-03-02T16:30:00Z', limit: 50 });
    const entry = later.entries.find((e) => e.prospect.id === chicago)!;
    expect(entry.cadenceDue).toBe(false);
    expect(entry.reasons[0]).toMatch(/^cold-3-weeks step 1 of 12 due since 08:00/);
    const logged = await logCall(t.ctx, {
      body: { prospect: chicago, outcome: 'no-answer', at: '2026-03-02T14:12:00Z' },
      now: new Date('2026-03-02T14:12:30Z'),
    });
    const status = async () =>
      rowsOf<{ status: string }>(
        await t.db.execute(sql`select status from tasks where prospect_id = ${chicago} and step = 0`),
      )[0]!.status;
    expect(await status()).toBe('done');
    await undoCall(t.ctx, { id: logged.attempt.id, now: new Date('2026-03-02T14:12:40Z') });
    expect(await status()).toBe('open');
    const [task] = (await performNamed(t.ctx, 'listTasks', { query: { at: '2026-03-02T14:13:00Z' } })).items;
    expect(
      await completeTask(t.ctx, { id: task!.id, body: { status: 'skipped', note: 'line busy' } }),
    ).toEqual({
      id: task!.id,
      status: 'skipped',
    });
    await expect(performNamed(t.ctx, 'completeTask', { params: { id: task!.id }, body: {} })).rejects.toThrow(
      /already skipped/,
    );
  });

  it("keeps a team's own cadence beside the built-in ones; prospects on it keep the steps they started with", async () => {
    const mine: Cadence = {
      name: 'quick-touch',
      description: 'A week of calls and one email',
      maxMessages: 1,
      steps: [
        { day: 0, kind: 'call', window: 'early' },
        { day: 1, kind: 'email' },
      ],
    };
    await saveCadence(t.ctx, { definition: mine });
    const list = await listCadences(t.ctx);
    expect(list.items.map((c) => [c.name, c.builtIn])).toContainEqual(['quick-touch', false]);
    await startCadence(t.ctx, { cadence: 'quick-touch', prospects: [ids[0]!], at: START });
    await expect(saveCadence(t.ctx, { definition: mine })).rejects.toThrow(/exists/);
    await saveCadence(t.ctx, {
      definition: { ...mine, steps: [...mine.steps, { day: 2, kind: 'letter' }] },
      replace: true,
    });
    const tasks = await performNamed(t.ctx, 'listTasks', {
      query: { at: START, dueBefore: '2026-03-20T00:00:00Z' },
    });
    expect(tasks.items.map((task) => task.kind)).toEqual(['call', 'email']);
    await expect(saveCadence(t.ctx, { definition: { ...mine, name: 'cold-3-weeks' } })).rejects.toThrow(
      /built in/,
    );
    await expect(
      performNamed(t.ctx, 'saveCadence', {
        body: { ...mine, steps: [{ day: 0, kind: 'call', at: '22:00' }] },
      }),
    ).rejects.toMatchObject({ issues: [{ field: 'steps.0.at' }] });
    expect(await removeCadence(t.ctx, 'quick-touch')).toEqual({ removed: 'quick-touch' });
    await expect(removeCadence(t.ctx, 'quick-touch')).rejects.toThrow(/not found/);
  });
});
