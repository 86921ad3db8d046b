import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcess } from '../src/app/operations.ts';
import { backupLines, restoreBackup } from '../src/modules/backup/backup.service.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { listDnc, listDncEvents } from '../src/modules/dnc/dnc.service.ts';
import { exportRows } from '../src/modules/exports/export.service.ts';
import { importCsv } from '../src/modules/imports/import.service.ts';
import { addProspect, editProspect, getProspect } from '../src/modules/prospects/prospects.service.ts';
import type { Ctx } from '../src/modules/team/team.service.ts';
import { addDnc, removeDnc } from './support/checked.ts';
import { collect, drivers, freshDb, type TestDb, textInput } from './support/databases.ts';
import { messyCsv } from './support/fixtures.ts';

const importText = (ctx: Ctx, text: string, extra: { dryRun?: boolean; batchSize?: number } = {}) =>
  importCsv(ctx, { input: textInput(text), ...extra });

describe.each(drivers)('storage on %s', (driver) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb(driver);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('imports a messy file, reporting every bad row by line and field and keeping every good one', async () => {
    const report = await importText(t.ctx, messyCsv);
    expect(report).toMatchObject({ preset: 'generic', imported: 3, updated: 0, unchanged: 1 });
    expect(report.rejected).toEqual([
      { line: 5, field: 'phone_direct', reason: 'invalid phone "555": not a valid number in US' },
      { line: 8, field: 'name', reason: 'missing name and email: a prospect needs one of them' },
      {
        line: 8,
        field: 'stage',
        reason: 'unknown stage "weird": use one of new, contacted, engaged, interested, customer, lost',
      },
      { line: 8, field: 'value', reason: 'not an amount from 0 to 1,000,000,000,000: "abc"' },
    ]);
    const { items } = await inProcess(t.ctx).listProspects({ query: { at: '2026-03-03T15:00:00Z' } });
    expect(items.map((p) => p.name)).toEqual(['Zoë Åkesson', '=HYPERLINK("http://evil") Doe', 'Li Wei']);
    const [first, , third] = items;
    expect(first).toMatchObject({
      value: 20000,
      timezone: 'America/New_York',
      company: { name: 'Acme, Inc.', domain: 'acme.com' },
      research: { notes: 'Met at "Expo"\nlikes golf' },
      localTime: { label: 'Tue 10:00 (America/New_York)' },
    });
    expect(first?.phones.map((p) => [p.kind, p.e164])).toEqual([
      ['direct', '+12125550142'],
      ['main', '+12125550100'],
    ]);
    expect(third).toMatchObject({
      email: 'li.wei@delta.cn',
      timezone: 'Asia/Shanghai',
      value: 1_500_000,
      stage: 'interested',
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    await importText(t.ctx, messyCsv);
    const again = await importText(t.ctx, messyCsv);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
    expect((await inProcess(t.ctx).listProspects({ query: {} })).total).toBe(3);
  });

  it('updates a changed row, matching on email when there is no external id, then on a personal number', async () => {
    await importText(
      t.ctx,
      'first_name,email,phone_direct,title\nAnn,ann@x.com,212-555-0142,CFO\nBo,,312-555-0199,VP\n',
    );
    const report = await importText(
      t.ctx,
      'first_name,email,phone_direct,title\nAnn,ANN@x.com,,CEO\nBo,,+13125550199,Owner\n',
    );
    expect(report).toMatchObject({ imported: 0, updated: 2, unchanged: 0 });
    const { items } = await inProcess(t.ctx).listProspects({ query: {} });
    expect(items.map((p) => p.title)).toEqual(['CEO', 'Owner']);
  });

  it('does not duplicate a row with only a name and company when the file is imported again', async () => {
    const csv = 'first_name,last_name,company\nAnn,Lee,Acme\nAnn,Lee,Beta\nBo,,\n';
    expect(await importText(t.ctx, csv)).toMatchObject({ imported: 3 });
    expect(await importText(t.ctx, csv.replace('Ann,Lee,Acme', 'ANN,lee,Acme'))).toMatchObject({
      imported: 0,
      unchanged: 2,
      updated: 1,
    });
    expect((await inProcess(t.ctx).listProspects({ query: {} })).total).toBe(3);
  });

  it('never merges a keyless row into a prospect known by email, even with the same name', async () => {
    await importText(t.ctx, 'first_name,last_name,company,email\nAnn,Lee,Acme,ann@acme.com\n');
    expect(await importText(t.ctx, 'first_name,last_name,company\nAnn,Lee,Acme\n')).toMatchObject({
      imported: 1,
    });
  });

  it('places a row merged from two by the merged address, so its export imports back unchanged', async () => {
    const csv =
      'first_name,last_name,phone_direct,region,country\nAnn,,+44 20 7946 0018,,Germany\nAnn,Lee,+44 20 7946 0018,NY,\n';
    expect(await importText(t.ctx, csv)).toMatchObject({ imported: 1, updated: 1 });
    const [ann] = (await inProcess(t.ctx).listProspects({ query: {} })).items;
    // A London number on a German record: the address never overrides the number, so both clocks bind.
    expect(ann).toMatchObject({
      region: 'NY',
      country: 'Germany',
      timezone: null,
      timezoneCandidates: ['Europe/Berlin', 'Europe/London'],
    });
    const exported = await collect(exportRows(t.ctx, { kind: 'prospects', format: 'csv' }));
    expect(await importText(t.ctx, exported)).toMatchObject({ imported: 0, updated: 0, unchanged: 1 });
  });

  it('never matches two people on a shared switchboard number', async () => {
    const report = await importText(t.ctx, 'first_name,phone_main\nAnn,212-555-0100\nBo,212-555-0100\n');
    expect(report).toMatchObject({ imported: 2 });
  });

  it('counts a dry run exactly and writes nothing', async () => {
    const report = await importText(t.ctx, messyCsv, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, imported: 3, unchanged: 1 });
    expect(report.rejected).toHaveLength(4);
    expect((await inProcess(t.ctx).listProspects({ query: {} })).total).toBe(0);
  });

  it('keeps earlier batches and loses the whole failing batch when the database fails mid-import', async () => {
    await t.db.execute(
      sql.raw(`create function reach_test_boom() returns trigger language plpgsql as $$
        begin if new.email = 'boom@x.com' then raise exception 'disk full'; end if; return new; end $$`),
    );
    await t.db.execute(
      sql.raw(
        'create trigger boom before insert on prospects for each row execute function reach_test_boom()',
      ),
    );
    const csv = 'first_name,email\nA,a@x.com\nB,b@x.com\nC,c@x.com\nBoom,boom@x.com\nD,d@x.com\n';
    await expect(importText(t.ctx, csv, { batchSize: 2 })).rejects.toThrow(/Import stopped after 4 rows/);
    const { items } = await inProcess(t.ctx).listProspects({ query: {} });
    expect(items.map((p) => p.email)).toEqual(['a@x.com', 'b@x.com']);
  });

  it('exports prospects as CSV that imports back into a new book unchanged', async () => {
    await importText(t.ctx, messyCsv);
    const exported = await collect(exportRows(t.ctx, { kind: 'prospects', format: 'csv' }));
    expect(exported).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const other = await freshDb(driver);
    try {
      const report = await importText(other.ctx, exported);
      expect(report).toMatchObject({ imported: 3, rejected: [] });
      expect(await collect(exportRows(other.ctx, { kind: 'prospects', format: 'csv' }))).toBe(exported);
    } finally {
      await other.drop();
    }
  });

  it('exports calls as JSON with the local time frozen at dial time', async () => {
    await loadDemo(t.ctx, { at: '2026-03-02T15:00:00Z', size: 20 });
    const calls = JSON.parse(await collect(exportRows(t.ctx, { kind: 'calls', format: 'json' }))) as Record<
      string,
      unknown
    >[];
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call['timezone']).toMatch(/^America\//);
      expect(String(call['local_time'])).toMatch(/^2026-0[23]-\d\dT(0[89]|1\d):/);
    }
  });

  it('adds and edits a prospect, refusing a second one with the same email', async () => {
    const added = await addProspect(t.ctx, {
      firstName: 'Ann',
      email: 'ann@acme.com',
      company: 'Acme',
      region: 'TX',
      country: 'US',
      phones: [{ number: '(512) 555-0142', kind: 'direct' }],
    });
    expect(added).toMatchObject({ name: 'Ann', timezone: 'America/Chicago', timezoneSource: 'address' });
    await expect(addProspect(t.ctx, { firstName: 'Other', email: 'ANN@acme.com' })).rejects.toMatchObject({
      code: 'conflict',
    });
    const edited = await editProspect(t.ctx, {
      key: 'ann@acme.com',
      body: {
        title: 'COO',
        research: { priorityObjective: 'cut freight cost 10%', benefits: ['faster', 'cheaper'] },
      },
      at: '2026-03-02T10:00:00Z',
    });
    expect(edited).toMatchObject({
      title: 'COO',
      research: { priorityObjective: 'cut freight cost 10%', benefits: ['faster', 'cheaper'] },
      researchedAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('keeps every candidate zone when the address spans zones and nothing narrows it', async () => {
    const p = await addProspect(t.ctx, { firstName: 'Tex', region: 'TX', country: 'US' });
    expect(p).toMatchObject({ timezone: null, timezoneCandidates: ['America/Chicago', 'America/Denver'] });
    expect(p.localTime.ambiguous).toBe(true);
  });

  it('puts a person and their own numbers on Do-Not-Call, and lifts it only with a named reason, a user and consent', async () => {
    const p = await addProspect(t.ctx, {
      firstName: 'Ann',
      email: 'ann@acme.com',
      phones: [
        { number: '212-555-0142', kind: 'direct' },
        { number: '917-555-0199', kind: 'mobile' },
        { number: '212-555-0100', kind: 'main' },
      ],
    });
    await addDnc(t.ctx, { prospect: p.id, reason: 'asked to stop', at: '2026-03-02T10:00:00Z' });
    const view = await getProspect(t.ctx, { key: p.id });
    expect(view.optedOut).toBe(true);
    // The company's main line stays callable for her colleagues.
    expect(view.phones.map((ph) => [ph.kind, ph.doNotCall])).toEqual([
      ['direct', true],
      ['mobile', true],
      ['main', false],
    ]);
    // The person, her two numbers and her email address.
    expect(await listDnc(t.ctx)).toHaveLength(4);
    await expect(removeDnc(t.ctx, { prospect: p.id, by: 'sam' })).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(
      removeDnc(t.ctx, { prospect: p.id, reason: 'oops', by: 'sam', consent: true }),
    ).rejects.toMatchObject({
      code: 'validation',
    });
    await expect(
      removeDnc(t.ctx, { prospect: p.id, reason: 'signed a contract, asked for calls', by: 'sam' }),
    ).rejects.toMatchObject({ issues: [{ field: 'consent' }] });
    expect(
      await removeDnc(t.ctx, {
        prospect: p.id,
        reason: 'signed a contract, asked for calls',
        by: 'sam',
        consent: true,
      }),
    ).toEqual({ removed: 4, prospects: [p.id] });
    expect((await getProspect(t.ctx, { key: p.id })).optedOut).toBe(false);
    const history = await listDncEvents(t.ctx);
    expect(history.filter((e) => e.action === 'lifted')).toHaveLength(4);
    expect(history[0]).toMatchObject({
      action: 'lifted',
      by: 'sam',
      consent: true,
      reason: 'signed a contract, asked for calls',
    });
  });

  it('restores a full backup into an empty book, identical row for row', async () => {
    await loadDemo(t.ctx, { at: '2026-03-02T15:00:00Z', size: 30 });
    const backup = await collect(backupLines(t.db, new Date('2026-03-02T16:00:00Z')));
    const other = await freshDb(driver);
    try {
      const counts = await restoreBackup(other.db, Readable.from([backup]));
      expect(counts['prospects']).toBe(30);
      const [before, after] = await Promise.all([
        getProspect(t.ctx, { key: 'demo-0007' }),
        getProspect({ db: other.db, team: t.ctx.team }, { key: 'demo-0007' }),
      ]);
      expect({ ...after, localTime: null }).toEqual({ ...before, localTime: null });
      const fresh = await addProspect({ db: other.db, team: t.ctx.team }, { firstName: 'New' });
      expect(fresh.id).toBe(31);
    } finally {
      await other.drop();
    }
  });

  it('imports a HubSpot contacts export with its preset detected', async () => {
    const csv = [
      'First Name,Last Name,Email,Phone Number,Mobile Phone Number,Company Name,Job Title,City,State/Region,Country/Region,Time Zone,Lifecycle Stage,Industry',
      'Ann,Lee,ann@acme.com,+1 (303) 555-0142,,Acme,CFO,Denver,Colorado,United States,,Lead,Software',
      'Bo,Ek,bo@beta.com,,+1 206 555 0111,Beta,CTO,Seattle,WA,United States,america_slash_los_angeles,Opportunity,Software',
    ].join('\n');
    const report = await importText(t.ctx, csv);
    expect(report).toMatchObject({ preset: 'hubspot', imported: 2, rejected: [] });
    const { items } = await inProcess(t.ctx).listProspects({ query: {} });
    expect(items.map((p) => [p.timezone, p.stage])).toEqual([
      ['America/Denver', 'new'],
      ['America/Los_Angeles', 'interested'],
    ]);
  });

  it('imports whether they already have the product or a vendor relationship, and reports a bad cell by line and field', async () => {
    const csv = [
      'first_name,email,already_has_product,competitor_relationship',
      'Ann,ann@acme.com,Yes,n',
      'Bo,bo@beta.com,0,TRUE',
      'Cy,cy@gamma.com,,',
      'Di,di@delta.com,maybe,1',
    ].join('\n');
    const report = await importText(t.ctx, csv);
    expect(report).toMatchObject({ imported: 3 });
    expect(report.rejected).toEqual([
      {
        line: 5,
        field: 'already_has_product',
        reason: 'not yes or no: "maybe" (write yes, no, true, false, 1 or 0)',
      },
    ]);
    const { items } = await inProcess(t.ctx).listProspects({ query: {} });
    expect(items.map((p) => [p.name, p.alreadyHasProduct, p.competitorRelationship])).toEqual([
      ['Ann', true, false],
      ['Bo', false, true],
      ['Cy', false, false],
    ]);
    // An empty cell leaves a stored answer alone.
    await importText(t.ctx, 'email,already_has_product,competitor_relationship\nann@acme.com,,yes\n');
    expect(await getProspect(t.ctx, { key: 'ann@acme.com' })).toMatchObject({
      alreadyHasProduct: true,
      competitorRelationship: true,
    });
  });

  it('reads a Salesforce lead export whose custom columns say they have the product or name their current vendor', async () => {
    const csv = [
      'Lead ID,First Name,Last Name,Company,Email,Lead Status,Already Has Product,Current Vendor',
      '00Q1,Ann,Lee,Acme,ann@acme.com,Open,true,Oracle',
      '00Q2,Bo,Ek,Beta,bo@beta.com,Open,false,none',
    ].join('\n');
    const report = await importText(t.ctx, csv);
    expect(report).toMatchObject({ preset: 'salesforce', imported: 2, rejected: [] });
    expect(report.mapping.slice(-2)).toEqual([
      { column: 'Already Has Product', field: 'alreadyHasProduct' },
      { column: 'Current Vendor', field: 'competitorRelationship' },
    ]);
    const { items } = await inProcess(t.ctx).listProspects({ query: {} });
    expect(items.map((p) => [p.alreadyHasProduct, p.competitorRelationship])).toEqual([
      [true, true],
      [false, false],
    ]);
  });

  it('adds and edits whether they already have the product or a vendor relationship', async () => {
    const added = await addProspect(t.ctx, { firstName: 'Ann', alreadyHasProduct: true });
    expect(added).toMatchObject({ alreadyHasProduct: true, competitorRelationship: false });
    const edited = await editProspect(t.ctx, {
      key: added.id,
      body: { alreadyHasProduct: false, competitorRelationship: true },
    });
    expect(edited).toMatchObject({ alreadyHasProduct: false, competitorRelationship: true });
    await expect(
      inProcess(t.ctx).editProspect({
        params: { key: added.id },
        body: { competitorRelationship: 'maybe' } as never,
      }),
    ).rejects.toMatchObject({ code: 'validation', issues: [{ field: 'competitorRelationship' }] });
  });
});
