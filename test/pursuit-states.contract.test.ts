import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { performNamed } from '../src/app/operations.ts';
import { rowsOf } from '../src/db/rows.ts';
import { startCadence } from '../src/modules/cadences/enrollments.service.ts';
import { recordCallback } from '../src/modules/calls/callbacks.service.ts';
import { undoCall } from '../src/modules/calls/undo.service.ts';
import { addProspect, type ProspectView } from '../src/modules/prospects/prospects.service.ts';
import { refreshUnkeptPursuits } from '../src/modules/pursuit/pursuit.repository.ts';
import { setStanding, standingOf } from '../src/modules/pursuit/standing.service.ts';
import type { Ctx } from '../src/modules/team/team.service.ts';
import { voicemailAdvice } from '../src/modules/voicemail/voicemail.service.ts';
import { buildQueue, correctCall, logCall, updateTeamConfig } from './support/checked.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

const NOW = new Date('2030-01-01T00:00:00Z');
const log = (ctx: Ctx, body: Record<string, unknown>) => logCall(ctx, { body, now: NOW });
const queued = async (ctx: Ctx, at: string) =>
  (await buildQueue(ctx, { at, limit: '50' })).entries.map((e) => e.prospect.id);
const state = async (ctx: Ctx, prospect: number, at: string) =>
  standingOf(ctx, { prospect, at: new Date(at) });

// 2026-03-02 is a Monday; New York is UTC-5 until 8 March. 15:00Z is 10:00 there.
describe.each(drivers)('pursuit states on %s', (driver) => {
  let t: TestDb;
  let ann: ProspectView;
  let bo: ProspectView;
  beforeEach(async () => {
    t = await freshDb(driver);
    ann = await addProspect(t.ctx, {
      firstName: 'Ann',
      lastName: 'Lee',
      title: 'CFO',
      company: 'Acme',
      timezone: 'America/New_York',
      value: 40_000,
      phones: [{ number: '212-555-0142', kind: 'direct' }],
    });
    bo = await addProspect(t.ctx, {
      firstName: 'Bo',
      lastName: 'Park',
      title: 'Controller',
      company: 'Acme',
      timezone: 'America/New_York',
      value: 20_000,
      phones: [{ number: '212-555-0177', kind: 'direct' }],
    });
  });
  afterEach(async () => {
    await t.drop();
  });

  it('a prospect with a meeting booked was still #1 the next day: off the queue until the meeting, then in follow-up, still off', async () => {
    expect(await queued(t.ctx, '2026-03-02T15:00:00Z')).toContain(ann.id);
    await log(t.ctx, {
      prospect: ann.id,
      outcome: 'reached',
      result: 'meeting',
      resultAt: '2026-03-12T15:00:00Z',
      at: '2026-03-02T15:05:00Z',
    });
    for (const day of ['2026-03-03', '2026-03-05', '2026-03-10', '2026-03-12'])
      expect(await queued(t.ctx, `${day}T15:00:00Z`), day).not.toContain(ann.id);
    const booked = await state(t.ctx, ann.id, '2026-03-03T15:00:00Z');
    expect(booked).toMatchObject({
      state: 'meeting-booked',
      callable: false,
      until: '2026-03-12T15:00:00.000Z',
    });
    expect(booked.reason).toMatch(/meeting booked for 2026-03-12/);
    const after = await state(t.ctx, ann.id, '2026-03-13T15:00:00Z');
    expect(after).toMatchObject({ state: 'follow-up', callable: false, next: 'follow up on the meeting' });
    for (const day of ['2026-03-13', '2026-03-17', '2026-03-20', '2026-03-26'])
      expect(await queued(t.ctx, `${day}T15:00:00Z`), day).not.toContain(ann.id);
    // Bo, a colleague at the same company, is still prospected.
    expect(await queued(t.ctx, '2026-03-13T15:00:00Z')).toContain(bo.id);
  });

  it('one who said no five hours earlier came back as exploring: a "no" rests for the team\'s nurture days, then returns with a different approach', async () => {
    await updateTeamConfig(t.ctx, { nurtureDays: 30 });
    await log(t.ctx, {
      prospect: ann.id,
      outcome: 'reached',
      result: 'not-interested',
      at: '2026-03-02T15:05:00Z',
    });
    expect(await queued(t.ctx, '2026-03-02T20:05:00Z')).not.toContain(ann.id);
    const resting = await state(t.ctx, ann.id, '2026-03-20T15:00:00Z');
    expect(resting).toMatchObject({
      state: 'not-interested',
      callable: false,
      until: '2026-04-01T15:05:00.000Z',
    });
    expect(await queued(t.ctx, '2026-03-31T15:00:00Z')).not.toContain(ann.id);
    // 2 April 2026 is a Thursday; New York is UTC-4 by then.
    const back = await buildQueue(t.ctx, { at: '2026-04-02T14:00:00Z', limit: '50' });
    const entry = back.entries.find((e) => e.prospect.id === ann.id);
    expect(entry, 'back after the rest').toBeDefined();
    expect(entry!.reasons.join(' | ')).toMatch(
      /said no on 2026-03-02.*different approach.*another person at Acme/,
    );
  });

  it('a promised callback is proposed at its time, not hours before', async () => {
    await log(t.ctx, {
      prospect: ann.id,
      outcome: 'reached',
      result: 'callback-scheduled',
      resultAt: '2026-03-04T19:00:00Z',
      at: '2026-03-02T15:05:00Z',
    });
    expect(await queued(t.ctx, '2026-03-03T15:00:00Z')).not.toContain(ann.id);
    expect(await queued(t.ctx, '2026-03-04T16:00:00Z')).not.toContain(ann.id);
    expect(await queued(t.ctx, '2026-03-04T19:00:00Z')).toContain(ann.id);
  });

  it('a referral moves the target: the one who referred is off the queue, the person named is on it', async () => {
    await log(t.ctx, {
      prospect: ann.id,
      outcome: 'reached',
      result: 'referred',
      referral: { prospect: bo.id },
      at: '2026-03-02T15:05:00Z',
    });
    const ids = await queued(t.ctx, '2026-03-03T15:00:00Z');
    expect(ids).not.toContain(ann.id);
    expect(ids).toContain(bo.id);
    expect(await state(t.ctx, ann.id, '2026-03-03T15:00:00Z')).toMatchObject({
      state: 'referred',
      next: 'call Bo Park',
    });
    expect((await state(t.ctx, ann.id, '2026-03-03T15:00:00Z')).reason).toMatch(
      /referred you to Bo Park at Acme/,
    );
  });

  it('the wrong person asks for the right one: off the queue, with a task to find them', async () => {
    const logged = await log(t.ctx, {
      prospect: ann.id,
      outcome: 'wrong-person',
      at: '2026-03-02T15:05:00Z',
    });
    expect(await queued(t.ctx, '2026-03-03T15:00:00Z')).not.toContain(ann.id);
    const tasks = await performNamed(t.ctx, 'listTasks', {
      query: { at: '2026-03-02T15:10:00Z', dueBefore: '2026-03-03T00:00:00Z' },
    });
    expect(tasks.items.map((i) => [i.kind, i.note])).toContainEqual([
      'find-person',
      'find the right person at Acme',
    ]);
    // Corrected to a plain no-answer, the pursuit reopens and the task is dropped.
    await correctCall(t.ctx, {
      id: logged.attempt.id,
      body: {
        outcome: 'no-answer',
        reason: 'it was a wrong number, not a wrong person',
        at: '2026-03-02T16:10:00Z',
      },
      now: new Date('2026-03-02T16:10:00Z'),
    });
    expect((await state(t.ctx, ann.id, '2026-03-03T15:00:00Z')).state).toBe('open');
    const after = await performNamed(t.ctx, 'listTasks', {
      query: { at: '2026-03-02T16:11:00Z', dueBefore: '2026-03-03T00:00:00Z' },
    });
    expect(after.items.map((i) => i.kind)).not.toContain('find-person');
  });

  it('a meeting booked on a callback moves the state too', async () => {
    await log(t.ctx, {
      prospect: ann.id,
      outcome: 'voicemail-left',
      message: { kind: 'information' },
      at: '2026-03-02T15:05:00Z',
    });
    await recordCallback(t.ctx, {
      from: '212-555-0142',
      at: '2026-03-03T16:00:00Z',
      result: 'meeting',
      resultAt: '2026-03-09T15:00:00Z',
    });
    expect(await state(t.ctx, ann.id, '2026-03-04T15:00:00Z')).toMatchObject({
      state: 'meeting-booked',
      until: '2026-03-09T15:00:00.000Z',
    });
    expect(await queued(t.ctx, '2026-03-04T15:00:00Z')).not.toContain(ann.id);
  });

  it('undoing the log that booked the meeting puts the pursuit back where it was', async () => {
    const logged = await logCall(t.ctx, {
      body: {
        prospect: ann.id,
        outcome: 'reached',
        result: 'meeting',
        resultAt: '2026-03-12T15:00:00Z',
        at: '2026-03-02T15:05:00Z',
      },
      now: new Date('2026-03-02T15:05:00Z'),
    });
    expect((await state(t.ctx, ann.id, '2026-03-02T15:06:00Z')).state).toBe('meeting-booked');
    await undoCall(t.ctx, { id: logged.attempt.id, now: new Date(Date.now()) });
    expect((await state(t.ctx, ann.id, '2026-03-02T15:06:00Z')).state).toBe('open');
    expect(await queued(t.ctx, '2026-03-03T15:00:00Z')).toContain(ann.id);
  });

  it('the rep moves a pursuit by hand, with a reason, and the meeting set that way becomes a task at its time', async () => {
    await expect(
      performNamed(t.ctx, 'setStanding', {
        params: { key: ann.id },
        body: { state: 'meeting-booked', reason: 'booked by email today' },
      }),
    ).rejects.toMatchObject({ issues: [{ field: 'until' }] });
    await expect(
      performNamed(t.ctx, 'setStanding', {
        params: { key: ann.id },
        body: { state: 'not-interested', reason: 'no' },
      }),
    ).rejects.toMatchObject({ issues: [{ field: 'reason' }] });
    await expect(
      performNamed(t.ctx, 'setStanding', {
        params: { key: ann.id },
        body: { state: 'do-not-call' as 'open', reason: 'they asked us to stop calling' },
      }),
    ).rejects.toMatchObject({ issues: [{ field: 'state' }] });
    const moved = await setStanding(t.ctx, {
      prospect: ann.id,
      body: {
        state: 'meeting-booked',
        until: '2026-03-10T15:00:00Z',
        reason: 'she booked a slot by email',
        by: 'Sam',
        at: '2026-03-02T15:00:00Z',
      },
    });
    expect(moved).toMatchObject({ state: 'meeting-booked', callable: false });
    expect(moved.history[0]).toMatchObject({
      source: 'rep',
      what: 'set to meeting-booked: she booked a slot by email',
    });
    const tasks = await performNamed(t.ctx, 'listTasks', {
      query: { at: '2026-03-10T14:00:00Z', dueBefore: '2026-03-11T00:00:00Z' },
    });
    expect(tasks.items.map((i) => [i.kind, i.prospect.id])).toContainEqual(['meeting', ann.id]);
    // Back to prospecting by hand.
    await setStanding(t.ctx, {
      prospect: ann.id,
      body: { state: 'open', reason: 'the meeting fell through, calling again', at: '2026-03-03T15:00:00Z' },
    });
    expect(await queued(t.ctx, '2026-03-03T15:30:00Z')).toContain(ann.id);
    // Lost moves the stage, and a lost prospect reopens only by its stage.
    await setStanding(t.ctx, {
      prospect: ann.id,
      body: { state: 'lost', reason: 'chose a competitor last week', at: '2026-03-04T15:00:00Z' },
    });
    await expect(
      performNamed(t.ctx, 'setStanding', {
        params: { key: ann.id },
        body: { state: 'open', reason: 'trying them again anyway' },
      }),
    ).rejects.toMatchObject({ issues: [{ field: 'state' }] });
  });

  it('a cadence does not start for a booked prospect, and no message is left for one', async () => {
    await log(t.ctx, {
      prospect: ann.id,
      outcome: 'reached',
      result: 'meeting',
      resultAt: '2026-03-12T15:00:00Z',
      at: '2026-03-02T15:05:00Z',
    });
    const started = await startCadence(t.ctx, {
      cadence: 'cold-3-weeks',
      prospects: [ann.id, bo.id],
      at: '2026-03-03T15:00:00Z',
    });
    expect(started.rejected).toEqual([
      { prospect: String(ann.id), reason: expect.stringMatching(/^meeting-booked: meeting booked for/) },
    ]);
    const advice = await voicemailAdvice(t.ctx, {
      prospect: String(ann.id),
      query: { at: '2026-03-03T15:00:00Z' },
    });
    expect(advice.decision).toBe('skip');
    expect(advice.reasons.at(-1)).toMatchObject({ code: 'pursuit-meeting-booked' });
  });

  it('a book from before pursuit states is read once when opened: a meeting logged then keeps them off the queue', async () => {
    await log(t.ctx, {
      prospect: ann.id,
      outcome: 'reached',
      result: 'meeting',
      resultAt: '2026-03-12T15:00:00Z',
      at: '2026-03-02T15:05:00Z',
    });
    // As a book migrated from before: the columns at their defaults, then migration 0016's marking
    // (rows with nothing that moves a pursuit need no look).
    await t.db.execute(
      sql`update prospects set pursuit = 'open', pursuit_since = null, pursuit_until = null, pursuit_reason = null, pursuit_checked_at = null`,
    );
    const migration = readFileSync(
      new URL('../src/db/migrations/0016_pursuit_checked.sql', import.meta.url),
      'utf8',
    ).split('--> statement-breakpoint');
    await t.db.execute(sql.raw(migration.find((statement) => statement.includes('UPDATE'))!));
    expect(await queued(t.ctx, '2026-03-03T15:00:00Z')).toContain(ann.id);
    expect(await refreshUnkeptPursuits(t.db)).toBe(1);
    expect(await queued(t.ctx, '2026-03-03T15:00:00Z')).not.toContain(ann.id);
    const rows = rowsOf<{ pursuit: string }>(
      await t.db.execute(sql`select pursuit from prospects order by id`),
    );
    expect(rows.map((r) => r.pursuit)).toEqual(['meeting-booked', 'open']);
    expect(await refreshUnkeptPursuits(t.db)).toBe(0);
  });
});
