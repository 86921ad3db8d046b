import { Readable } from 'node:stream';
import { count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAttempts, phoneNumbers, stageChanges, tasks, voicemails } from '../src/db/schema.ts';
import { timeline } from '../src/modules/calls/timeline.service.ts';
import { undoCall } from '../src/modules/calls/undo.service.ts';
import { listDnc } from '../src/modules/dnc/dnc.service.ts';
import { importDnc } from '../src/modules/dnc/dnc-import.service.ts';
import { type Outcome, repSecondsOf } from '../src/modules/outcomes/call-rules.ts';
import { addProspect, getProspect, type ProspectView } from '../src/modules/prospects/prospects.service.ts';
import { addDnc, buildQueue, listCalls, logCall } from './support/checked.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

const now = new Date('2026-03-03T20:00:00Z');

describe.each(drivers)('call log on %s', (driver) => {
  let t: TestDb;
  let ann: ProspectView;
  const log = (body: Record<string, unknown>) => logCall(t.ctx, { body: { prospect: ann.id, ...body }, now });
  const rows = async (table: typeof callAttempts | typeof voicemails) =>
    Number((await t.db.select({ n: count() }).from(table))[0]?.n);

  beforeEach(async () => {
    t = await freshDb(driver);
    ann = await addProspect(t.ctx, {
      firstName: 'Ann',
      email: 'ann@acme.com',
      timezone: 'America/Chicago',
      phones: [
        { number: '312-555-0142', kind: 'direct' },
        { number: '312-555-0100', kind: 'main' },
      ],
    });
  });
  afterEach(async () => {
    await t.drop();
  });

  it('records a dial with the prospect-local time at that instant and moves a new prospect to contacted', async () => {
    const logged = await log({ outcome: 'no-answer', at: '2026-03-03T13:45:00Z', kind: 'main' });
    expect(logged).toMatchObject({
      attempt: {
        outcome: 'no-answer',
        number: { e164: '+13125550100', kind: 'main' },
        local: { timezone: 'America/Chicago', time: '07:45', weekday: 2 },
      },
      stage: { from: 'new', to: 'contacted', reason: 'first attempt' },
      replayed: false,
    });
    expect((await getProspect(t.ctx, { key: ann.id })).stage).toBe('contacted');
    expect(await t.db.select().from(stageChanges)).toHaveLength(1);
  });

  it('stores the message left with its kind, and refuses a message with no kind, writing nothing', async () => {
    const logged = await log({
      outcome: 'voicemail-left',
      at: '2026-03-03T19:10:00Z',
      message: { kind: 'curiosity', text: 'Ann, this is Sam at Reach.' },
    });
    expect(logged.voicemailId).not.toBeNull();
    await expect(log({ outcome: 'voicemail-left', message: { text: 'hello' } })).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(log({ outcome: 'no-answer', result: 'interested' })).rejects.toMatchObject({
      issues: [{ field: 'result' }],
    });
    expect(await rows(callAttempts)).toBe(1);
    expect(await rows(voicemails)).toBe(1);
  });

  it('records one attempt for a request retried with the same idempotency key', async () => {
    const first = await log({ outcome: 'busy', idempotencyKey: 'k-1' });
    const again = await log({ outcome: 'busy', idempotencyKey: 'k-1' });
    expect(again).toMatchObject({ replayed: true, attempt: { id: first.attempt.id } });
    expect(await rows(callAttempts)).toBe(1);
  });

  it('an idempotency key reused with a different call silently returned the first: it is refused, naming the key', async () => {
    const first = await log({ outcome: 'busy', idempotencyKey: 'k-2', note: 'line busy' });
    await expect(
      log({ outcome: 'no-answer', idempotencyKey: 'k-2', note: 'line busy' }),
    ).rejects.toMatchObject({
      code: 'idempotency_mismatch',
      issues: [
        {
          field: 'idempotencyKey',
          reason: expect.stringContaining('"k-2" was first used with another request'),
        },
      ],
    });
    // The same request, its fields in another order, is a retry.
    const again = await log({ note: 'line busy', idempotencyKey: 'k-2', outcome: 'busy' });
    expect(again).toMatchObject({ replayed: true, attempt: { id: first.attempt.id } });
    expect(await rows(callAttempts)).toBe(1);
  });

  it('records one attempt when retries with the same key race each other', async () => {
    const results = await Promise.all([1, 2, 3].map(() => log({ outcome: 'busy', idempotencyKey: 'race' })));
    expect(new Set(results.map((r) => r.attempt.id)).size).toBe(1);
    expect(await rows(callAttempts)).toBe(1);
  });

  it('puts the person and their own numbers on Do-Not-Call at once when they ask to stop, never the main line, cancelling open tasks', async () => {
    await log({
      outcome: 'reached',
      result: 'callback-scheduled',
      resultAt: '2026-03-05T16:00:00Z',
      at: '2026-03-03T15:00:00Z',
    });
    expect(await t.db.select().from(tasks)).toMatchObject([
      { kind: 'callback', status: 'open', dueAt: new Date('2026-03-05T16:00:00Z') },
    ]);
    const logged = await log({
      outcome: 'reached',
      result: 'do-not-call',
      kind: 'direct',
      at: '2026-03-03T16:00:00Z',
    });
    expect(logged.flags).toContain('opted-out-now');
    const view = await getProspect(t.ctx, { key: ann.id });
    expect(view.optedOut).toBe(true);
    // Her direct line is hers; the company's main line stays callable for her colleagues.
    expect(view.phones.map((p) => [p.kind, p.doNotCall])).toEqual([
      ['direct', true],
      ['main', false],
    ]);
    expect(await t.db.select().from(tasks)).toMatchObject([{ status: 'cancelled' }]);
  });

  it('a kept callback kept nagging: a dial at the promised time keeps the promise, and undoing the dial owes it again', async () => {
    await log({
      outcome: 'gatekeeper',
      result: 'callback-scheduled',
      resultAt: '2026-03-03T19:00:00Z',
      at: '2026-03-03T15:00:00Z',
    });
    const open = async () =>
      (await t.db.select().from(tasks).where(eq(tasks.prospectId, ann.id))).filter(
        (x) => x.kind === 'callback' && x.status === 'open',
      ).length;
    // A dial hours before the promise does not keep it; one at its time (or in its grace) does.
    await log({ outcome: 'no-answer', kind: 'direct', at: '2026-03-03T17:00:00Z' });
    expect(await open()).toBe(1);
    const kept = await log({ outcome: 'reached', kind: 'direct', at: '2026-03-03T18:50:00Z' });
    expect(await open()).toBe(0);
    await undoCall(t.ctx, { id: kept.attempt.id, now: new Date(Date.now()) });
    expect(await open()).toBe(1);
  });

  it('a log without a number silently took the main line: it takes the number the queue proposes, or asks which', async () => {
    const cy = await addProspect(t.ctx, {
      firstName: 'Cy',
      email: 'cy@bolt.com',
      timezone: 'America/Chicago',
      phones: [
        { number: '312-555-0300', kind: 'main' },
        { number: '312-555-0377', kind: 'direct' },
      ],
    });
    const proposed = (await buildQueue(t.ctx, { at: '2026-03-03T15:00:00Z', limit: 50 })).entries.find(
      (e) => e.prospect.id === cy.id,
    )!;
    const logged = await logCall(t.ctx, {
      body: { prospect: cy.id, outcome: 'no-answer', at: '2026-03-03T15:00:00Z' },
      now,
    });
    expect(logged.attempt.number?.e164).toBe(proposed.number.e164);
    // At 02:00 in Chicago the queue proposes nobody: the rep is asked which number, by name.
    await expect(
      logCall(t.ctx, { body: { prospect: cy.id, outcome: 'no-answer', at: '2026-03-03T08:00:00Z' }, now }),
    ).rejects.toMatchObject({
      code: 'validation',
      issues: [
        { field: 'number', reason: expect.stringContaining('main +13125550300, direct +13125550377') },
      ],
    });
  });

  it('accepts a dial to a Do-Not-Call number, since it happened, and flags it', async () => {
    await addDnc(t.ctx, { number: '312-555-0142', reason: 'registry' });
    const logged = await log({ outcome: 'no-answer', kind: 'direct' });
    expect(logged.flags).toEqual(['dnc-number']);
    expect((await listCalls(t.ctx, {}))[0]?.flags).toEqual(['dnc-number']);
    expect(await listDnc(t.ctx)).toHaveLength(1);
  });

  it('loads a Do-Not-Call list, reporting each bad line and skipping numbers already listed', async () => {
    await addDnc(t.ctx, { number: '312-555-0142' });
    const list = Readable.from([
      '\ufeffname,Phone Number\r\nAnn,(312) 555-0142\r\nBo,12\r\nCy,+44 20 7946 0018\r\n',
    ]);
    expect(await importDnc(t.ctx, { input: list, source: 'registry' })).toEqual({
      added: 1,
      alreadyListed: 1,
      rejected: [{ line: 3, reason: 'invalid phone "12": not a valid number in US' }],
      rejectedLines: 1,
    });
    expect((await listDnc(t.ctx)).map((e) => e.e164).sort()).toEqual(['+13125550142', '+442079460018']);
  });

  it('adds the person a prospect referred the rep to, at the same company, or links one already known', async () => {
    const acme = await addProspect(t.ctx, {
      firstName: 'Cy',
      email: 'cy@acme.com',
      company: 'Acme',
      companyDomain: 'acme.com',
    });
    const logged = await logCall(t.ctx, {
      body: {
        prospect: acme.id,
        outcome: 'reached',
        result: 'referred',
        referral: { firstName: 'Dee', lastName: 'Vo', title: 'CFO', phone: '312-555-0188' },
      },
      now,
    });
    const dee = await getProspect(t.ctx, { key: logged.attempt.referredProspectId! });
    expect(dee).toMatchObject({
      name: 'Dee Vo',
      title: 'CFO',
      company: { name: 'Acme' },
      research: { referredBy: 'Cy' },
    });
    const linked = await logCall(t.ctx, {
      body: {
        prospect: acme.id,
        outcome: 'gatekeeper',
        result: 'referred',
        referral: { prospect: 'ann@acme.com' },
      },
      now,
    });
    expect(linked.attempt.referredProspectId).toBe(ann.id);
    await expect(
      logCall(t.ctx, { body: { prospect: acme.id, outcome: 'reached', result: 'referred' }, now }),
    ).rejects.toMatchObject({
      issues: [{ field: 'referral' }],
    });
  });

  it('takes a number out of use after two bad results, or one carrier failure', async () => {
    expect((await log({ outcome: 'bad-number', kind: 'direct' })).flags).toEqual([]);
    expect((await log({ outcome: 'bad-number', kind: 'direct' })).flags).toEqual(['number-invalidated']);
    expect((await log({ outcome: 'bad-number', kind: 'main', carrierFailure: true })).flags).toEqual([
      'number-invalidated',
    ]);
    const numbers = await t.db.select().from(phoneNumbers).where(eq(phoneNumbers.prospectId, ann.id));
    expect(numbers.map((p) => [p.kind, p.valid])).toEqual([
      ['direct', false],
      ['main', false],
    ]);
  });

  it('adds a number dialled that was not on file', async () => {
    const logged = await log({
      outcome: 'reached',
      number: '(312) 555-0177',
      kind: 'private',
      result: 'interested',
    });
    expect(logged).toMatchObject({
      attempt: { number: { e164: '+13125550177', kind: 'private' } },
      stage: { to: 'engaged' },
    });
  });

  it('refuses a call logged more than five minutes ahead, and an unknown prospect', async () => {
    await expect(log({ outcome: 'busy', at: '2026-03-03T20:06:00Z' })).rejects.toMatchObject({
      issues: [{ field: 'at' }],
    });
    await expect(
      logCall(t.ctx, { body: { prospect: 'nobody@x.com', outcome: 'busy' }, now }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await rows(callAttempts)).toBe(0);
  });

  it('keeps the timeline in time order with counts that add up, whatever sequence is logged', async () => {
    const dial = fc.record({
      outcome: fc.constantFrom('reached', 'gatekeeper', 'voicemail', 'voicemail-left', 'no-answer', 'busy'),
      minutesAgo: fc.integer({ min: 6, max: 60 * 24 * 30 }),
      seconds: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(dial, { minLength: 1, maxLength: 10 }), async (dials) => {
        const p = await addProspect(t.ctx, {
          firstName: 'P',
          email: `p${run++}@x.com`,
          phones: [{ number: '312-555-0199', kind: 'mobile' }],
        });
        for (const d of dials) {
          const at = new Date(now.getTime() - d.minutesAgo * 60_000).toISOString();
          const message = d.outcome === 'voicemail-left' ? { kind: 'curiosity' } : undefined;
          await logCall(t.ctx, {
            body: { prospect: p.id, outcome: d.outcome, at, durationSeconds: d.seconds, message },
            now,
          });
        }
        const { effort, entries } = await timeline(t.ctx, p.id);
        expect(effort.attempts).toBe(dials.length);
        expect(effort.conversations).toBe(dials.filter((d) => d.outcome === 'reached').length);
        expect(effort.voicemails).toBe(dials.filter((d) => d.outcome === 'voicemail-left').length);
        expect(entries.filter((e) => e.type === 'call')).toHaveLength(dials.length);
        expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort());
        // The rep's time: each dial's logged talk time, or its outcome's usual time, and the wrap-up.
        const seconds = dials.reduce((sum, d) => sum + repSecondsOf(d.outcome as Outcome, d.seconds), 0);
        expect(effort.minutes).toBe(Math.round(seconds / 6) / 10);
        expect(await listCalls(t.ctx, { prospect: String(p.id) })).toHaveLength(dials.length);
      }),
      { numRuns: 6 },
    );
  });

  it('keeps a prospect who asked to stop on Do-Not-Call, whatever is logged after', async () => {
    const later = fc.array(
      fc.record({
        outcome: fc.constantFrom('reached', 'gatekeeper', 'no-answer', 'voicemail'),
        result: fc.constantFrom(undefined, 'interested', 'meeting'),
      }),
      { maxLength: 5 },
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(later, async (dials) => {
        const p = await addProspect(t.ctx, {
          firstName: 'P',
          email: `stop${run++}@x.com`,
          phones: [{ number: '312-555-0111', kind: 'mobile' }],
        });
        await logCall(t.ctx, {
          body: { prospect: p.id, outcome: 'reached', result: 'do-not-call', at: '2026-03-01T15:00:00Z' },
          now,
        });
        for (const [i, d] of dials.entries()) {
          const resultAt = d.result === 'meeting' ? { resultAt: '2026-03-10T15:00:00Z' } : {};
          const result =
            d.outcome === 'reached' || d.outcome === 'gatekeeper'
              ? { result: d.result, ...(d.result ? resultAt : {}) }
              : {};
          const logged = await logCall(t.ctx, {
            body: { prospect: p.id, outcome: d.outcome, at: `2026-03-02T1${i}:00:00Z`, ...result },
            now,
          });
          expect(logged.flags).toContain('opted-out');
        }
        const view = await getProspect(t.ctx, { key: p.id });
        expect(view.optedOut).toBe(true);
        expect(view.phones.every((ph) => ph.doNotCall)).toBe(true);
        const open = (await t.db.select().from(tasks)).filter(
          (task) => task.prospectId === p.id && task.status === 'open',
        );
        expect(open).toEqual([]);
      }),
      { numRuns: 6 },
    );
  });
});
