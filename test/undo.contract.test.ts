import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/rows.ts';
import { undoCall } from '../src/modules/calls/undo.service.ts';
import { addProspect, type ProspectView } from '../src/modules/prospects/prospects.service.ts';
import { addIntel, logCall } from './support/checked.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

/** Everything a logged call writes or teaches, as one comparable picture. */
async function picture(t: TestDb) {
  const read = async (query: ReturnType<typeof sql>) => rowsOf(await t.db.execute(query));
  return {
    prospects: await read(sql`
      select id, stage, dials, reached_count, last_dial_at::text, last_message_at::text, recent_dials::text,
        hour_dials::text, hour_reached::text, opted_out from prospects order by id`),
    companies: await read(sql`select id, hour_dials::text, hour_reached::text from companies order by id`),
    counts: await read(sql`
      select scope, scope_id, kind, slot, dials, reached, gatekeeper from reach_counts
      where dials <> 0 or reached <> 0 or gatekeeper <> 0 order by scope, scope_id, kind, slot`),
    phones: await read(sql`select id, valid, bad_count, invalid_reason from phone_numbers order by id`),
    rows: await read(sql`
      select (select count(*) from call_attempts)::int as calls, (select count(*) from voicemails)::int as messages,
        (select count(*) from stage_changes)::int as stages, (select count(*) from tasks)::int as tasks,
        (select count(*) from intel_facts)::int as facts`),
  };
}

describe.each(drivers)('undoing a call on %s', (driver) => {
  let t: TestDb;
  let ann: ProspectView;
  const log = (body: Record<string, unknown>) => logCall(t.ctx, { body: { prospect: ann.id, ...body } });

  beforeEach(async () => {
    t = await freshDb(driver);
    ann = await addProspect(t.ctx, {
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
    await log({ outcome: 'gatekeeper', at: '2026-03-02T15:10:00Z', kind: 'main' });
    await log({
      outcome: 'voicemail-left',
      at: '2026-03-02T22:40:00Z',
      kind: 'direct',
      message: { kind: 'information' },
    });
  });
  afterEach(async () => {
    await t.drop();
  });

  const cases: [string, Record<string, unknown>][] = [
    [
      'a conversation that booked a meeting',
      { outcome: 'reached', result: 'meeting', resultAt: '2026-03-05T16:00:00Z', kind: 'direct' },
    ],
    ['a gatekeeper', { outcome: 'gatekeeper', kind: 'main' }],
    [
      'a message left',
      {
        outcome: 'voicemail-left',
        kind: 'direct',
        message: { kind: 'invitation', text: 'Ann, Sam at Reach.' },
      },
    ],
    ['no answer', { outcome: 'no-answer', kind: 'direct' }],
    [
      'a bad number that took the number out of use',
      { outcome: 'bad-number', kind: 'main', carrierFailure: true },
    ],
  ];

  it.each(cases)('takes back %s and everything it wrote and taught', async (_, body) => {
    const before = await picture(t);
    const logged = await log({ ...body, at: '2026-03-03T16:30:00Z' });
    await addIntel(t.ctx, {
      prospect: ann.id,
      type: 'gatekeeper-name',
      value: 'Martha',
      attemptId: logged.attempt.id,
    });
    expect(await picture(t)).not.toEqual(before);
    const undone = await undoCall(t.ctx, { id: logged.attempt.id });
    expect(undone).toMatchObject({ undone: logged.attempt.id, prospectId: ann.id, outcome: body['outcome'] });
    expect(await picture(t)).toEqual(before);
  });

  it('puts a first dial back to new', async () => {
    const bea = await addProspect(t.ctx, {
      firstName: 'Bea',
      email: 'bea@acme.com',
      timezone: 'America/Chicago',
    });
    const logged = await logCall(t.ctx, {
      body: { prospect: bea.id, outcome: 'no-answer', at: '2026-03-03T16:30:00Z' },
    });
    expect(logged.stage?.to).toBe('contacted');
    expect((await undoCall(t.ctx, { id: logged.attempt.id })).stage).toBe('new');
  });

  it('refuses after a minute, and for a do-not-call request, changing nothing', async () => {
    const logged = await log({ outcome: 'no-answer', kind: 'direct', at: '2026-03-03T16:30:00Z' });
    const later = new Date(Date.now() + 61_000);
    await expect(undoCall(t.ctx, { id: logged.attempt.id, now: later })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/can be undone for 60 s/),
    });
    const stop = await log({
      outcome: 'reached',
      result: 'do-not-call',
      kind: 'direct',
      at: '2026-03-03T16:35:00Z',
    });
    const before = await picture(t);
    await expect(undoCall(t.ctx, { id: stop.attempt.id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/dnc remove/),
    });
    expect(await picture(t)).toEqual(before);
    await expect(undoCall(t.ctx, { id: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(undoCall(t.ctx, { id: 'x' })).rejects.toMatchObject({ code: 'validation' });
  });
});
