import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callbacks, dncEntries, prospects, stageChanges, tasks, voicemails } from '../src/db/schema.ts';
import { timeline } from '../src/modules/calls/timeline.service.ts';
import { addProspect, getProspect, type ProspectView } from '../src/modules/prospects/prospects.service.ts';
import { rebuildReachStats } from '../src/modules/queue/reach-stats.repository.ts';
import type { Ctx } from '../src/modules/team/team.service.ts';
import { attachCallback, logCall, lookup, recordCallback } from './support/checked.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

const leave = (ctx: Ctx, input: { prospect: number; at: string; kind?: string }) =>
  logCall(ctx, {
    body: {
      prospect: input.prospect,
      outcome: 'voicemail-left',
      kind: 'direct',
      at: input.at,
      message: { kind: input.kind ?? 'information', text: 'News on your freight lanes.' },
    },
    now: new Date('2030-01-01T00:00:00Z'),
  });

describe.each(drivers)('callbacks on %s', (driver) => {
  let t: TestDb;
  let ann: ProspectView;
  beforeEach(async () => {
    t = await freshDb(driver);
    ann = await addProspect(t.ctx, {
      firstName: 'Ann',
      company: 'Acme',
      timezone: 'America/New_York',
      research: { priorityObjective: 'cutting freight cost' },
      phones: [
        { number: '212-555-0142', kind: 'direct' },
        { number: '212-555-0100', kind: 'main' },
      ],
    });
  });
  afterEach(async () => {
    await t.drop();
  });

  it('shows at once who is calling, what they were told and what to say', async () => {
    await leave(t.ctx, { prospect: ann.id, at: '2026-03-02T22:30:00Z' });
    const card = await lookup(t.ctx, { number: '(212) 555-0142', at: '2026-03-03T14:05:00Z' });
    expect(card).toMatchObject({
      known: true,
      prospect: { name: 'Ann', company: 'Acme' },
      localTime: { label: 'Tue 09:05 (America/New_York)' },
      messages: [{ kind: 'information', text: 'News on your freight lanes.' }],
      lastOutcome: { outcome: 'voicemail-left' },
    });
    expect(card.known && card.opener).toContain('I left you a message yesterday');
  });

  it("finds a company's people by its main line", async () => {
    const bo = await addProspect(t.ctx, {
      firstName: 'Bo',
      company: 'Acme',
      phones: [{ number: '212-555-0100', kind: 'main' }],
    });
    const card = await lookup(t.ctx, { number: '+12125550100' });
    expect(card.known && [card.prospect.id, ...card.others.map((o) => o.id)].sort()).toEqual(
      [ann.id, bo.id].sort(),
    );
  });

  it('credits a callback to the latest message within 14 days, and never one message twice', async () => {
    await leave(t.ctx, { prospect: ann.id, at: '2026-03-01T15:00:00Z' });
    const latest = await leave(t.ctx, { prospect: ann.id, at: '2026-03-05T15:00:00Z' });
    const first = await recordCallback(t.ctx, { from: '212-555-0142', at: '2026-03-06T14:00:00Z' });
    expect(first.attributedTo).toBe(latest.voicemailId);
    const second = await recordCallback(t.ctx, { from: '212-555-0142', at: '2026-03-06T16:00:00Z' });
    expect(second.attributedTo).toBeNull();
    const late = await recordCallback(t.ctx, { from: '212-555-0142', at: '2026-03-25T16:00:00Z' });
    expect(late.attributedTo).toBeNull();
  });

  it('50 callbacks at once crediting one message failed 9 times on the unique index: all are kept, one credited', async () => {
    const left = await leave(t.ctx, { prospect: ann.id, at: '2026-03-05T15:00:00Z' });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        recordCallback(t.ctx, {
          from: '212-555-0142',
          at: `2026-03-06T14:${String(i).padStart(2, '0')}:00Z`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const kept = await t.db.select().from(callbacks).where(eq(callbacks.prospectId, ann.id));
    expect(kept).toHaveLength(50);
    expect(kept.filter((c) => c.voicemailId !== null).map((c) => c.voicemailId)).toEqual([left.voicemailId]);
  });

  it('answers an unknown caller plainly, and credits the message once the call is attached', async () => {
    const left = await leave(t.ctx, { prospect: ann.id, at: '2026-03-02T22:30:00Z' });
    const recorded = await recordCallback(t.ctx, { from: '+1 646 555 0199', at: '2026-03-03T15:00:00Z' });
    expect(recorded).toMatchObject({ attributedTo: null, card: { known: false } });
    const attached = await attachCallback(t.ctx, {
      callbackId: recorded.callbackId,
      body: { prospect: ann.id },
    });
    expect(attached.attributedTo).toBe(left.voicemailId);
    await expect(
      attachCallback(t.ctx, { callbackId: recorded.callbackId, body: { prospect: ann.id } }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps attribution consistent over any sequence of messages and callbacks', async () => {
    const day = 86_400_000;
    const base = Date.parse('2026-03-02T15:00:00Z');
    let run = 0;
    const event = fc.record({
      kind: fc.constantFrom('message', 'callback'),
      offsetHours: fc.integer({ min: 1, max: 24 * 20 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 8 }), async (events) => {
        const number = `+1646555${String(1000 + run++)}`;
        const p = await addProspect(t.ctx, { firstName: 'P', phones: [{ number, kind: 'direct' }] });
        let clock = base;
        for (const e of events) {
          clock += e.offsetHours * 3_600_000;
          const at = new Date(clock).toISOString();
          if (e.kind === 'message') await leave(t.ctx, { prospect: p.id, at });
          else await recordCallback(t.ctx, { from: number, prospect: p.id, at });
        }
        const messages = (await t.db.select().from(voicemails)).filter((m) => m.prospectId === p.id);
        const calls = (await t.db.select().from(callbacks)).filter((c) => c.prospectId === p.id);
        const credited = calls.flatMap((c) => (c.voicemailId === null ? [] : [c.voicemailId]));
        expect(new Set(credited).size).toBe(credited.length);
        for (const c of calls) {
          const m = messages.find((v) => v.id === c.voicemailId);
          if (m) {
            expect(m.at.getTime()).toBeLessThanOrEqual(c.at.getTime());
            expect(c.at.getTime() - m.at.getTime()).toBeLessThanOrEqual(14 * day);
          }
        }
      }),
      { numRuns: 8 },
    );
  });

  const meetings = async (id: number) =>
    (await t.db.select({ n: prospects.meetings }).from(prospects).where(eq(prospects.id, id)))[0]?.n;

  it('books a meeting when the prospect calls back: the stage, the meeting at its time, and a meeting counted', async () => {
    const recorded = await recordCallback(t.ctx, {
      from: '212-555-0142',
      at: '2026-03-04T15:00:00Z',
      result: 'meeting',
      resultAt: '2026-03-09T16:00:00Z',
    });
    expect(recorded).toMatchObject({
      result: 'meeting',
      resultAt: '2026-03-09T16:00:00.000Z',
      card: { known: true },
    });
    expect((await getProspect(t.ctx, { key: ann.id })).stage).toBe('interested');
    expect(await t.db.select().from(stageChanges)).toMatchObject([
      { fromStage: 'new', toStage: 'interested', reason: 'meeting booked', attemptId: null },
    ]);
    expect(await t.db.select().from(tasks)).toMatchObject([
      {
        kind: 'meeting',
        status: 'open',
        dueAt: new Date('2026-03-09T16:00:00Z'),
        payload: { callbackId: recorded.callbackId, promisedBy: 'callback' },
      },
    ]);
    expect(await meetings(ann.id)).toBe(1);
    await rebuildReachStats(t.db, t.ctx.team.id);
    expect(await meetings(ann.id)).toBe(1);
    const entry = (await timeline(t.ctx, ann.id)).entries.find((e) => e.type === 'callback');
    expect(entry?.text).toBe('called back from +12125550142: meeting 2026-03-09 16:00');
    const engaged = await recordCallback(t.ctx, { from: '212-555-0142', result: 'interested' });
    expect(engaged).toMatchObject({ result: 'interested', resultAt: null });
    expect((await getProspect(t.ctx, { key: ann.id })).stage).toBe('interested');
  });

  it('puts a prospect who asks to stop when calling back on Do-Not-Call, as a call does', async () => {
    await recordCallback(t.ctx, {
      from: '212-555-0142',
      at: '2026-03-04T15:00:00Z',
      result: 'callback-scheduled',
      resultAt: '2026-03-05T15:00:00Z',
    });
    expect((await getProspect(t.ctx, { key: ann.id })).stage).toBe('engaged');
    await recordCallback(t.ctx, { from: '212-555-0142', at: '2026-03-04T18:00:00Z', result: 'do-not-call' });
    const view = await getProspect(t.ctx, { key: ann.id });
    expect(view.optedOut).toBe(true);
    // Her own line, not the company's main line her colleagues answer.
    expect(view.phones.map((p) => [p.kind, p.doNotCall])).toEqual([
      ['direct', true],
      ['main', false],
    ]);
    expect(await t.db.select().from(tasks)).toMatchObject([{ kind: 'callback', status: 'cancelled' }]);
    expect(new Set((await t.db.select().from(dncEntries)).map((e) => e.source))).toEqual(
      new Set(['callback']),
    );
  });

  it('refuses a result without its time, a time without one, and a result from an unknown caller, recording nothing', async () => {
    await expect(recordCallback(t.ctx, { from: '212-555-0142', result: 'meeting' })).rejects.toMatchObject({
      code: 'validation',
      issues: [{ field: 'resultAt', reason: 'a meeting needs its time' }],
    });
    await expect(
      recordCallback(t.ctx, { from: '212-555-0142', result: 'interested', resultAt: '2026-03-09T16:00:00Z' }),
    ).rejects.toMatchObject({ issues: [{ field: 'resultAt' }] });
    await expect(recordCallback(t.ctx, { from: '212-555-0142', result: 'referred' })).rejects.toMatchObject({
      issues: [{ field: 'result' }],
    });
    await expect(
      recordCallback(t.ctx, { from: '+1 646 555 0199', result: 'interested' }),
    ).rejects.toMatchObject({ code: 'validation', issues: [{ field: 'result' }] });
    expect(await t.db.select().from(callbacks)).toEqual([]);
    const named = await recordCallback(t.ctx, {
      from: '+1 646 555 0199',
      prospect: ann.id,
      result: 'interested',
    });
    expect(named).toMatchObject({ result: 'interested', card: { known: true } });
    expect((await getProspect(t.ctx, { key: ann.id })).stage).toBe('engaged');
  });

  it('applies what a callback from an unknown number came to when it is attached, given then or stored with it', async () => {
    const recorded = await recordCallback(t.ctx, { from: '+1 646 555 0199', at: '2026-03-04T15:00:00Z' });
    const attached = await attachCallback(t.ctx, {
      callbackId: recorded.callbackId,
      body: { prospect: ann.id, result: 'callback-scheduled', resultAt: '2026-03-05T15:00:00Z' },
    });
    expect(attached).toMatchObject({ result: 'callback-scheduled', resultAt: '2026-03-05T15:00:00.000Z' });
    expect(await t.db.select().from(tasks)).toMatchObject([
      { kind: 'callback', payload: { callbackId: recorded.callbackId, promisedBy: 'callback' } },
    ]);
    // A callback restored from a backup with its result, but no prospect yet.
    const bo = await addProspect(t.ctx, { firstName: 'Bo', company: 'Acme' });
    const [stored] = await t.db
      .insert(callbacks)
      .values({
        teamId: t.ctx.team.id,
        fromE164: '+16465550123',
        at: new Date('2026-03-04T16:00:00Z'),
        result: 'meeting',
        resultAt: new Date('2026-03-10T15:00:00Z'),
      })
      .returning();
    await attachCallback(t.ctx, { callbackId: stored!.id, body: { prospect: bo.id } });
    expect((await getProspect(t.ctx, { key: bo.id })).stage).toBe('interested');
    expect(await meetings(bo.id)).toBe(1);
    await expect(attachCallback(t.ctx, { callbackId: 'x', body: { prospect: bo.id } })).rejects.toMatchObject(
      {
        issues: [{ field: 'id' }],
      },
    );
  });
});
