import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callAttempts, intelFacts, phoneNumbers } from '../src/db/schema.ts';
import { addIntel, listIntel } from '../src/modules/intel/intel.service.ts';
import { addProspect, getProspect, type ProspectView } from '../src/modules/prospects/prospects.service.ts';
import { logCall } from './support/checked.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

describe.each(drivers)('gatekeeper intelligence on %s', (driver) => {
  let t: TestDb;
  let ann: ProspectView;
  beforeEach(async () => {
    t = await freshDb(driver);
    ann = await addProspect(t.ctx, {
      firstName: 'Ann',
      email: 'ann@acme.com',
      company: 'Acme',
      phones: [{ number: '312-555-0100', kind: 'main' }],
    });
  });
  afterEach(async () => {
    await t.drop();
  });

  it('records facts heard on a call, with their source, and lists them newest first', async () => {
    const call = await logCall(t.ctx, {
      body: { prospect: ann.id, outcome: 'gatekeeper', at: '2026-03-02T15:00:00Z' },
      now: new Date('2026-03-02T16:00:00Z'),
    });
    await addIntel(t.ctx, {
      prospect: ann.id,
      type: 'gatekeeper-name',
      value: 'Janet',
      attemptId: call.attempt.id,
      at: '2026-03-02T15:01:00Z',
    });
    await addIntel(t.ctx, {
      prospect: 'ann@acme.com',
      type: 'gatekeeper-hours',
      arrives: '08:30',
      from: '13:00',
      to: '14:00',
      leaves: '17:15',
      at: '2026-03-02T15:02:00Z',
    });
    const facts = await listIntel(t.ctx, ann.id);
    expect(facts.map((f) => f.text)).toEqual([
      'gatekeeper arrives 08:30, lunch 13:00-14:00, leaves 17:15',
      'gatekeeper: Janet',
    ]);
    expect(facts[1]?.sourceAttemptId).toBe(call.attempt.id);
  });

  it('turns a private line into one of the prospect numbers', async () => {
    const fact = await addIntel(t.ctx, { prospect: ann.id, type: 'private-line', value: '(312) 555-0177' });
    expect(fact.text).toBe('private line +13125550177');
    const view = await getProspect(t.ctx, { key: ann.id });
    expect(view.phones.map((p) => [p.kind, p.e164])).toContainEqual(['private', '+13125550177']);
  });

  it('refuses a fact that does not fit its type, naming the field, and a call to someone else', async () => {
    await expect(
      addIntel(t.ctx, { prospect: ann.id, type: 'dm-hours', from: '19:00', to: '18:00' }),
    ).rejects.toMatchObject({ issues: [{ field: 'to' }] });
    await expect(
      addIntel(t.ctx, { prospect: ann.id, type: 'private-line', value: '12' }),
    ).rejects.toMatchObject({ code: 'validation' });
    const bo = await addProspect(t.ctx, { firstName: 'Bo' });
    const call = await logCall(t.ctx, { body: { prospect: bo.id, outcome: 'busy' } });
    await expect(
      addIntel(t.ctx, { prospect: ann.id, type: 'champion', value: 'Raj', attemptId: call.attempt.id }),
    ).rejects.toMatchObject({ issues: [{ field: 'attemptId' }] });
    expect(await listIntel(t.ctx, ann.id)).toEqual([]);
  });

  const now = new Date('2026-03-02T16:00:00Z');
  const heard = [
    { type: 'gatekeeper-name', value: 'Janet' },
    { type: 'private-line', value: '(312) 555-0177' },
    { type: 'dm-hours', from: '07:30', to: '08:15' },
  ];
  const rows = async (table: typeof callAttempts | typeof intelFacts | typeof phoneNumbers) =>
    Number((await t.db.select({ n: count() }).from(table))[0]?.n);

  it('stores several facts heard on a call with the log, from that call, the private line as a number', async () => {
    const logged = await logCall(t.ctx, {
      body: { prospect: ann.id, outcome: 'gatekeeper', at: '2026-03-02T15:00:00Z', intel: heard },
      now,
    });
    expect(logged.intel.map((f) => f.text)).toEqual([
      'gatekeeper: Janet',
      'private line +13125550177',
      'picks up 07:30-08:15',
    ]);
    expect(logged.intel.every((f) => f.sourceAttemptId === logged.attempt.id)).toBe(true);
    expect(logged.intel.every((f) => f.recordedAt === '2026-03-02T15:00:00.000Z')).toBe(true);
    expect(await listIntel(t.ctx, ann.id)).toHaveLength(3);
    const view = await getProspect(t.ctx, { key: ann.id });
    expect(view.phones.map((p) => [p.kind, p.e164])).toContainEqual(['private', '+13125550177']);
  });

  it('refuses the whole log when a fact heard is wrong, naming intel.N.field, and writes nothing', async () => {
    const wrong = [
      { type: 'gatekeeper-name', value: 'Janet' },
      { type: 'out-of-office' },
      { type: 'private-line', value: '12' },
    ];
    await expect(
      logCall(t.ctx, { body: { prospect: ann.id, outcome: 'gatekeeper', intel: wrong }, now }),
    ).rejects.toMatchObject({
      code: 'validation',
      issues: [
        { field: 'intel.1.until', reason: 'say until when (a date)' },
        { field: 'intel.2.value', reason: expect.stringContaining('invalid phone "12"') },
      ],
    });
    await expect(
      logCall(t.ctx, {
        body: { prospect: ann.id, outcome: 'gatekeeper', intel: [{ type: 'hunch', value: 'x' }] },
        now,
      }),
    ).rejects.toMatchObject({ issues: [{ field: 'intel.0.type' }] });
    const eleven = Array.from({ length: 11 }, () => ({ type: 'gatekeeper-name', value: 'Janet' }));
    await expect(
      logCall(t.ctx, { body: { prospect: ann.id, outcome: 'gatekeeper', intel: eleven }, now }),
    ).rejects.toMatchObject({ issues: [{ field: 'intel' }] });
    expect([await rows(callAttempts), await rows(intelFacts), await rows(phoneNumbers)]).toEqual([0, 0, 1]);
  });

  it('stores the facts of a log retried with the same idempotency key once', async () => {
    const body = {
      prospect: ann.id,
      outcome: 'gatekeeper',
      kind: 'main',
      intel: heard,
      idempotencyKey: 'k-intel',
    };
    const first = await logCall(t.ctx, { body, now });
    const again = await logCall(t.ctx, { body, now });
    expect(again).toMatchObject({ replayed: true, attempt: { id: first.attempt.id } });
    expect(again.intel.map((f) => f.id)).toEqual(first.intel.map((f) => f.id));
    await Promise.all(
      [1, 2, 3].map(() => logCall(t.ctx, { body: { ...body, idempotencyKey: 'race' }, now })),
    );
    expect(await rows(intelFacts)).toBe(6);
    expect(await rows(phoneNumbers)).toBe(2);
  });
});
