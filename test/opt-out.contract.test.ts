import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/rows.ts';
import { startCadence } from '../src/modules/cadences/enrollments.service.ts';
import { listDnc } from '../src/modules/dnc/dnc.service.ts';
import { exportRows } from '../src/modules/exports/export.service.ts';
import { importCsv } from '../src/modules/imports/import.service.ts';
import { dueAutoEmails } from '../src/modules/jobs/worker.ts';
import { addProspect, getProspect } from '../src/modules/prospects/prospects.service.ts';
import { voicemailAdvice } from '../src/modules/voicemail/voicemail.service.ts';
import { addDnc, buildQueue, logCall, updateTeamConfig } from './support/checked.ts';
import { collect, drivers, freshDb, type TestDb, textInput } from './support/databases.ts';

const START = '2026-03-02T14:00:00Z';

describe.each(drivers)('an opt-out binds the person on %s', (driver) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb(driver);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('a new external id with an opted-out email is imported opted out, and the report says why', async () => {
    const ann = await addProspect(t.ctx, { externalId: 'crm-1', firstName: 'Ann', email: 'Ann@Acme.com' });
    await addDnc(t.ctx, { prospect: ann.id, reason: 'asked not to be called', at: START });
    const report = await importCsv(t.ctx, {
      input: textInput('external_id,first_name,email,phone_mobile\ncrm-99,Ann,ann@acme.com,917-555-0199\n'),
    });
    expect(report).toMatchObject({ imported: 1 });
    expect(report.suppressed).toEqual([
      {
        line: 2,
        prospectId: expect.any(Number),
        reason: 'shares the email address ann@acme.com with a person who asked not to be contacted',
      },
    ]);
    const again = await getProspect(t.ctx, { key: report.suppressed[0]!.prospectId });
    expect(again.optedOut).toBe(true);
    // Her new mobile is hers: on the list too.
    expect(again.phones[0]).toMatchObject({ e164: '+19175550199', doNotCall: true });
  });

  it('a stop request on one record opts out every record sharing the email or an own number, never a colleague on the main line', async () => {
    const ann = await addProspect(t.ctx, {
      externalId: 'a',
      firstName: 'Ann',
      email: 'ann@acme.com',
      phones: [
        { number: '212-555-0142', kind: 'direct' },
        { number: '212-555-0100', kind: 'main' },
      ],
    });
    await importCsv(t.ctx, {
      input: textInput(
        'external_id,first_name,email,phone_mobile,phone_main\nb,Ann,ANN@acme.com,,\nc,A.,,212-555-0142,\nd,Bo,,,212-555-0100\n',
      ),
    });
    const [twin, byMobile, colleague] = await Promise.all(
      ['b', 'c', 'd'].map((key) => getProspect(t.ctx, { key })),
    );
    await logCall(t.ctx, {
      body: { prospect: ann.id, outcome: 'reached', result: 'do-not-call', at: START },
      now: new Date(START),
    });
    for (const p of [ann, twin!, byMobile!])
      expect((await getProspect(t.ctx, { key: p.id })).optedOut).toBe(true);
    expect((await getProspect(t.ctx, { key: colleague!.id })).optedOut).toBe(false);
    const listed = (await listDnc(t.ctx)).map((e) => e.e164 ?? e.email).filter(Boolean);
    expect(listed.sort()).toEqual(['+12125550142', 'ann@acme.com']);
  });
  it('the worker sends no email to an unsubscribed address, on any record', async () => {
    await updateTeamConfig(t.ctx, {
      smtpUrl: 'smtp://127.0.0.1:2525',
      emailFrom: 'Sam <sam@northwind.example>',
      postalAddress: 'Northwind, 200 W Madison St, Chicago, IL 60606',
    });
    await importCsv(t.ctx, {
      input: textInput(
        'external_id,first_name,email,timezone\nx1,Cy,cy@bolt.com,America/Chicago\nx2,Cy,cy@bolt.com,America/Chicago\n',
      ),
    });
    const [first, second] = await Promise.all(['x1', 'x2'].map((key) => getProspect(t.ctx, { key })));
    await startCadence(t.ctx, { cadence: 'cold-3-weeks', prospects: [second!.id], at: START });
    const later = new Date('2026-03-20T20:00:00Z');
    expect((await dueAutoEmails(t.ctx, later)).length).toBeGreaterThan(0);
    await addDnc(t.ctx, { prospect: first!.id, reason: 'unsubscribed from every email', at: START });
    expect(await dueAutoEmails(t.ctx, later)).toEqual([]);
  });
  it('a DNC number closes every channel that dials it: the queue, the voicemail decision and the cadence call steps', async () => {
    const di = await addProspect(t.ctx, {
      firstName: 'Di',
      title: 'CFO',
      timezone: 'America/New_York',
      phones: [{ number: '212-555-0177', kind: 'direct' }],
    });
    await startCadence(t.ctx, { cadence: 'cold-3-weeks', prospects: [di.id], at: START });
    await addDnc(t.ctx, {
      number: '212-555-0177',
      reason: 'national registry',
      source: 'registry',
      at: START,
    });
    const open = rowsOf<{ kind: string; count: number }>(
      await t.db.execute(
        sql`select kind, count(*)::int as count from tasks where prospect_id = ${di.id} and status = 'open' group by kind`,
      ),
    );
    expect(open.find((r) => r.kind === 'call')).toBeUndefined();
    const at = '2026-03-03T15:00:00Z';
    expect((await buildQueue(t.ctx, { at })).entries.map((e) => e.prospect.id)).not.toContain(di.id);
    const advice = await voicemailAdvice(t.ctx, { prospect: String(di.id), query: { at } });
    expect(advice).toMatchObject({ decision: 'skip' });
  });

  it('the export carries opt-outs and Do-Not-Call numbers, and an import into a new book honours them', async () => {
    const ann = await addProspect(t.ctx, {
      externalId: 'a',
      firstName: 'Ann',
      email: 'ann@acme.com',
      phones: [{ number: '212-555-0142', kind: 'direct' }],
    });
    const bo = await addProspect(t.ctx, {
      externalId: 'b',
      firstName: 'Bo',
      phones: [
        { number: '212-555-0177', kind: 'direct' },
        { number: '917-555-0100', kind: 'mobile' },
      ],
    });
    await addDnc(t.ctx, { prospect: ann.id, reason: 'asked not to be called', at: START });
    await addDnc(t.ctx, {
      number: '212-555-0177',
      reason: 'national registry',
      source: 'registry',
      at: START,
    });
    const exported = await collect(exportRows(t.ctx, { kind: 'prospects', format: 'csv' }));
    expect(exported).toContain('opted_out,do_not_call');
    const other = await freshDb(driver);
    try {
      await importCsv(other.ctx, { input: textInput(exported) });
      const [annThere, boThere] = await Promise.all(['a', 'b'].map((key) => getProspect(other.ctx, { key })));
      expect(annThere).toMatchObject({ optedOut: true });
      expect(annThere!.phones[0]).toMatchObject({ doNotCall: true });
      expect(boThere).toMatchObject({ optedOut: false });
      expect(boThere!.phones.map((p) => p.doNotCall)).toEqual([true, false]);
      void bo;
    } finally {
      await other.drop();
    }
  });
});
