import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDnc } from '../src/modules/dnc/dnc-import.service.ts';
import { importCsv } from '../src/modules/imports/import.service.ts';
import {
  addProspect,
  editProspect,
  getProspect,
  type ProspectView,
} from '../src/modules/prospects/prospects.service.ts';
import type { Ctx } from '../src/modules/team/team.service.ts';
import { addDnc, addIntel, buildQueue, logCall, planDay, updateTeamConfig } from './support/checked.ts';
import { drivers, freshDb, type TestDb, textInput } from './support/databases.ts';

const NOW = new Date('2030-01-01T00:00:00Z');
const log = (ctx: Ctx, body: Record<string, unknown>) => logCall(ctx, { body, now: NOW });
const ids = async (ctx: Ctx, at: string) => (await buildQueue(ctx, { at })).entries.map((e) => e.prospect.id);

// 2026-03-03 is a Tuesday; New York is UTC-5, Chicago UTC-6 and Los Angeles UTC-8 that day.
describe.each(drivers)('the call queue on %s', (driver) => {
  let t: TestDb;
  let ann: ProspectView;
  let bo: ProspectView;
  let cy: ProspectView;
  beforeEach(async () => {
    t = await freshDb(driver);
    ann = await addProspect(t.ctx, {
      firstName: 'Ann',
      lastName: 'Lee',
      title: 'CFO',
      company: 'Acme',
      timezone: 'America/New_York',
      value: 40_000,
      phones: [
        { number: '212-555-0142', kind: 'direct' },
        { number: '212-555-0100', kind: 'main' },
      ],
    });
    bo = await addProspect(t.ctx, {
      firstName: 'Bo',
      title: 'Controller',
      company: 'Acme',
      timezone: 'America/New_York',
      value: 40_000,
      phones: [{ number: '212-555-0177', kind: 'direct' }],
    });
    cy = await addProspect(t.ctx, {
      firstName: 'Cy',
      title: 'VP Finance',
      company: 'Bolt',
      timezone: 'America/Los_Angeles',
      value: 40_000,
      phones: [{ number: '415-555-0123', kind: 'direct' }],
    });
  });
  afterEach(async () => {
    await t.drop();
  });

  it('answers with the number, local time, chance, value and reasons of each prospect', async () => {
    const queue = await buildQueue(t.ctx, { at: '2026-03-03T17:00:00Z' });
    expect(queue.at).toBe('2026-03-03T17:00:00.000Z');
    const first = queue.entries.find((e) => e.prospect.id === cy.id);
    expect(first).toMatchObject({
      prospect: { id: cy.id, name: 'Cy', company: 'Bolt', title: 'VP Finance' },
      number: { e164: '+14155550123', kind: 'direct' },
      local: { time: '09:00', weekday: 'Tue', timezone: 'America/Los_Angeles' },
      reasons: ['first dial'],
    });
    expect(first!.probability).toBeGreaterThan(0);
    expect(first!.expectedValue).toBeCloseTo(first!.probability * 40_000, 0);
  });

  it('proposes nobody outside legal hours in their own zone', async () => {
    // 7:30 in New York, 4:30 in Los Angeles.
    expect(await ids(t.ctx, '2026-03-03T12:30:00Z')).toEqual([]);
    // 20:30 in New York is open, 21:30 is not; Los Angeles is open at both.
    expect(await ids(t.ctx, '2026-03-04T02:30:00Z')).toEqual([cy.id]);
    expect((await ids(t.ctx, '2026-03-04T01:30:00Z')).sort((a, b) => a - b)).toEqual([ann.id, bo.id, cy.id]);
  });

  it('dials each number in its own zone: a Los Angeles mobile is not proposed at 07:47 there for a Chicago prospect', async () => {
    const di = await addProspect(t.ctx, {
      firstName: 'Di',
      title: 'CFO',
      company: 'Corn',
      region: 'IL',
      country: 'US',
      value: 90_000,
      phones: [
        { number: '312-555-0142', kind: 'direct' },
        { number: '310-555-0199', kind: 'mobile' },
      ],
    });
    // 15:47 UTC on a Tuesday in March: 09:47 in Chicago, 07:47 in Los Angeles.
    const at = '2026-03-03T15:47:00Z';
    const entry = (await buildQueue(t.ctx, { at })).entries.find((e) => e.prospect.id === di.id);
    expect(entry).toMatchObject({ number: { e164: '+13125550142' }, local: { timezone: 'America/Chicago' } });
    await addDnc(t.ctx, { number: '312-555-0142', reason: 'asked', at: '2026-03-03T15:00:00Z' });
    expect(await ids(t.ctx, at)).not.toContain(di.id);
    // At 10:00 in Los Angeles the mobile is proposed; the record says Illinois, so both clocks bind and
    // the card reads the earlier one.
    const later = (await buildQueue(t.ctx, { at: '2026-03-03T18:00:00Z' })).entries.find(
      (e) => e.prospect.id === di.id,
    );
    expect(later).toMatchObject({
      number: { e164: '+13105550199' },
      local: { time: '10:00', timezone: 'America/Los_Angeles', ambiguous: true },
    });
  });

  it('calls a UK number only once the book is screened against the TPS and CTPS registers', async () => {
    const uk = await addProspect(t.ctx, {
      firstName: 'Una',
      title: 'CFO',
      company: 'Quay',
      country: 'GB',
      value: 90_000,
      phones: [{ number: '+44 20 7946 0018', kind: 'direct' }],
    });
    // 10:00 in London on a Tuesday.
    const at = '2026-03-03T10:00:00Z';
    expect(await ids(t.ctx, at)).not.toContain(uk.id);
    await importDnc(t.ctx, { input: Readable.from(['+44 20 7946 0999\n']), source: 'TPS' });
    expect(await ids(t.ctx, at)).not.toContain(uk.id);
    await importDnc(t.ctx, { input: Readable.from(['+44 20 7946 0998\n']), source: 'CTPS' });
    expect(await ids(t.ctx, at)).toContain(uk.id);
  });

  it("holds a list imported with --list to the team's rule scoped to it, and nobody else", async () => {
    await updateTeamConfig(t.ctx, {
      callingRules: [
        {
          id: 'dentists',
          label: 'Dentists 9 to 5',
          list: 'dentists',
          hours: { weekday: [{ start: '09:00', end: '17:00' }], saturday: [], sunday: [] },
        },
      ],
    });
    const csv = (name: string, phone: string) =>
      `external_id,first_name,title,timezone,phone_direct\n${name},${name},CFO,America/Chicago,${phone}\n`;
    await importCsv(t.ctx, { input: textInput(csv('ed', '312-555-0188')), list: 'dentists' });
    await importCsv(t.ctx, { input: textInput(csv('flo', '312-555-0189')) });
    const [ed, flo] = await Promise.all(['ed', 'flo'].map((key) => getProspect(t.ctx, { key })));
    // 17:30 and 16:00 on a Tuesday in Chicago.
    const late = await ids(t.ctx, '2026-03-03T23:30:00Z');
    expect(late).toContain(flo!.id);
    expect(late).not.toContain(ed!.id);
    expect(await ids(t.ctx, '2026-03-03T22:00:00Z')).toContain(ed!.id);
  });

  it('learns the hour a prospect picks up and carries a company window to a colleague', async () => {
    for (const day of ['2026-02-17', '2026-02-18', '2026-02-24']) {
      await log(t.ctx, { prospect: ann.id, kind: 'direct', outcome: 'reached', at: `${day}T13:10:00Z` });
      await log(t.ctx, { prospect: cy.id, outcome: 'no-answer', at: `${day}T16:10:00Z` });
    }
    // Tuesday 8:15 in New York and 5:15 in Los Angeles: Ann first, on her direct line.
    const queue = await buildQueue(t.ctx, { at: '2026-03-03T13:15:00Z' });
    expect(queue.entries[0]).toMatchObject({ prospect: { id: ann.id }, number: { kind: 'direct' } });
    expect(queue.entries[0]!.reasons).toContain('picked up 3 of 3 dials on the direct line at 8-9am');
    const colleague = queue.entries.find((e) => e.prospect.id === bo.id)!;
    expect(colleague.reasons).toContain('colleagues at Acme answer the direct line at 8-9am (3 of 3)');
    expect(colleague.probability).toBeGreaterThan(0.2);
  });

  it("uses the gatekeeper's hours: the direct line at lunch, reasoned", async () => {
    await addIntel(t.ctx, {
      prospect: bo.id,
      type: 'gatekeeper-hours',
      arrives: '08:30',
      leaves: '17:00',
      from: '13:00',
      to: '14:00',
      at: '2026-02-20T15:00:00Z',
    });
    const lunch = await buildQueue(t.ctx, { at: '2026-03-03T18:15:00Z' });
    expect(lunch.entries[0]?.number.kind).toBe('direct');
    expect([ann.id, bo.id]).toContain(lunch.entries[0]?.prospect.id);
    expect(lunch.entries[0]?.reasons[0]).toBe('gatekeeper at lunch 13:00-14:00: direct line rings through');
    const desk = await buildQueue(t.ctx, { at: '2026-03-03T16:00:00Z' });
    const boAtDesk = desk.entries.find((e) => e.prospect.id === bo.id)!;
    const boAtLunch = lunch.entries.find((e) => e.prospect.id === bo.id)!;
    expect(boAtLunch.probability).toBeGreaterThan(boAtDesk.probability * 3);
  });

  it('a private line given for six to seven and the direct line got the same chance then: the private line wins at its hours, every time, and says why', async () => {
    await log(t.ctx, {
      prospect: ann.id,
      outcome: 'gatekeeper',
      kind: 'direct',
      at: '2026-03-02T15:00:00Z',
      intel: [{ type: 'private-line', value: '212-555-0199', from: '18:00', to: '19:00' }],
    });
    const kinds: string[] = [];
    // Twenty weekdays at 18:15 New York time (UTC-5 until 8 March, UTC-4 after), each its own draw.
    for (let day = 3; day <= 31; day++) {
      const date = new Date(Date.UTC(2026, 2, day));
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
      const hour = day < 8 ? 23 : 22;
      const at = new Date(Date.UTC(2026, 2, day, hour, 15)).toISOString();
      const entry = (await buildQueue(t.ctx, { at })).entries.find((e) => e.prospect.id === ann.id);
      expect(entry, at).toBeDefined();
      kinds.push(entry!.number.kind);
      expect(entry!.reasons, at).toContain('private line: the one to dial 18:00-19:00, as recorded');
    }
    expect(kinds.length).toBeGreaterThanOrEqual(19);
    expect(new Set(kinds)).toEqual(new Set(['private']));
    // Outside its hours the private line is just another number: no reason claims otherwise.
    const morning = (await buildQueue(t.ctx, { at: '2026-03-04T15:00:00Z' })).entries.find(
      (e) => e.prospect.id === ann.id,
    );
    expect(morning?.reasons.join(' ')).not.toContain('the one to dial');
  });

  it("a lunch window heard from the gatekeeper that morning raised her chance but dropped her rank: the gatekeeper's answer is no second try at her", async () => {
    const lunchtime = '2026-03-03T18:15:00Z'; // 13:15 in New York
    const before = (await buildQueue(t.ctx, { at: lunchtime })).entries;
    const rankBefore = before.findIndex((e) => e.prospect.id === ann.id);
    const chanceBefore = before[rankBefore]!.probability;
    await log(t.ctx, {
      prospect: ann.id,
      outcome: 'gatekeeper',
      kind: 'main',
      at: '2026-03-03T15:00:00Z',
      intel: [{ type: 'gatekeeper-hours', from: '13:00', to: '14:00' }],
    });
    const after = (await buildQueue(t.ctx, { at: lunchtime })).entries;
    const rankAfter = after.findIndex((e) => e.prospect.id === ann.id);
    expect(rankAfter).toBeGreaterThanOrEqual(0);
    expect(after[rankAfter]!.probability).toBeGreaterThan(chanceBefore * 1.5);
    expect(rankAfter).toBeLessThanOrEqual(rankBefore);
    expect(after[rankAfter]!.reasons.join(' ')).not.toContain('second try');
    // A dial that rang her own phone that morning still makes a second try rank lower.
    await log(t.ctx, { prospect: cy.id, outcome: 'no-answer', kind: 'direct', at: '2026-03-03T16:00:00Z' });
    const cyAfter = (await buildQueue(t.ctx, { at: '2026-03-03T19:15:00Z' })).entries.find(
      (e) => e.prospect.id === cy.id,
    );
    expect(cyAfter?.reasons.join(' ')).toContain('a second try today ranks lower');
  });

  it('colleagues who share only a switchboard were never dialled: each page of ten gives one never-dialled prospect a first try', async () => {
    for (let i = 0; i < 12; i++) {
      const p = await addProspect(t.ctx, {
        firstName: `Direct${i}`,
        company: `Direct Co ${i}`,
        timezone: 'America/New_York',
        value: 90_000,
        phones: [{ number: `212-555-02${String(i).padStart(2, '0')}`, kind: 'direct' }],
      });
      await log(t.ctx, { prospect: p.id, outcome: 'no-answer', at: '2026-02-27T15:00:00Z' });
    }
    for (const who of [ann, bo, cy])
      await log(t.ctx, { prospect: who.id, outcome: 'no-answer', at: '2026-02-27T16:00:00Z' });
    const colleagues = [];
    for (const name of ['Dee', 'Eli'])
      colleagues.push(
        await addProspect(t.ctx, {
          firstName: name,
          company: 'Zeta',
          timezone: 'America/New_York',
          value: 10_000,
          phones: [{ number: '212-555-0300', kind: 'main' }],
        }),
      );
    const ids = colleagues.map((c) => c.id);
    const page = (await buildQueue(t.ctx, { at: '2026-03-03T16:00:00Z', limit: 10 })).entries;
    const first = page.findIndex((e) => ids.includes(e.prospect.id));
    expect(first, 'a colleague on the first page').toBeGreaterThanOrEqual(0);
    expect(page[first]!.reasons).toContain(
      'never dialled: a first try, so nobody in the book is left untouched',
    );
    expect(page).toHaveLength(10);
    // Dialled, the next first try is the other colleague.
    await log(t.ctx, {
      prospect: page[first]!.prospect.id,
      outcome: 'gatekeeper',
      kind: 'main',
      at: '2026-03-03T16:01:00Z',
    });
    const next = (await buildQueue(t.ctx, { at: '2026-03-03T18:30:00Z', limit: 10 })).entries;
    const other = ids.find((id) => id !== page[first]!.prospect.id)!;
    expect(next.map((e) => e.prospect.id)).toContain(other);
  });

  it('puts a promised callback on top at its time, inside two hours of the last dial', async () => {
    await log(t.ctx, {
      prospect: cy.id,
      outcome: 'reached',
      result: 'callback-scheduled',
      resultAt: '2026-03-03T21:30:00Z',
      at: '2026-03-03T20:00:00Z',
    });
    const queue = await buildQueue(t.ctx, { at: '2026-03-03T21:25:00Z' });
    expect(queue.entries[0]).toMatchObject({ prospect: { id: cy.id }, callbackDue: true });
    expect(queue.entries[0]!.reasons[0]).toBe('callback promised for 13:30');
    // Not before its time: the two-hour gap holds until then.
    expect(await ids(t.ctx, '2026-03-03T20:45:00Z')).not.toContain(cy.id);
  });

  it('leaves out Do-Not-Call numbers, opted-out, lost and out-of-office prospects', async () => {
    const at = '2026-03-03T17:00:00Z';
    await addDnc(t.ctx, { number: '212-555-0142', at: '2026-03-01T00:00:00Z' });
    const annEntry = (await buildQueue(t.ctx, { at })).entries.find((e) => e.prospect.id === ann.id);
    expect(annEntry?.number.kind).toBe('main');
    await log(t.ctx, {
      prospect: bo.id,
      outcome: 'reached',
      result: 'do-not-call',
      at: '2026-03-01T15:00:00Z',
    });
    await editProspect(t.ctx, { key: String(ann.id), body: { stage: 'lost' } });
    await addIntel(t.ctx, {
      prospect: cy.id,
      type: 'out-of-office',
      until: '2026-03-09',
      at: '2026-03-02T15:00:00Z',
    });
    expect(await ids(t.ctx, at)).toEqual([]);
    expect(await ids(t.ctx, '2026-03-10T17:00:00Z')).toEqual([cy.id]);
  });

  it('keeps to the courtesy limits: two hours apart, two a day, no second message within a day', async () => {
    await log(t.ctx, { prospect: cy.id, outcome: 'no-answer', at: '2026-03-03T17:00:00Z' });
    expect(await ids(t.ctx, '2026-03-03T18:30:00Z')).not.toContain(cy.id);
    expect(await ids(t.ctx, '2026-03-03T19:01:00Z')).toContain(cy.id);
    await log(t.ctx, { prospect: cy.id, outcome: 'no-answer', at: '2026-03-03T19:01:00Z' });
    expect(await ids(t.ctx, '2026-03-03T23:00:00Z')).not.toContain(cy.id);
    await log(t.ctx, {
      prospect: ann.id,
      outcome: 'voicemail-left',
      message: { kind: 'curiosity' },
      at: '2026-03-03T14:00:00Z',
    });
    expect(await ids(t.ctx, '2026-03-03T20:00:00Z')).not.toContain(ann.id);
    expect(await ids(t.ctx, '2026-03-04T14:01:00Z')).toContain(ann.id);
  });

  it('shows one rep only their own prospects', async () => {
    await editProspect(t.ctx, { key: String(cy.id), body: { owner: 'sam@northwind.test' } });
    await editProspect(t.ctx, { key: String(bo.id), body: { owner: 'Sam@Northwind.test' } });
    const sams = await buildQueue(t.ctx, { at: '2026-03-03T18:00:00Z', rep: 'sam@northwind.test' });
    expect(sams.entries.map((e) => e.prospect.id).sort((a, b) => a - b)).toEqual([bo.id, cy.id]);
    expect((await buildQueue(t.ctx, { at: '2026-03-03T18:00:00Z' })).entries).toHaveLength(3);
  });

  it('gives the same queue for the same book and time', async () => {
    const a = await buildQueue(t.ctx, { at: '2026-03-03T17:00:00Z' });
    const b = await buildQueue(t.ctx, { at: '2026-03-03T17:00:00Z' });
    expect(b).toEqual(a);
  });

  it('the order reshuffles on every request: the same order twelve seconds and half an hour later', async () => {
    const more = [];
    for (let i = 0; i < 30; i++)
      more.push(
        await addProspect(t.ctx, {
          firstName: `P${i}`,
          company: `Co ${i % 7}`,
          timezone: 'America/New_York',
          value: 10_000 + i * 1_000,
          phones: [{ number: `212-555-${String(2000 + i)}`, kind: i % 3 === 0 ? 'main' : 'direct' }],
        }),
      );
    // Some evidence, so that beliefs differ and draws matter.
    for (const [i, p] of more.slice(0, 12).entries())
      await log(t.ctx, {
        prospect: p.id,
        outcome: i % 4 === 0 ? 'reached' : 'no-answer',
        at: '2026-03-02T13:10:00Z',
      });
    const order = async (at: string) =>
      (await buildQueue(t.ctx, { at, limit: 20 })).entries.map((e) => `${e.prospect.id}:${e.number.id}`);
    const first = await order('2026-03-03T15:00:03Z');
    expect(await order('2026-03-03T15:00:15Z')).toEqual(first);
    expect(await order('2026-03-03T15:31:00Z')).toEqual(first);
  });

  it('rejects a bad time or limit by name', async () => {
    await expect(buildQueue(t.ctx, { at: 'tuesday' })).rejects.toMatchObject({
      code: 'validation',
      issues: [{ field: 'at' }],
    });
    await expect(buildQueue(t.ctx, { limit: '0' })).rejects.toMatchObject({ issues: [{ field: 'limit' }] });
    await expect(buildQueue(t.ctx, { rep: 'nobody' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(buildQueue(t.ctx, { hours: 'evening' })).rejects.toMatchObject({
      issues: [{ field: 'hours' }],
    });
    await expect(buildQueue(t.ctx, { worth: 'yes' })).rejects.toMatchObject({ issues: [{ field: 'worth' }] });
    await expect(buildQueue(t.ctx, { explore: 'no' })).rejects.toMatchObject({
      issues: [{ field: 'explore' }],
    });
  });

  it('an after-hours session proposes only numbers whose own clock is after hours', async () => {
    // 17:30 in New York, 14:30 in Los Angeles.
    const at = '2026-03-03T22:30:00Z';
    expect((await ids(t.ctx, at)).sort()).toEqual([ann.id, bo.id, cy.id].sort());
    const late = await buildQueue(t.ctx, { at, hours: 'after-hours' });
    expect(late.entries.map((e) => e.prospect.id).sort()).toEqual([ann.id, bo.id].sort());
    expect(late.entries.every((e) => e.local.timezone === 'America/New_York')).toBe(true);
    // What a plan reads: the best bets by their means, nobody put in to explore or for a first try.
    const bets = await buildQueue(t.ctx, { at, explore: 'false' });
    expect(bets.entries.length).toBe(3);
    expect(
      bets.entries.some((e) => e.exploring || e.reasons.some((r) => r.startsWith('never dialled'))),
    ).toBe(false);
    expect((await buildQueue(t.ctx, { at })).entries.map((e) => e.exploring)).toContain(true);
  });

  it("plans the day around the gatekeeper's lunch, in the rep's clock and the prospect's", async () => {
    await addIntel(t.ctx, {
      prospect: bo.id,
      type: 'gatekeeper-hours',
      arrives: '08:30',
      from: '13:00',
      to: '14:00',
      at: '2026-02-20T15:00:00Z',
    });
    const plan = await planDay(t.ctx, { day: '2026-03-03', zone: 'America/Chicago' });
    expect(plan.zone).toBe('America/Chicago');
    const boWindows = plan.windows.filter((w) => w.prospect.id === bo.id);
    expect(boWindows.length).toBeGreaterThan(0);
    expect(boWindows.length).toBeLessThanOrEqual(2);
    expect(boWindows[0]).toMatchObject({ localFrom: '08:00', from: '07:00', number: { kind: 'direct' } });
    expect(boWindows.some((w) => w.localFrom >= '13:00' && w.localFrom < '14:00')).toBe(true);
    const starts = plan.windows.map((w) => w.from);
    expect([...starts].sort()).toEqual(starts);
  });
});
