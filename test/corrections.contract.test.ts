import { count, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/rows.ts';
import { callCorrections } from '../src/db/schema.ts';
import { startCadence } from '../src/modules/cadences/enrollments.service.ts';
import { recordCallback } from '../src/modules/calls/callbacks.service.ts';
import { timeline } from '../src/modules/calls/timeline.service.ts';
import { addProspect } from '../src/modules/prospects/prospects.service.ts';
import { correctCall, listCalls, logCall } from './support/checked.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

const now = new Date('2026-03-10T12:00:00Z');
const CALL_AT = '2026-03-03T16:30:00Z';
const CORRECTED_AT = '2026-03-05T09:00:00Z';

type Body = Record<string, unknown>;

/** Ann (Acme, a gatekeeper met there, on a cadence), Bea (new, at a company nobody has called) and Cy. */
async function book(t: TestDb): Promise<{ ann: number; bea: number; cy: number }> {
  const ann = await addProspect(t.ctx, {
    firstName: 'Ann',
    email: 'ann@acme.com',
    company: 'Acme',
    title: 'CFO',
    timezone: 'America/Chicago',
    phones: [
      { number: '312-555-0142', kind: 'direct' },
      { number: '312-555-0100', kind: 'main' },
    ],
  });
  const bea = await addProspect(t.ctx, {
    firstName: 'Bea',
    email: 'bea@beta.io',
    company: 'Beta',
    title: 'Controller',
    timezone: 'America/New_York',
    phones: [
      { number: '212-555-0142', kind: 'direct' },
      { number: '212-555-0100', kind: 'main' },
    ],
  });
  const cy = await addProspect(t.ctx, {
    firstName: 'Cy',
    email: 'cy@gamma.com',
    company: 'Gamma',
    timezone: 'America/Denver',
    phones: [{ number: '303-555-0142', kind: 'direct' }],
  });
  await startCadence(t.ctx, { cadence: 'cold-3-weeks', prospects: [ann.id], at: '2026-03-02T11:00:00Z' });
  const log = (body: Body) => logCall(t.ctx, { body, now });
  await log({ prospect: ann.id, outcome: 'gatekeeper', kind: 'main', at: '2026-03-02T15:10:00Z' });
  await log({
    prospect: ann.id,
    outcome: 'voicemail-left',
    kind: 'direct',
    at: '2026-03-02T22:40:00Z',
    message: { kind: 'information', text: 'Ann, Sam at Northwind, 312 555 0147.' },
  });
  await log({ prospect: ann.id, outcome: 'bad-number', kind: 'main', at: '2026-03-02T23:00:00Z' });
  return { ann: ann.id, bea: bea.id, cy: cy.id };
}

/** Everything a call writes or teaches that a rep or the queue reads, without ids that depend on history. */
async function picture(t: TestDb) {
  const read = async (query: ReturnType<typeof sql>) => rowsOf(await t.db.execute(query));
  return {
    prospects: await read(sql`
      select id, stage, dials, reached_count, messages, rep_seconds, meetings, last_dial_at::text,
        last_message_at::text, recent_dials::text, hour_dials::text, hour_reached::text, opted_out
      from prospects order by id`),
    companies: await read(sql`select id, hour_dials::text, hour_reached::text from companies order by id`),
    counts: await read(sql`
      select scope, scope_id, kind, slot, dials, reached, gatekeeper from reach_counts
      where dials <> 0 or reached <> 0 or gatekeeper <> 0 order by scope, scope_id, kind, slot`),
    phones: await read(sql`
      select prospect_id, e164, kind, valid, bad_count, invalid_reason from phone_numbers order by prospect_id, e164`),
    calls: await read(sql`
      select a.id, a.outcome, a.result, a.result_at::text, n.e164, a.duration_seconds, a.rep_seconds, a.note, a.flags::text
      from call_attempts a left join phone_numbers n on n.id = a.phone_id order by a.id`),
    messages: await read(sql`
      select prospect_id, attempt_id, at::text, kind, text, seconds from voicemails order by attempt_id`),
    stages: await read(sql`
      select prospect_id, from_stage, to_stage, at::text, reason, attempt_id from stage_changes
      order by prospect_id, at, to_stage`),
    openTasks: await read(sql`
      select prospect_id, kind, due_at::text, step, payload->>'attemptId' as attempt, payload->>'promisedBy' as by
      from tasks where status = 'open' order by prospect_id, due_at, kind`),
    cadences: await read(sql`select prospect_id, status from enrollments order by prospect_id`),
    dnc: await read(sql`
      select prospect_id, e164, source from dnc_entries where removed_at is null order by prospect_id, e164 nulls first`),
  };
}

type Case = [string, { who: 'ann' | 'bea'; wrong: Body; right: Body; correction: Body }];

const cases: Case[] = [
  [
    'no answer that was a message left',
    {
      who: 'ann',
      wrong: { outcome: 'no-answer', kind: 'direct' },
      right: {
        outcome: 'voicemail-left',
        kind: 'direct',
        message: { kind: 'curiosity', text: 'Ann, Sam here.' },
      },
      correction: { outcome: 'voicemail-left', message: { kind: 'curiosity', text: 'Ann, Sam here.' } },
    },
  ],
  [
    'a message left that was no answer',
    {
      who: 'ann',
      wrong: { outcome: 'voicemail-left', kind: 'direct', message: { kind: 'invitation' } },
      right: { outcome: 'no-answer', kind: 'direct' },
      correction: { outcome: 'no-answer' },
    },
  ],
  [
    'interest that was a meeting booked',
    {
      who: 'ann',
      wrong: { outcome: 'reached', kind: 'direct', result: 'interested' },
      right: { outcome: 'reached', kind: 'direct', result: 'meeting', resultAt: '2026-03-09T16:00:00Z' },
      correction: { result: 'meeting', resultAt: '2026-03-09T16:00:00Z' },
    },
  ],
  [
    'a meeting booked that was only interest',
    {
      who: 'ann',
      wrong: { outcome: 'reached', kind: 'direct', result: 'meeting', resultAt: '2026-03-09T16:00:00Z' },
      right: { outcome: 'reached', kind: 'direct', result: 'interested' },
      correction: { result: 'interested' },
    },
  ],
  [
    'a gatekeeper that was a conversation with a promised callback',
    {
      who: 'ann',
      wrong: { outcome: 'gatekeeper', kind: 'main' },
      right: {
        outcome: 'reached',
        kind: 'main',
        result: 'callback-scheduled',
        resultAt: '2026-03-06T15:00:00Z',
      },
      correction: { outcome: 'reached', result: 'callback-scheduled', resultAt: '2026-03-06T15:00:00Z' },
    },
  ],
  [
    'a callback promised for the wrong time',
    {
      who: 'ann',
      wrong: {
        outcome: 'gatekeeper',
        kind: 'main',
        result: 'callback-scheduled',
        resultAt: '2026-03-06T15:00:00Z',
      },
      right: {
        outcome: 'gatekeeper',
        kind: 'main',
        result: 'callback-scheduled',
        resultAt: '2026-03-06T19:00:00Z',
      },
      correction: { resultAt: '2026-03-06T19:00:00Z' },
    },
  ],
  [
    'a bad number that rang out',
    {
      who: 'ann',
      wrong: { outcome: 'bad-number', kind: 'main' },
      right: { outcome: 'no-answer', kind: 'main' },
      correction: { outcome: 'no-answer' },
    },
  ],
  [
    'no answer on a dead number',
    {
      who: 'ann',
      wrong: { outcome: 'no-answer', kind: 'main' },
      right: { outcome: 'bad-number', kind: 'main' },
      correction: { outcome: 'bad-number' },
    },
  ],
  [
    'a dial logged on the wrong number',
    {
      who: 'ann',
      wrong: { outcome: 'no-answer', kind: 'main' },
      right: { outcome: 'no-answer', kind: 'direct' },
      correction: { number: '(312) 555-0142' },
    },
  ],
  [
    'interest that was a request to stop calling',
    {
      who: 'ann',
      wrong: { outcome: 'reached', kind: 'direct', result: 'interested' },
      right: { outcome: 'reached', kind: 'direct', result: 'do-not-call' },
      correction: { result: 'do-not-call' },
    },
  ],
  [
    'a first dial that booked a meeting',
    {
      who: 'bea',
      wrong: { outcome: 'no-answer', kind: 'direct' },
      right: { outcome: 'reached', kind: 'direct', result: 'meeting', resultAt: '2026-03-09T16:00:00Z' },
      correction: { outcome: 'reached', result: 'meeting', resultAt: '2026-03-09T16:00:00Z' },
    },
  ],
  [
    'the first gatekeeper at a company, who was an answering machine',
    {
      who: 'bea',
      wrong: { outcome: 'gatekeeper', kind: 'main' },
      right: { outcome: 'voicemail', kind: 'main' },
      correction: { outcome: 'voicemail' },
    },
  ],
];

describe.each(drivers)('correcting a call on %s', (driver) => {
  // Each case compares two books: one logged wrong and corrected, one logged right.
  it.each(cases)(
    'ends a book where %s was corrected exactly as one where it was logged right',
    async (_, c) => {
      const [wrong, right] = [await freshDb(driver), await freshDb(driver)];
      try {
        const books = [await book(wrong), await book(right)];
        const logged = await logCall(wrong.ctx, {
          body: { prospect: books[0]![c.who], at: CALL_AT, ...c.wrong },
          now,
        });
        await logCall(right.ctx, { body: { prospect: books[1]![c.who], at: CALL_AT, ...c.right }, now });
        // Other work goes on between the log and its correction.
        for (const [t, ids] of [
          [wrong, books[0]!],
          [right, books[1]!],
        ] as const)
          await logCall(t.ctx, {
            body: { prospect: ids.cy, outcome: 'reached', result: 'interested', at: '2026-03-04T17:00:00Z' },
            now,
          });
        const corrected = await correctCall(wrong.ctx, {
          id: logged.attempt.id,
          body: { ...c.correction, reason: 'keyed the wrong outcome', by: 'Sam', at: CORRECTED_AT },
          now,
        });
        expect(corrected.correction).toMatchObject({ attemptId: logged.attempt.id, by: 'Sam' });
        expect(await picture(wrong)).toEqual(await picture(right));
      } finally {
        await wrong.drop();
        await right.drop();
      }
    },
    120_000,
  );
});

describe.each(drivers)('refusing a correction on %s', (driver) => {
  let t: TestDb;
  let ids: { ann: number; bea: number; cy: number };
  const correct = (id: number | string, body: Body) =>
    correctCall(t.ctx, { id, body: { reason: 'keyed the wrong outcome', ...body }, now });
  const corrections = async () => Number((await t.db.select({ n: count() }).from(callCorrections))[0]?.n);

  beforeEach(async () => {
    t = await freshDb(driver);
    ids = await book(t);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('refuses a corrected call that could not be logged, naming the field, and writes nothing', async () => {
    const call = await logCall(t.ctx, {
      body: { prospect: ids.ann, outcome: 'reached', result: 'interested', kind: 'direct', at: CALL_AT },
      now,
    });
    const before = await picture(t);
    await expect(correct(call.attempt.id, { result: 'meeting' })).rejects.toMatchObject({
      code: 'validation',
      issues: [{ field: 'resultAt', reason: 'a meeting needs its time' }],
    });
    await expect(correct(call.attempt.id, { outcome: 'busy', result: 'interested' })).rejects.toMatchObject({
      issues: [{ field: 'result' }],
    });
    await expect(correct(call.attempt.id, { outcome: 'voicemail-left' })).rejects.toMatchObject({
      issues: [{ field: 'message.kind' }],
    });
    await expect(correct(call.attempt.id, { message: { kind: 'curiosity' } })).rejects.toMatchObject({
      issues: [{ field: 'message' }],
    });
    await expect(correct(call.attempt.id, { number: '12' })).rejects.toMatchObject({
      issues: [{ field: 'number' }],
    });
    await expect(correct(call.attempt.id, { result: 'interested' })).rejects.toMatchObject({
      issues: [{ field: 'body' }],
    });
    await expect(correct(call.attempt.id, { outcome: 'busy', reason: 'no' })).rejects.toMatchObject({
      issues: [{ field: 'reason' }],
    });
    await expect(
      correct(call.attempt.id, { outcome: 'busy', at: '2026-03-01T00:00:00Z' }),
    ).rejects.toMatchObject({ issues: [{ field: 'at' }] });
    expect(await picture(t)).toEqual(before);
    expect(await corrections()).toBe(0);
  });

  it('refuses a call id that is not a number or out of range with 400, and an unknown one with 404', async () => {
    await expect(correct('x', { outcome: 'busy' })).rejects.toMatchObject({
      code: 'validation',
      issues: [{ field: 'id' }],
    });
    await expect(correct('99999999999', { outcome: 'busy' })).rejects.toMatchObject({
      issues: [{ field: 'id' }],
    });
    await expect(correct(2_147_483_647, { outcome: 'busy' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses to take back a do-not-call request, naming the command that lifts it', async () => {
    const stop = await logCall(t.ctx, {
      body: { prospect: ids.ann, outcome: 'reached', result: 'do-not-call', kind: 'direct', at: CALL_AT },
      now,
    });
    const before = await picture(t);
    await expect(correct(stop.attempt.id, { result: 'interested' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining(
        `reach dnc remove --prospect ${ids.ann} --reason TEXT --i-have-consent`,
      ),
    });
    await expect(correct(stop.attempt.id, { outcome: 'no-answer' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await picture(t)).toEqual(before);
    const noted = await correct(stop.attempt.id, { note: 'said it twice' });
    expect(noted.call.attempt).toMatchObject({ result: 'do-not-call', note: 'said it twice' });
  });

  it('refuses to take away a message a callback was credited to', async () => {
    const left = await logCall(t.ctx, {
      body: {
        prospect: ids.bea,
        outcome: 'voicemail-left',
        kind: 'direct',
        message: { kind: 'information' },
        at: CALL_AT,
      },
      now,
    });
    await recordCallback(t.ctx, { from: '212-555-0142', at: '2026-03-04T14:00:00Z' });
    const before = await picture(t);
    await expect(correct(left.attempt.id, { outcome: 'voicemail' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/callback \d+ was credited to/),
    });
    expect(await picture(t)).toEqual(before);
    const rekind = await correct(left.attempt.id, { message: { kind: 'curiosity' } });
    expect(rekind.correction.after.message).toEqual({ kind: 'curiosity', text: null });
  });

  it('applies two simultaneous corrections of one call one after the other, never both from the same call', async () => {
    const call = await logCall(t.ctx, {
      body: { prospect: ids.ann, outcome: 'no-answer', kind: 'direct', at: CALL_AT },
      now,
    });
    const settled = await Promise.allSettled([1, 2].map(() => correct(call.attempt.id, { outcome: 'busy' })));
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(settled.find((s) => s.status === 'rejected')).toMatchObject({
      reason: { code: 'validation', issues: [{ field: 'body' }] },
    });
    const [ann] = rowsOf<{ dials: number }>(
      await t.db.execute(sql`select dials from prospects where id = ${ids.ann}`),
    );
    expect(Number(ann?.dials)).toBe(4);
    expect(await corrections()).toBe(1);
  });

  it('keeps who corrected what and why, shows it on the timeline, and lists the call as it now reads', async () => {
    const call = await logCall(t.ctx, {
      body: { prospect: ids.ann, outcome: 'no-answer', kind: 'direct', at: CALL_AT },
      now,
    });
    const corrected = await correct(call.attempt.id, {
      outcome: 'voicemail',
      by: 'Sam',
      reason: 'wrong key',
    });
    expect(corrected).toMatchObject({
      correction: {
        attemptId: call.attempt.id,
        by: 'Sam',
        reason: 'wrong key',
        before: { outcome: 'no-answer' },
        after: { outcome: 'voicemail' },
        changed: ['outcome'],
      },
      call: { attempt: { id: call.attempt.id, outcome: 'voicemail' } },
    });
    const entries = (await timeline(t.ctx, ids.ann)).entries.filter((e) => e.type === 'correction');
    expect(entries.map((e) => e.text)).toEqual([
      `corrected call ${call.attempt.id}: no-answer → voicemail, by Sam: wrong key`,
    ]);
    const listed = await listCalls(t.ctx, { prospect: String(ids.ann) });
    expect(listed.find((c) => c.id === call.attempt.id)?.outcome).toBe('voicemail');
    const unsigned = await correct(call.attempt.id, { note: 'a greeting only' });
    expect(unsigned.correction.by).toBe('desk');
    expect(await corrections()).toBe(2);
  });
});
