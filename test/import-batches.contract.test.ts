import { asc, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { companies, phoneNumbers, prospects, users } from '../src/db/schema.ts';
import { importCsv, type Rejection } from '../src/modules/imports/import.service.ts';
import type { Ctx } from '../src/modules/team/team.service.ts';
import { drivers, freshDb, type TestDb, textInput } from './support/databases.ts';

const importText = (ctx: Ctx, text: string, extra: { batchSize?: number; dryRun?: boolean } = {}) =>
  importCsv(ctx, { input: textInput(text, 64), ...extra });

// Batches load through COPY into staging tables and are applied set-wise: these pin what a batch
// must still do row by row, on both engines.
describe.each(drivers)('import batches on %s', (driver) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb(driver);
  });
  afterEach(async () => {
    await t.drop();
  });

  const stored = () => t.db.select().from(prospects).orderBy(asc(prospects.id));
  const numbers = () => t.db.select().from(phoneNumbers).orderBy(asc(phoneNumbers.e164));

  it('inserts, updates and leaves unchanged in one batch, touching only the fields a row gives', async () => {
    await importText(
      t.ctx,
      'external_id,first_name,last_name,title,email,phone_direct\n' +
        'a1,Ann,Lee,CFO,ann@acme.example,212-555-0101\n' +
        'b1,Bo,Kim,CTO,bo@acme.example,212-555-0102\n',
    );
    // Ann's title was edited since; her row below names no title, so it must stay.
    await t.db.execute(sql`update prospects set title = 'VP Finance' where external_id = 'a1'`);
    const report = await importText(
      t.ctx,
      'external_id,first_name,last_name,email,phone_direct,phone_mobile\n' +
        'a1,Ann,Lee-Smith,ann@acme.example,212-555-0101,917-555-0111\n' +
        'b1,Bo,Kim,bo@acme.example,212-555-0102,\n' +
        'c1,Cy,Ng,cy@acme.example,,917-555-0133\n',
    );
    expect(report).toMatchObject({ rows: 3, imported: 1, updated: 1, unchanged: 1, rejectedRows: 0 });
    const [ann, bo, cy] = await stored();
    expect(ann).toMatchObject({ externalId: 'a1', lastName: 'Lee-Smith', title: 'VP Finance' });
    expect(bo).toMatchObject({ externalId: 'b1', lastName: 'Kim', title: 'CTO' });
    expect(cy).toMatchObject({ externalId: 'c1', email: 'cy@acme.example', title: null });
    expect((await numbers()).map((n) => [n.prospectId, n.e164, n.kind])).toEqual([
      [ann!.id, '+12125550101', 'direct'],
      [bo!.id, '+12125550102', 'direct'],
      [ann!.id, '+19175550111', 'mobile'],
      [cy!.id, '+19175550133', 'mobile'],
    ]);
  });

  it('a list read again put an engaged prospect back to new: an import moves a stage only forward, or to won or lost', async () => {
    const header = 'external_id,first_name,last_name,phone_direct,stage\n';
    await importText(t.ctx, `${header}a1,Ann,Lee,212-555-0101,new\nb1,Bo,Kim,212-555-0102,contacted\n`);
    // Calls since moved Ann on.
    await t.db.execute(sql`update prospects set stage = 'engaged' where external_id = 'a1'`);
    const again = await importText(
      t.ctx,
      `${header}a1,Ann,Lee,212-555-0101,new\nb1,Bo,Kim,212-555-0102,interested\n`,
    );
    expect(again).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await stored()).map((p) => p.stage)).toEqual(['engaged', 'interested']);
    // Either end is taken from the funnel (lost, won), and an end stays: an old list does not undo a win.
    await importText(t.ctx, `${header}a1,Ann,Lee,212-555-0101,lost\nb1,Bo,Kim,212-555-0102,customer\n`);
    expect((await stored()).map((p) => p.stage)).toEqual(['lost', 'customer']);
    await importText(t.ctx, `${header}a1,Ann,Lee,212-555-0101,customer\nb1,Bo,Kim,212-555-0102,lost\n`);
    expect((await stored()).map((p) => p.stage)).toEqual(['lost', 'customer']);
  });

  it("a rep's import told its rows left as another rep's only in the summary: they are streamed with the others, in line order", async () => {
    const [kit, sam] = await t.db
      .insert(users)
      .values([
        { teamId: t.ctx.team.id, name: 'Kit', email: 'kit@northwind.example', role: 'rep' },
        { teamId: t.ctx.team.id, name: 'Sam', email: 'sam@northwind.example', role: 'rep' },
      ])
      .returning();
    await importText(
      t.ctx,
      'email,first_name,last_name,phone_direct\nola@acme.example,Ola,Ng,212-555-0101\n',
    );
    await t.db.update(prospects).set({ ownerId: kit!.id });
    const asSam: Ctx = {
      ...t.ctx,
      user: {
        kind: 'user',
        id: sam!.id,
        name: 'Sam',
        email: 'sam@northwind.example',
        role: 'rep',
        via: 'session',
        teamId: t.ctx.team.id,
        owner: false,
      },
    };
    const told: Rejection[] = [];
    const report = await importCsv(asSam, {
      input: textInput(
        'email,first_name,last_name,phone_direct\n' +
          'ola@acme.example,Ola,Changed,212-555-0101\n' +
          'bo@acme.example,Bo,Kim,not a number\n' +
          'cy@acme.example,Cy,Ng,212-555-0103\n',
        64,
      ),
      batchSize: 1,
      onRejected: (r) => told.push(r),
    });
    expect(report).toMatchObject({ imported: 1, rejectedRows: 2 });
    expect(told.map((r) => r.line)).toEqual([2, 3]);
    expect(told[0]!.reason).toContain("another rep's book");
    expect((await stored())[0]).toMatchObject({ lastName: 'Ng', ownerId: kit!.id });
  });

  it('merges the same prospect given twice in one batch into one record', async () => {
    const report = await importText(
      t.ctx,
      'external_id,first_name,last_name,title,company,company_domain,phone_direct,phone_mobile,region,country\n' +
        'x1,Ann,Lee,,Acme,acme.example,212-555-0101,,,US\n' +
        'x1,Ann,Lee,CFO,ACME Inc,ACME.example,,917-555-0111,NY,\n',
    );
    expect(report).toMatchObject({ imported: 1, updated: 1, unchanged: 0 });
    const [ann, ...others] = await stored();
    expect(others).toEqual([]);
    expect(ann).toMatchObject({ title: 'CFO', region: 'NY', country: 'US', timezone: 'America/New_York' });
    expect((await numbers()).map((n) => n.e164)).toEqual(['+12125550101', '+19175550111']);
    const all = await t.db.select().from(companies);
    expect(all).toHaveLength(1);
    expect(ann!.companyId).toBe(all[0]!.id);
  });

  it('finds across a batch boundary what an earlier batch wrote: the prospect, its number, its company', async () => {
    const csv =
      'first_name,last_name,email,phone_direct,company,company_domain\n' +
      'Ann,Lee,ann@acme.example,212-555-0101,Acme,acme.example\n' +
      'Bo,Kim,bo@acme.example,212-555-0102,Acme,acme.example\n' +
      // Next batch: Ann again by her email, and someone known only by Bo's direct line.
      'Ann,Lee,ANN@acme.example,212-555-0101,Acme,acme.example\n' +
      'Bob,Kim,,212-555-0102,Acme Corp,acme.example\n' +
      'Cy,Ng,cy@other.example,,Other,\n';
    const progress: number[] = [];
    const report = await importCsv(t.ctx, {
      input: textInput(csv, 64),
      batchSize: 2,
      onProgress: (p) => progress.push(p.rows),
    });
    expect(report).toMatchObject({ rows: 5, imported: 3, updated: 1, unchanged: 1 });
    expect(progress).toEqual([2, 4, 5]);
    const rows = await stored();
    // Bo's record takes the first name of the row that matched it on his direct line.
    expect(rows.map((p) => p.firstName)).toEqual(['Ann', 'Bob', 'Cy']);
    const all = await t.db.select().from(companies).orderBy(asc(companies.id));
    expect(all.map((c) => [c.name, c.domain])).toEqual([
      ['Acme', 'acme.example'],
      ['Other', null],
    ]);
    // Again: every company is found, by domain or, without one, by name in any case.
    await importText(t.ctx, csv.replace('Other,', 'OTHER,'), { batchSize: 2 });
    expect(await t.db.select().from(companies)).toHaveLength(2);
  });

  it('keeps text COPY would read as its own syntax: tabs, backslashes, line breaks, \\N', async () => {
    const notes = 'tab\there, back\\slash, \\N, "quoted"\nsecond line\r\nthird';
    const csv = `first_name,last_name,title,notes\n\\N,O'Brien\\,"a\tb","${notes.replaceAll('"', '""')}"\n`;
    const report = await importText(t.ctx, csv);
    expect(report).toMatchObject({ imported: 1, rejectedRows: 0 });
    const [row] = await stored();
    expect(row).toMatchObject({ firstName: '\\N', lastName: "O'Brien\\", title: 'a\tb' });
    expect(row!.research).toEqual({ notes: notes.replaceAll('\r\n', '\n') });
  });

  it('writes nothing on a dry run over several batches, and counts as a real run would', async () => {
    // Each dry batch rolls back, so a repeat is counted only within its batch (as before COPY).
    const csv = 'external_id,first_name\ne0,P0\ne0,P1\ne1,P2\ne2,P3\ne3,P4\ne4,P5\ne5,P6\n';
    const dry = await importText(t.ctx, csv, { batchSize: 3, dryRun: true });
    expect(await stored()).toEqual([]);
    const real = await importText(t.ctx, csv, { batchSize: 3 });
    expect(real).toMatchObject({ imported: 6, updated: 1, unchanged: 0 });
    expect(dry).toMatchObject({ dryRun: true, imported: 6, updated: 1, unchanged: 0 });
    expect((await stored()).map((p) => p.firstName)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
  });

  it('stops at a failing batch: the batches before it kept, no problem heard of rows after it', async () => {
    await t.db.execute(
      sql.raw(`create function reach_test_boom() returns trigger language plpgsql as $$
        begin if new.email = 'boom@x.com' then raise exception 'disk full'; end if; return new; end $$`),
    );
    await t.db.execute(
      sql.raw(
        'create trigger boom before insert on prospects for each row execute function reach_test_boom()',
      ),
    );
    const heard: Rejection[] = [];
    const csv =
      'first_name,email\nA,a@x.com\n,bad-1\nB,b@x.com\nBoom,boom@x.com\nC,c@x.com\n,bad-2\nD,d@x.com\nE,e@x.com\n';
    await expect(
      importCsv(t.ctx, { input: textInput(csv, 64), batchSize: 2, onRejected: (r) => heard.push(r) }),
    ).rejects.toThrow(/Import stopped after 5 rows/);
    expect((await stored()).map((p) => p.email)).toEqual(['a@x.com', 'b@x.com']);
    expect(heard.map((r) => r.line)).toEqual([3]);
  });
});
